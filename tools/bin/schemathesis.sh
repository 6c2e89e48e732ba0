#!/usr/bin/env bash
# Runs the pinned schemathesis from a virtualenv in the cache, creating it on first use
# (PyPI only; CI starts from a fresh clone, the cache outlives it). Arguments go to schemathesis.
set -euo pipefail
VERSION=4.32.5
CACHE="${BROADSHEET_CACHE:-$HOME/.cache/broadsheet}"
VENV="$CACHE/schemathesis-$VERSION"
# A venv cannot be moved (its scripts name their interpreter), so it is built in place and
# marked complete last: a half-built one is thrown away and built again.
if [ ! -f "$VENV/.installed" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
  touch "$VENV/.installed"
fi
exec "$VENV/bin/schemathesis" "$@"
