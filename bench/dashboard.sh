#!/usr/bin/env bash
# The dashboard's aggregates on PostgreSQL (issue 18; goal: under 200 ms for an académie of
# 100,000 registrations). One throwaway cluster; data made in SQL (bench/admin_data.sql: 100,000
# registrations of testia demo 2025), then spread over the 35 days of the window, given piece
# states, files awaiting review and mails, plus 80,000 registrations of a 2023 session (the
# previous curve). Times `GET /api/v1/admin/dashboard?session=2025` (the whole answer: every
# query, the folding and the JSON) over RUNS calls, and the reminders' list.
# Usage: bash bench/dashboard.sh [runs]
set -euo pipefail
RUNS=${1:-20}
source "$(dirname "$0")/common.sh"
bench_setup

bench_pg
cp -r tests/fixtures/minimal "$work/scripts"
build/guichet migrate --database "$URL" >/dev/null

echo "== data: 100,000 registrations of 2025, 80,000 of 2023"
start=$(date +%s%3N)
$PSQL -d bench -v first=1 -v count=100000 -f bench/admin_data.sql
$PSQL -d bench -v first=100001 -v count=80000 -f bench/admin_data.sql
$PSQL -d bench <<'SQL'
-- 2023 for the second batch; every registration on a day of its window (more at the start and
-- at the end, as windows fill), at an hour of the day.
UPDATE registrations SET session = '2023', registration_number = replace(registration_number, '-2025-', '-2023-')
  WHERE substr(id, 4)::bigint > 100000;
UPDATE registrations SET created_at = to_char(
    (CASE WHEN session = '2025' THEN timestamp '2024-10-10 08:00' ELSE timestamp '2022-10-18 08:00' END)
    + make_interval(days => ((substr(id, 4)::bigint * 7919) % 1000)::int * ((substr(id, 4)::bigint * 7919) % 1000)::int / 28600,
                    hours => (substr(id, 4)::bigint % 11)::int),
    'YYYY-MM-DD"T"HH24:MI:SS.000000"Z"');
UPDATE registrations SET piece_state = CASE substr(id, 4)::bigint % 10
    WHEN 0 THEN 'none' WHEN 1 THEN 'none' WHEN 2 THEN 'incomplete' WHEN 3 THEN 'incomplete' WHEN 4 THEN 'refused'
    WHEN 5 THEN 'complete' ELSE 'confirmed' END;
INSERT INTO stored_files (id, content_type, size, sha256, created_at)
  SELECT 'f' || i, 'application/pdf', 1000, repeat('0', 64), '2024-10-20T09:00:00.000000Z'
  FROM generate_series(1, 5000) i;
INSERT INTO piece_files (id, registration_id, piece_code, file_id, file_name, uploaded_at)
  SELECT 'pf' || i, 'reg' || (i * 17), 'identite', 'f' || i, 'carte.pdf',
         to_char(timestamp '2024-10-20 09:00' + make_interval(mins => i), 'YYYY-MM-DD"T"HH24:MI:SS.000000"Z"')
  FROM generate_series(1, 5000) i;
-- Files awaiting review, as the services keep them on the registration.
UPDATE registrations r SET review_pending = 1, review_pending_since = pf.uploaded_at
  FROM piece_files pf WHERE pf.registration_id = r.id;
-- A mail's text is a few KiB (here 3 KiB), as guichet writes them.
INSERT INTO outbox (id, kind, recipient, message, created_at, attempts, next_attempt_at, delivered_at, academy)
  SELECT 'm' || i, 'registration_saved', 'c' || i || '@example.org', repeat('Madame, Monsieur, ', 170),
         '2024-10-20T09:00:00.000000Z',
         CASE WHEN i % 50 = 0 THEN 2 ELSE 1 END, '2024-10-20T09:00:00.000000Z',
         CASE WHEN i % 50 = 0 THEN NULL ELSE '2024-10-20T09:01:00.000000Z' END, 'testia'
  FROM generate_series(1, 180000) i;
SQL
# The updates above left every row version twice: vacuum as autovacuum would have by now (the
# dashboard's queries are index-only scans, which need the visibility map it sets).
$PSQL -d bench -c "VACUUM ANALYZE"
echo "   generated in $(( $(date +%s%3N) - start )) ms"

# The clock on day 30 of the window, a week before the pieces deadline (reminders list).
build/guichet serve --listen 127.0.0.1:18086 --data-dir "$work/data" --scripts "$work/scripts" \
  --database "$URL" --password-cost minimal --simulated-time 2024-11-08T10:00:00+01:00 >"$work/guichet.log" 2>&1 &
GUICHET_PID=$!
for _ in $(seq 100); do curl -sf localhost:18086/readyz >/dev/null && break; sleep 0.1; done

bench_staff_login 18086 manager

timed() {  # $1 label, $2 path: RUNS calls, p50 and max in ms
  local times=()
  for _ in $(seq "$RUNS"); do
    times+=("$(curl -sf -o "$work/answer.json" -w '%{time_total}' -H "$AUTH" "localhost:18086$2")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$1" -v n="$RUNS" \
    '{t[NR]=$1*1000} END {printf "   %s: p50 %.1f ms, max %.1f ms (%d calls)\n", label, t[int((n+1)/2)], t[n], n}'
}
echo "== dashboard, académie of 100,000 registrations (2023: 80,000)"
timed "session 2025, all exams" "/api/v1/admin/dashboard?session=2025"
grep -o '"total":[0-9]*,"withdrawn":[0-9]*' "$work/answer.json" | sed 's/^/   /'
echo "   days in the curve: $(grep -o '"day":' "$work/answer.json" | wc -l) (both sessions)"
timed "session 2025, one exam" "/api/v1/admin/dashboard?session=2025&exam=demo"
echo "== reminders' list (pieces none, incomplete or refused: 50,000 candidates, the first 500)"
timed "within 7 days" "/api/v1/admin/reminders?session=2025&within_days=7"
echo "   candidates listed: $(grep -o '"registration_id"' "$work/answer.json" | wc -l)"
