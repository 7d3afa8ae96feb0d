# Sourced by the bench scripts: a work folder cleaned up on exit (with the guichet, nginx and
# PostgreSQL they started), a throwaway PostgreSQL cluster, and candidates made in SQL.
# After `bench_setup`: $work. After `bench_pg`: $PORT, $PSQL, $URL (database "bench").

bench_setup() {
  cd "$(dirname "${BASH_SOURCE[1]}")/.."
  bash tools/build.sh --target guichet pg_test_cluster "$@" >/dev/null
  work=$(mktemp -d)
  chmod 755 "$work"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  [ -n "${GUICHET_PID:-}" ] && kill "$GUICHET_PID" 2>/dev/null && wait "$GUICHET_PID" 2>/dev/null
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  [ -f "$work/pg.state" ] && build/tests/support/pg_test_cluster stop "$work/pg.state"
  rm -rf "$work"
}

bench_pg() {
  build/tests/support/pg_test_cluster start "$work/pg.state"
  PORT=$(cut -d' ' -f1 "$work/pg.state")
  PSQL="psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PORT -U postgres"
  $PSQL -d postgres -c "CREATE DATABASE bench"
  URL="postgresql://postgres@127.0.0.1:$PORT/bench"
}

# $1 active candidates bench1..bench$1 with a session token each ("bench-token-<i>", stored as
# SHA-256 as guichet does): making them through the API would mostly measure Argon2id.
bench_candidates() {
  $PSQL -d bench <<SQL
INSERT INTO accounts (id, email, email_key, password_hash, last_name, first_name, birth_date, birth_place,
                      nationality, phone, status, personal_data_locked, created_at, updated_at)
  SELECT 'bench' || i, 'bench' || i || '@example.org', 'bench' || i || '@example.org', 'x', 'Banc', 'Essai',
         '2000-01-01', 'Niort', 'francaise', '', 'active', 0, '2024-10-01T00:00:00.000000Z', '2024-10-01T00:00:00.000000Z'
  FROM generate_series(1, $1) AS i;
INSERT INTO account_tokens (token_hash, account_id, kind, csrf_hash, created_at, expires_at)
  SELECT encode(sha256(('bench-token-' || i)::bytea), 'hex'), 'bench' || i, 'session', 'x',
         '2024-10-01T00:00:00.000000Z', '2099-01-01T00:00:00.000000Z'
  FROM generate_series(1, $1) AS i;
ANALYZE;
SQL
}

# A staff member of testia with `$2` roles made by the command line, logged in with a TOTP code
# on the guichet listening on port $1 (codes are checked on real time); sets $TOKEN and $AUTH.
bench_staff_login() {
  local user_json secret
  user_json=$(echo 'une phrase de passe solide' | build/guichet admin create-user --academy testia \
    --email banc@example.org --name Banc --roles "$2" --password-cost minimal \
    --scripts "$work/scripts" --database "$URL" 2>/dev/null)
  secret=$(echo "$user_json" | grep -o '"totp_secret":"[A-Z0-9]*' | cut -d'"' -f4)
  TOKEN=$(curl -sf -H 'Content-Type: application/json' "localhost:$1/api/v1/admin/auth/login" \
    -d "{\"email\": \"banc@example.org\", \"password\": \"une phrase de passe solide\", \"code\": \"$(oathtool --totp -b "$secret")\"}" \
    | grep -o '"token":"[^"]*' | cut -d'"' -f4)
  AUTH="Authorization: Bearer $TOKEN"
}
