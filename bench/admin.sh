#!/usr/bin/env bash
# Back-office benchmarks on PostgreSQL, in one run on one throwaway cluster:
#  1. impact analysis of a staged script version over 100,000 registrations (goal: < 10 s);
#  2. admin search latency over 1,000,000 registrations (goal: p99 < 50 ms), per kind of
#     search, with wrk on one staff session.
# Data: bench/admin_data.sql (SQL, so the run measures the back office, not Argon2id).
# Usage: bash bench/admin.sh [seconds per search kind] [connections]
set -euo pipefail
DURATION=${1:-10}
CONNS=${2:-4}
source "$(dirname "$0")/common.sh"
bench_setup

bench_pg
cp -r tests/fixtures/minimal "$work/scripts"
build/guichet migrate --database "$URL" >/dev/null

echo "== data: 100,000 registrations"
start=$(date +%s%3N)
$PSQL -d bench -v first=1 -v count=100000 -f bench/admin_data.sql
echo "   generated in $(( $(date +%s%3N) - start )) ms"

build/guichet serve --listen 127.0.0.1:18085 --data-dir "$work/data" --scripts "$work/scripts" \
  --database "$URL" --password-cost minimal >"$work/guichet.log" 2>&1 &
GUICHET_PID=$!
for _ in $(seq 100); do curl -sf localhost:18085/readyz >/dev/null && break; sleep 0.1; done

# A rules editor and manager of testia, logged in with a TOTP code (the server's clock is real).
bench_staff_login 18085 manager,rules_editor

# A staged version that moves the residence to Corsica: every registration changes validity.
SCRIPT=$(sed 's/departments = { "86", "2A" }/departments = { "2A" }/' "$work/scripts/academies/testia.lua")
CASE='case { name = "corse", academy = "testia", exam = "demo", session = "2025", at = "2024-11-01 12:00",
  answers = { speciality = "cuisine", postal_code = "20000" }, expect = { phase = "open", valid = true } }'
python_free_json() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk '{printf "%s\\n", $0}'; }
BODY="{\"script\": \"$(printf '%s' "$SCRIPT" | python_free_json)\", \"tests\": [{\"path\": \"tests/demo.lua\", \"text\": \"$(printf '%s' "$CASE" | python_free_json)\"}]}"
NUMBER=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' localhost:18085/api/v1/admin/rules/versions -d "$BODY" \
  | grep -o '"number":[0-9]*' | cut -d: -f2)
echo "== impact analysis of version $NUMBER over 100,000 registrations (3 runs)"
for run in 1 2 3; do
  out=$(curl -sf -o "$work/impact.json" -w '%{time_total}' -H "$AUTH" "localhost:18085/api/v1/admin/rules/versions/$NUMBER/impact")
  checked=$(grep -o '"registrations_checked":[0-9]*' "$work/impact.json" | cut -d: -f2)
  changed=$(grep -o '"validity":{"count":[0-9]*' "$work/impact.json" | grep -o '[0-9]*$')
  echo "   run $run: ${out} s, $checked registrations judged, $changed would change validity"
done
echo "   server peak memory: $(awk '/VmHWM/ {print $2 " " $3}' /proc/$GUICHET_PID/status)"

echo "== data: 900,000 more (1,000,000 in all)"
start=$(date +%s%3N)
$PSQL -d bench -v first=100001 -v count=900000 -f bench/admin_data.sql
echo "   generated in $(( $(date +%s%3N) - start )) ms"

echo "== search latency, $CONNS connections, ${DURATION} s per kind"
cat >"$work/search.lua" <<'LUA'
-- Rotates through the query strings given in the QUERIES environment variable ("|"-separated).
local queries, i = {}, 0
for q in string.gmatch(os.getenv("QUERIES"), "[^|]+") do queries[#queries + 1] = q end
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/admin/registrations?" .. queries[(i % #queries) + 1])
end
LUA
search() {
  local name=$1 queries=$2
  QUERIES="$queries" wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "$AUTH" -s "$work/search.lua" \
    http://127.0.0.1:18085 >"$work/wrk.txt"
  local p50 p99 rps problems
  p50=$(awk '/^ +50%/ {print $2}' "$work/wrk.txt"); p99=$(awk '/^ +99%/ {print $2}' "$work/wrk.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  # wrk leaves timed-out requests out of its percentiles: say so rather than hide them.
  problems=$(grep -E "Non-2xx|Socket errors" "$work/wrk.txt" | tr -s ' ' | tr '\n' ' ' || true)
  printf "   %-38s p50 %8s  p99 %8s  %8s req/s  %s\n" "$name" "$p50" "$p99" "$rps" "$problems"
}
search "first page of a session" "exam=demo&session=2025|exam=demo&session=2025&limit=100"
search "name prefix (common)" "q=martin|q=dubois|q=lefevre%20m|q=garcia|q=rou"
search "name prefix (rare)" "q=masson%20ibrahim|q=perrin-gautier|q=clement%20zoe"
search "registration or candidate number" "q=A99-DEMO-2025-0424242|q=990777777|q=A99-DEMO-2025-00012|q=9900012"
search "filters (speciality, office, status)" "speciality=cuisine&pole=sud|status=withdrawn|speciality=electricite&status=registered"
search "pieces confirmed / unconfirmed" "pieces=confirmed|pieces=unconfirmed&speciality=cuisine"
search "deep page (cursor)" "after=A99-DEMO-2025-0800000|after=A99-DEMO-2025-0950000&speciality=cuisine"
search "mixed" "q=martin|exam=demo&session=2025|q=A99-DEMO-2025-0424242|speciality=cuisine&pole=sud|pieces=confirmed|after=A99-DEMO-2025-0800000"
