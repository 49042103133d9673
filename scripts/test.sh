#!/usr/bin/env bash
# Every test: widgets in Chromium (web-test-runner), then proxy, simulator, spec, bundle size and the
# end-to-end demo in Node's runner, whose summary ends the output. Both run even when the first fails.
set -u
cd "$(dirname "$0")/.."
status=0
npx wtr || status=1
mapfile -t node_tests < <(find proxy simulator spec test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ "${#node_tests[@]}" -eq 0 ]; then
  echo "no Node test files found" >&2
  exit 1
fi
node --import tsx --test "${node_tests[@]}" || status=1
exit $status
