#!/usr/bin/env bash
# Builds the sandbox fuzz target (fuzz/, clang + libFuzzer, ASan and UBSan) into build-fuzz/
# and runs it for SECONDS (default 60; tools/test.sh runs it briefly, benches longer):
#   tools/fuzz.sh [SECONDS]
# Seeds: the hostile-script corpus (rule snippets wrapped as functions) and the shipped
# scripts; the corpus it grows stays in build-fuzz/corpus. A crash, a timeout (an input over
# 5 s) or a memory excess stops it with a non-zero status and is copied to fuzz/crashes-found/.
# FUZZ_KEEP_GOING=1 (for long runs) goes on past each finding, in a forked worker, and
# collects them all.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
ROOT="$PWD"
OUT="$ROOT/build-fuzz"

bash tools/deps.sh
cmake -S fuzz -B "$OUT" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$OUT"

# Seed corpus, rebuilt each run from the sources (the grown corpus is kept beside it).
SEEDS="$OUT/seeds"
rm -rf "$SEEDS"
rm -rf "$OUT/artifacts"
mkdir -p "$SEEDS" "$OUT/corpus" "$OUT/artifacts"
for f in tests/fixtures/hostile/corpus/*.lua; do
  name="$(basename "$f" .lua)"
  if grep -q '^-- place: load' "$f"; then
    cp "$f" "$SEEDS/$name.lua"
  elif grep -q '^-- rule:' "$f"; then
    # A prologue, then a rule body: the body becomes a function the harness calls with (a, v).
    { sed 's/^-- rule:.*/return function(a, v)/' "$f"; echo "end"; } >"$SEEDS/$name.lua"
  else
    { echo "return function(a, v)"; cat "$f"; echo "end"; } >"$SEEDS/$name.lua"
  fi
done
find scripts -name '*.lua' | while read -r f; do cp "$f" "$SEEDS/script_$(echo "$f" | tr '/' '_')"; done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
KEEP_GOING=()
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
  KEEP_GOING=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
status=0
"$OUT/sandbox_fuzzer" "${KEEP_GOING[@]}" "$OUT/corpus" "$SEEDS" \
  -dict=fuzz/lua.dict -max_len=4096 -timeout=5 -rss_limit_mb=4096 \
  -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 \
  -artifact_prefix="$OUT/artifacts/" >"$OUT/last-run.log" 2>&1 || status=$?
grep -v '^#[0-9]' "$OUT/last-run.log" | tail -n 60
if [ "$status" -ne 0 ]; then
  mkdir -p fuzz/crashes-found
  for a in "$OUT"/artifacts/*; do
    [ -e "$a" ] || continue
    cp "$a" fuzz/crashes-found/
    echo "== trouvé : fuzz/crashes-found/$(basename "$a")"
  done
  echo "fuzz : le harnais a trouvé une faute (journal complet : $OUT/last-run.log)" >&2
else
  echo "fuzz : ${SECONDS_TO_RUN} s sans faute"
fi
exit "$status"
