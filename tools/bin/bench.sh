#!/usr/bin/env bash
# npm run bench: benchmarks on a stack of their own; prints a table, never fails for speed.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/bin/prepare.sh
node tools/bin/run.js tools/stack/provision-cli.js
exec node tools/bin/run.js bench/run.js "$@"
