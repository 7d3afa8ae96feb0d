#!/usr/bin/env bash
# How long an edit of the scripts folder takes to pass the gate on a running server (shipped
# scripts, SQLite, one registration window open): a syntax error refused and listed, its
# revert cleared, a close moved earlier while open refused by the test cases (then, without
# them, held by the window guard), a harmless edit live.
# Each time runs from the file's rename to the /readyz answer that shows the outcome.
# Usage: bash bench/folder_gate.sh   (GUICHET_BIN to try another build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${GUICHET_BIN:-build/guichet}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r scripts "$work/scripts"
port=18$((RANDOM % 900 + 100))
"$bin" serve --data-dir "$work/data" --scripts "$work/scripts" --listen "127.0.0.1:$port" \
  --simulated-time 2024-10-20T10:00:00+02:00 >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
file="$work/scripts/academies/poitiers.lua"
good=$(cat "$file")
ready() { curl -s "127.0.0.1:$port/readyz"; }
# edit NAME TEXT GREP [absent]: writes TEXT, waits until /readyz matches (or stops matching) GREP.
edit() {
  local name=$1 text=$2 pattern=$3 absent=${4:-}
  local start=$(date +%s%N)
  printf '%s\n' "$text" >"$file.tmp" && mv "$file.tmp" "$file"
  while :; do
    if [ -z "$absent" ]; then ready | grep -q "$pattern" && break
    else ready | grep -q "$pattern" || break; fi
    sleep 0.005
  done
  echo "$name: $(( ($(date +%s%N) - start) / 1000000 )) ms"
}
edit "syntax error refused and listed" "${good/number = 13,/number = 13}" '"state":"refused"'
edit "revert cleared" "$good" '"file":"academies/poitiers.lua"' absent
earlier=${good/closes = \"2024-11-13 19:00\"/closes = \"2024-11-12 19:00\"}
edit "close moved earlier while open: refused by the 83 test cases" "$earlier" '"state":"refused"'
edit "revert cleared" "$good" '"file":"academies/poitiers.lua"' absent
rm -r "$work/scripts/tests"  # no case pins the close now: the window guard judges it
sleep 0.5
edit "close moved earlier while open (no test cases): held" "$earlier" '"state":"held"'
edit "revert cleared" "$good" '"file":"academies/poitiers.lua"' absent
before=$(ready | grep -o '"version":"[0-9a-f]*"')
edit "harmless edit live" "${good/summary_after_close = false/summary_after_close = true}" "$before" absent
