#!/usr/bin/env bash
# npm test: unit, integration and end-to-end specs against a real Kafka, Mongo store and Meilisearch.
# Extra arguments go to jest, e.g. `npm test -- test/e2e`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/bin/prepare.sh
# Provision before jest so a cold download or compile shows its progress and a missing tool its message.
node tools/bin/run.js tools/stack/provision-cli.js
bash tools/bin/reader-tools.sh
# The plain "jest: N passed, N failed" line closes the output, after jest's own summary on stderr.
export BROADSHEET_TEST_SUMMARY="${BROADSHEET_TEST_SUMMARY:-$(mktemp)}"
rc=0
npx jest "$@" || rc=$?
cat "$BROADSHEET_TEST_SUMMARY" 2>/dev/null || true
exit $rc
