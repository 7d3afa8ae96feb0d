#!/usr/bin/env bash
# The sandbox fuzz target for a long run (default 10 minutes), going on past each finding and
# collecting them all in fuzz/crashes-found/; its grown corpus stays in build-fuzz/corpus, so
# each run starts where the last one stopped.
# Usage: bash bench/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_KEEP_GOING=1 exec bash tools/fuzz.sh "${1:-600}"
