#!/usr/bin/env bash
# Builds PostgreSQL 15 with the DocumentDB extension (FerretDB 2's storage engine) into a prefix,
# without installing anything system-wide:
#   1. Debian's PostgreSQL 15 and the build dependencies, downloaded with apt-get and unpacked
#      with dpkg -x into <prefix>;
#   2. pgvector, pg_cron and pg_documentdb(_core) built from the source archives in <sources>
#      (checksums verified by the caller) against that PostgreSQL, installed into the same prefix.
# The flags are the ones the build notes of ../shared/mirror/README.md found necessary.
#
# Usage: build-documentdb.sh <prefix> <sources-dir> <work-dir>
set -euo pipefail

PREFIX="$1"
SOURCES="$2"
WORK="$3"

DEBS=(postgresql-15 postgresql-server-dev-15 libbson-dev libintelrdfpmath-dev libpcre2-dev
  postgresql-15-rum postgresql-15-postgis-3 libkrb5-dev)
DOCUMENTDB=documentdb-0.106.0-ferretdb-2.5.0
PGVECTOR=pgvector-0.8.0
PG_CRON=pg_cron-1.6.4

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "$1 not found: $2" >&2
    exit 69
  }
}
need gcc "install a C compiler, e.g. apt-get install gcc"
need make "install make, e.g. apt-get install make"
need pkg-config "install pkg-config, e.g. apt-get install pkg-config"
need apt-get "PostgreSQL 15 comes from Debian's packages: a Debian 12 (bookworm) machine is needed"
need dpkg "PostgreSQL 15 comes from Debian's packages: a Debian 12 (bookworm) machine is needed"

mkdir -p "$PREFIX" "$WORK/debs/partial"

# --reinstall: a package already installed on this machine would otherwise be skipped.
fetch_debs() {
  apt-get install -y -qq -d --reinstall --no-install-recommends \
    -o Dir::Cache::archives="$WORK/debs" "${DEBS[@]}" >"$WORK/apt.log" 2>&1
}
echo "  postgresql: downloading Debian packages (${DEBS[*]})"
if ! fetch_debs; then
  # A machine that never ran apt-get update has no package lists; refresh them once and retry.
  apt-get update -qq >>"$WORK/apt.log" 2>&1 || true
  fetch_debs || {
    tail -n 20 "$WORK/apt.log" >&2
    exit 1
  }
fi
for deb in "$WORK"/debs/*.deb; do dpkg -x "$deb" "$PREFIX"; done

PGBIN="$PREFIX/usr/lib/postgresql/15/bin"
export PG_CONFIG="$PGBIN/pg_config"
[ -x "$PG_CONFIG" ] || {
  echo "pg_config missing after unpacking the packages" >&2
  exit 1
}
EXT="$PREFIX/usr/share/postgresql/15/extension"
# Debian makes postgis.control with update-alternatives, which dpkg -x does not run.
[ -e "$EXT/postgis.control" ] || ln -s postgis-3.control "$EXT/postgis.control"

# pkg-config files for the unpacked prefix (the packaged ones point at /usr).
PC="$WORK/pkgconfig"
mkdir -p "$PC"
LIBDIR="$PREFIX/usr/lib/x86_64-linux-gnu"
for name in libbson-static-1.0 libpcre2-8; do
  sed -e "s|^prefix=.*|prefix=$PREFIX/usr|" -e "s|/usr/lib/x86_64-linux-gnu/librt.a|-lrt|g" \
    "$LIBDIR/pkgconfig/$name.pc" >"$PC/$name.pc"
done
cat >"$PC/intelmathlib.pc" <<EOF
Name: intelmathlib
Description: Intel decimal floating-point math library (Debian libintelrdfpmath-dev)
Version: 2.0
Cflags: -I$PREFIX/usr/include
Libs: -L$LIBDIR -lbidgcc000
EOF
export PKG_CONFIG_PATH="$PC"

build_ext() {
  local dir="$1"
  shift
  (cd "$dir" && make with_llvm=no "$@" >"$WORK/$(basename "$dir").log" 2>&1 &&
    make with_llvm=no "$@" install >>"$WORK/$(basename "$dir").log" 2>&1) || {
    tail -n 30 "$WORK/$(basename "$dir").log" >&2
    exit 1
  }
}

mkdir -p "$WORK/src"
for archive in "$PGVECTOR" "$PG_CRON" "$DOCUMENTDB"; do tar -xzf "$SOURCES/$archive.tar.gz" -C "$WORK/src"; done
echo "  postgresql: building pgvector, pg_cron"
# pgvector compiles with -march=native: the cache is per machine, like this build.
build_ext "$WORK/src/$PGVECTOR"
# Debian's pg_cron 1.4 refuses DocumentDB's "2 seconds" schedules, hence 1.6 from source.
build_ext "$WORK/src/$PG_CRON"
echo "  postgresql: building pg_documentdb_core, pg_documentdb"
# Debian's libbson 1.23 lacks the sensitive subtype, and a switch over its enum warns.
for part in pg_documentdb_core pg_documentdb; do
  build_ext "$WORK/src/$DOCUMENTDB/$part" COPT="-DBSON_SUBTYPE_SENSITIVE=8 -Wno-error=switch"
done
"$PGBIN/postgres" --version
