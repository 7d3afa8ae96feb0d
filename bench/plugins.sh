#!/usr/bin/env bash
# Plugins benchmark on PostgreSQL (one throwaway cluster, as bench/write_path.sh):
#  1. event delivery throughput to the shipped webhook plugin: N events put in the outbox at
#     once, timed until the plugin's cursor has passed them all (receiver: nginx answering 204,
#     so the plugin's own cost is what is measured: JSON, HMAC, one HTTP POST per event);
#  2. registration latency (wrk, as write_path.sh) with the webhook plugin off, on, off, on
#     (subscribed to every event; the same server otherwise; fresh candidates each run; the
#     alternation keeps the database's growth from favouring one side).
# Usage: bash bench/plugins.sh [seconds] [connections] [events]
set -euo pipefail
DURATION=${1:-10}
CONNS=${2:-16}
EVENTS=${3:-20000}
ACCOUNTS=40000
source "$(dirname "$0")/common.sh"
bench_setup webhook

bench_pg

# The receiver: nginx, 204 to every POST.
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http { access_log off; server { listen 127.0.0.1:18085; location / { return 204; } } }
CONF
nginx -c "$work/nginx.conf"

mkdir -p "$work/plugins"
cp build/plugins/lib/webhook.so "$work/plugins/"
cat >"$work/plugins/webhook.json" <<JSON
{"endpoints": [{"url": "http://127.0.0.1:18085/hook", "secret": "un secret de banc d'essai", "events": [""]}]}
JSON

start_guichet() {  # $1: plugins folder or ""
  local args=()
  [ -n "$1" ] && args=(--plugins "$1")
  build/guichet serve --listen 127.0.0.1:18082 --data-dir "$work/data" --scripts tests/fixtures/minimal \
    --database "$URL" --simulated-time 2024-11-01T10:00:00+01:00 "${args[@]}" >>"$work/guichet.log" 2>&1 &
  GUICHET_PID=$!
  for _ in $(seq 100); do curl -sf localhost:18082/readyz >/dev/null && break; sleep 0.1; done
}
stop_guichet() { kill "$GUICHET_PID"; wait "$GUICHET_PID" 2>/dev/null || true; GUICHET_PID=; }

start_guichet "$work/plugins"
bench_candidates $ACCOUNTS
for k in 0 1 2 3; do
  seq $((k * ACCOUNTS / 4 + 1)) $(((k + 1) * ACCOUNTS / 4)) | sed 's/^/bench-token-/' >"$work/tokens-$k.txt"
done

cursor() { $PSQL -d bench -t -A -c "SELECT last_seq FROM event_cursors WHERE consumer = 'plugin:webhook'"; }
last_seq() { $PSQL -d bench -t -A -c "SELECT COALESCE(MAX(seq), 0) FROM events"; }
for _ in $(seq 50); do [ -n "$(cursor)" ] && break; sleep 0.1; done

echo "== delivery: $EVENTS events to the webhook plugin (nginx receiver)"
$PSQL -d bench -c "INSERT INTO events (id, type, aggregate, payload, occurred_at)
  SELECT 'evt_bench_' || i, 'registration.modified', 'registration:r' || (i % 500),
         '{\"registration_id\":\"r' || (i % 500) || '\",\"academy\":\"testia\",\"version\":' || i || '}',
         '2024-11-01T09:00:00.000000Z' FROM generate_series(1, $EVENTS) AS i"
target=$(last_seq)
start=$(date +%s.%N)
while [ "$(cursor)" -lt "$target" ]; do sleep 0.05; done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$EVENTS" 'BEGIN { printf "%d events in %.2f s: %.0f events/s\n", n, e - s, n / (e - s) }'

run_wrk() {  # $1: label, $2: tokens file
  echo "== registrations, webhook $1 ($CONNS connections, ${DURATION}s)"
  wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -s bench/write_register.lua http://127.0.0.1:18082 -- "$2" \
    | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|Socket errors'
}
k=0
for mode in off on off on; do
  stop_guichet
  start_guichet "$([ "$mode" = on ] && echo "$work/plugins")"
  run_wrk "$mode" "$work/tokens-$k.txt"
  k=$((k + 1))
  if [ "$mode" = on ]; then
    target=$(last_seq)
    start=$(date +%s.%N)
    while [ "$(cursor)" -lt "$target" ]; do sleep 0.05; done
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "webhook caught up %.2f s after the load stopped\n", e - s }'
  fi
done
