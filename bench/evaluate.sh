#!/usr/bin/env bash
# POST .../evaluate over HTTP with wrk: the verdict path a portal uses while a candidate fills
# the form. GUICHET_BIN picks the binary, so two builds compare on the same machine and run.
# Usage: bash bench/evaluate.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNS=${2:-32}
BIN=${GUICHET_BIN:-build/guichet}
[ -n "${GUICHET_BIN:-}" ] || bash tools/build.sh --target guichet >/dev/null
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
"$BIN" serve --listen 127.0.0.1:18090 --data-dir "$work/data" --scripts scripts \
  --simulated-time 2024-10-25T10:00:00+02:00 >"$work/guichet.log" 2>&1 &
for _ in $(seq 100); do curl -sf localhost:18090/readyz >/dev/null && break; sleep 0.1; done
url=http://127.0.0.1:18090/api/v1/academies/poitiers/exams/bac_pro/sessions/2025/evaluate
curl -sf -X POST -H 'Content-Type: application/json' --data "$(lua_body=$(sed -n '/\[\[/,/\]\]/p' bench/evaluate.lua); echo "${lua_body#*[[}" | sed 's/\]\]$//')" "$url" | grep -q '"valid":true' \
  || { echo "the probe evaluation is not valid"; exit 1; }
echo "== $BIN"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/evaluate.lua "$url" | grep -E 'Requests/sec|Latency|50%|99%|requests in|Non-2xx|Socket errors'
