#!/usr/bin/env bash
# The reader-facing tests need Chromium (browser test) and xmllint (sitemap schemas). Both come from the
# Debian registry; installed here when missing and the machine lets us (root with apt-get), never downloaded
# by hand. Where they cannot be had this says so; the browser test then skips with that reason, and the
# sitemap test fails naming xmllint.
set -uo pipefail

missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[broadsheet] installing ${missing[*]} from the Debian registry (apt-get)"
  if apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    exit 0
  fi
  echo "[broadsheet] apt-get could not install ${missing[*]}" >&2
else
  echo "[broadsheet] ${missing[*]} missing and not installable here (needs root and apt-get): install them to run the browser and sitemap tests" >&2
fi
exit 0
