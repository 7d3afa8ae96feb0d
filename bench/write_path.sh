#!/usr/bin/env bash
# Write-path benchmark on PostgreSQL, in one run on one throwaway cluster:
#  1. registrations per second through the API (wrk POST /api/v1/registrations, each request a
#     different candidate's first registration), with latency percentiles;
#  2. pgbench running the same SQL transaction (bench/write_register.sql) on the same database,
#     same number of clients;
#  3. logins per second with the shipped Argon2id cost (libsodium "interactive": 64 MiB, 2 passes).
# Usage: bash bench/write_path.sh [seconds] [connections]
set -euo pipefail
DURATION=${1:-10}
CONNS=${2:-16}
ACCOUNTS=60000
source "$(dirname "$0")/common.sh"
bench_setup

bench_pg

"${GUICHET_BIN:-build/guichet}" serve --listen 127.0.0.1:18082 --data-dir "$work/data" --scripts tests/fixtures/minimal \
  --database "$URL" --simulated-time 2024-11-01T10:00:00+01:00 >"$work/guichet.log" 2>&1 &
GUICHET_PID=$!
for _ in $(seq 100); do curl -sf localhost:18082/readyz >/dev/null && break; sleep 0.1; done

# Candidates with open sessions, made in SQL (making 60 000 through the API would mostly
# measure Argon2id): active accounts and one bearer token each (stored as SHA-256, as guichet does).
bench_candidates $ACCOUNTS
seq 1 $ACCOUNTS | sed 's/^/bench-token-/' >"$work/tokens.txt"

echo "== guichet: POST /api/v1/registrations ($CONNS connections, ${DURATION}s)"
wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -s bench/write_register.lua http://127.0.0.1:18082 -- "$work/tokens.txt" \
  | grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|Socket errors'
SAVED=$($PSQL -d bench -t -A -c "SELECT count(*) FROM registrations WHERE session = '2025'")
echo "registrations saved: $SAVED, i.e. $((SAVED / DURATION)) per second"

echo "== pgbench: the same transaction in SQL ($CONNS clients, ${DURATION}s)"
pgbench -n -h 127.0.0.1 -p "$PORT" -U postgres -c "$CONNS" -j 2 -T "$DURATION" -D accounts=$ACCOUNTS \
  -f bench/write_register.sql bench 2>&1 | grep -E 'tps|latency average|failed'

echo "== guichet: POST /api/v1/auth/login, Argon2id interactive (64 MiB, 2 passes), 8 connections"
curl -sf -X POST -H 'Content-Type: application/json' localhost:18082/api/v1/accounts \
  -d '{"email": "bench-login@example.org", "password": "une phrase de passe solide", "last_name": "Banc",
       "first_name": "Essai", "birth_date": "2000-01-01", "birth_place": "Niort", "nationality": "francaise"}' >/dev/null
$PSQL -d bench -c "UPDATE accounts SET status = 'active' WHERE email_key = 'bench-login@example.org'"
wrk -t1 -c8 -d"${DURATION}s" --latency -s bench/login.lua http://127.0.0.1:18082/api/v1/auth/login \
  | grep -E 'Requests/sec|Latency|50%|99%|requests in|Non-2xx'
