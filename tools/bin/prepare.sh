#!/usr/bin/env bash
# Shared by npm start, npm test and npm run bench: install what is missing, then build.
# The local Kafka, Mongo store and Meilisearch are provisioned by tools/stack (cached in ~/.cache/broadsheet).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v node >/dev/null 2>&1; then
  echo "broadsheet: node not found: install Node.js 20.19 or newer (e.g. apt-get install nodejs)" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "broadsheet: Node.js $(node -v) is too old: 20.19 or newer is needed" >&2
  exit 1
fi

# A fresh clone, or a lockfile newer than the installed tree: install exactly what the lockfile says.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[broadsheet] installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "[broadsheet] building (tsc)"
npm run --silent build
