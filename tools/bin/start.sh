#!/usr/bin/env bash
# npm start: dependencies, the four services and the demo news; Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/bin/prepare.sh
exec node tools/bin/run.js tools/platform/start.js
