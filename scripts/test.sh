#!/usr/bin/env bash
# Every test: widgets in Chromium (web-test-runner), then contract, proxy, simulator, spec, bundle size and the
# end-to-end demo in Node's runner, whose summary ends the output. Both run even when the first fails.
set -u
cd "$(dirname "$0")/.."
status=0
npx wtr || status=1
mapfile -t node_tests < <(find contract proxy simulator spec test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ "${#node_tests[@]}" -eq 0 ]; then
  echo "no Node test files found" >&2
  exit 1
fi
# One file at a time: the package and examples tests run `npm pack`, whose prepack rebuilds dist/, which the
# end-to-end, CSP and secret-scan tests read (on this project's 2-core machines Node picks 1 anyway).
node --import tsx --test --test-concurrency=1 "${node_tests[@]}" || status=1
exit $status
