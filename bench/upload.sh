#!/usr/bin/env bash
# Upload benchmark: pieces streamed through the API (PUT, curl) against `cp` of the same files
# on the same disk, on embedded SQLite (files in the data folder) and on PostgreSQL (chunks in
# the database), with the server's peak memory (VmHWM) after each series.
# Usage: bash bench/upload.sh [uploads per size]
set -euo pipefail
N=${1:-20}
source "$(dirname "$0")/common.sh"
bench_setup

# The test rules, allowing N files per piece so that every upload lands.
cp -r tests/fixtures/minimal "$work/scripts"
sed -i "s/final_registration = { mode = \"upload\", deadline = \"2024-11-13 19:00\" }/final_registration = { mode = \"upload\", deadline = \"2024-11-13 19:00\", max_files_per_piece = $N }/" \
  "$work/scripts/academies/testia.lua"
head -c $((1024 * 1024 - 9)) /dev/urandom | cat <(printf '%%PDF-1.4\n') - >"$work/1MiB.pdf"
head -c $((10 * 1024 * 1024 - 9)) /dev/urandom | cat <(printf '%%PDF-1.4\n') - >"$work/10MiB.pdf"

now_ms() { date +%s%3N; }
hwm_kib() { awk '/VmHWM/ {print $2}' "/proc/$GUICHET_PID/status"; }

# Starts guichet on $1 (database URL, empty for SQLite), makes a candidate with a registration.
serve() {
  rm -rf "$work/data"
  build/guichet serve --listen 127.0.0.1:18083 --data-dir "$work/data" --scripts "$work/scripts" \
    ${1:+--database "$1"} --password-cost minimal --simulated-time 2024-11-01T10:00:00+01:00 >"$work/guichet.log" 2>&1 &
  GUICHET_PID=$!
  for _ in $(seq 100); do curl -sf localhost:18083/readyz >/dev/null && break; sleep 0.1; done
  local json='Content-Type: application/json' base=localhost:18083/api/v1
  curl -sf -H "$json" $base/accounts -d '{"email": "banc@example.org", "password": "une phrase de passe solide",
    "last_name": "Banc", "first_name": "Essai", "birth_date": "2000-01-01", "birth_place": "Niort",
    "nationality": "francaise"}' >/dev/null
  local token=""
  for _ in $(seq 50); do
    # The activation link, with quoted-printable soft line breaks joined.
    token=$(cat "$work"/data/outbox/*.eml 2>/dev/null | tr -d '\r' | sed ':a;/=$/{N;s/=\n//;ba}' | grep -o 'token=3D[A-Za-z0-9_.-]*' | head -1 | sed 's/token=3D//') || true
    [ -n "$token" ] && break
    sleep 0.1
  done
  curl -sf -H "$json" $base/accounts/activate -d "{\"token\": \"$token\"}" >/dev/null
  BEARER=$(curl -sf -H "$json" $base/auth/login -d '{"email": "banc@example.org", "password": "une phrase de passe solide"}' \
    | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
  REG=$(curl -sf -H "$json" -H "Authorization: Bearer $BEARER" $base/registrations -d '{"academy": "testia",
    "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine", "postal_code": "86000", "exemption": true}}' \
    | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
}

# PUTs $2 N times to piece $1 from one curl process on one kept-alive connection (so the
# figure is the server's, not curl's start-up); prints MiB/s.
uploads() {
  local file=$2 start end args=()
  for i in $(seq "$N"); do
    [ "$i" -gt 1 ] && args+=(--next)
    args+=(-sf -o /dev/null -X PUT -H "Authorization: Bearer $BEARER" -H 'Content-Type: application/pdf'
           --data-binary @"$file" "localhost:18083/api/v1/registrations/$REG/pieces/$1")
  done
  start=$(now_ms)
  curl "${args[@]}"
  end=$(now_ms)
  awk -v b="$(stat -c %s "$file")" -v n="$N" -v ms=$((end - start)) 'BEGIN { printf "%.0f", b * n / 1048576 / (ms / 1000) }'
}
# cp of $1 N times into the data folder; with "sync", each copy is flushed too. Prints MiB/s.
copies() {
  local file=$1 start end
  mkdir -p "$work/data/cp"
  start=$(now_ms)
  for i in $(seq "$N"); do
    cp "$file" "$work/data/cp/$i"
    [ "${2:-}" = sync ] && sync "$work/data/cp/$i"
  done
  end=$(now_ms)
  rm -rf "$work/data/cp"
  awk -v b="$(stat -c %s "$file")" -v n="$N" -v ms=$((end - start)) 'BEGIN { printf "%.0f", b * n / 1048576 / (ms / 1000) }'
}

# The same PUTs to nginx's WebDAV module writing the bodies to files on the same disk (no hash,
# no fsync, no database): what any HTTP upload costs on this machine. Prints MiB/s.
nginx_uploads() {
  local file=$1 start end args=()
  mkdir -p "$work/dav/tmp" "$work/dav/files"; chmod -R 777 "$work/dav"
  cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_max_body_size 20m;
  client_body_temp_path $work/dav/tmp;
  server { listen 127.0.0.1:18084; root $work/dav/files; dav_methods PUT; }
}
CONF
  nginx -c "$work/nginx.conf"; sleep 0.3
  for i in $(seq "$N"); do
    [ "$i" -gt 1 ] && args+=(--next)
    args+=(-sf -o /dev/null -X PUT --data-binary @"$file" "localhost:18084/$i.pdf")
  done
  start=$(now_ms)
  curl "${args[@]}"
  end=$(now_ms)
  kill "$(cat "$work/nginx.pid")"; sleep 0.2; rm -rf "$work/dav"
  awk -v b="$(stat -c %s "$file")" -v n="$N" -v ms=$((end - start)) 'BEGIN { printf "%.0f", b * n / 1048576 / (ms / 1000) }'
}

report() {
  local name=$1 url=$2
  serve "$url"
  local idle up1 hwm1 up10 hwm10
  idle=$(hwm_kib)
  up1=$(uploads identite "$work/1MiB.pdf"); hwm1=$(hwm_kib)
  up10=$(uploads diplome "$work/10MiB.pdf"); hwm10=$(hwm_kib)
  local cp1 cp10 cps1 cps10
  cp1=$(copies "$work/1MiB.pdf"); cp10=$(copies "$work/10MiB.pdf")
  cps1=$(copies "$work/1MiB.pdf" sync); cps10=$(copies "$work/10MiB.pdf" sync)
  local ng1 ng10
  ng1=$(nginx_uploads "$work/1MiB.pdf"); ng10=$(nginx_uploads "$work/10MiB.pdf")
  echo "== $name, $N uploads per size"
  printf "  1 MiB : guichet %5s MiB/s | cp %5s MiB/s (%.2fx) | cp+sync %5s MiB/s (%.2fx)\n" "$up1" "$cp1" \
    "$(awk -v a="$up1" -v b="$cp1" 'BEGIN {print a / b}')" "$cps1" "$(awk -v a="$up1" -v b="$cps1" 'BEGIN {print a / b}')"
  printf "  10 MiB: guichet %5s MiB/s | cp %5s MiB/s (%.2fx) | cp+sync %5s MiB/s (%.2fx)\n" "$up10" "$cp10" \
    "$(awk -v a="$up10" -v b="$cp10" 'BEGIN {print a / b}')" "$cps10" "$(awk -v a="$up10" -v b="$cps10" 'BEGIN {print a / b}')"
  printf "  nginx WebDAV PUT (no hash, no fsync): 1 MiB %5s MiB/s (%.2fx cp), 10 MiB %5s MiB/s (%.2fx cp)\n" \
    "$ng1" "$(awk -v a="$ng1" -v b="$cp1" 'BEGIN {print a / b}')" "$ng10" "$(awk -v a="$ng10" -v b="$cp10" 'BEGIN {print a / b}')"
  echo "  peak memory (VmHWM): after start ${idle} KiB, after 1 MiB files ${hwm1} KiB, after 10 MiB files ${hwm10} KiB"
  kill "$GUICHET_PID"; wait "$GUICHET_PID" 2>/dev/null || true; GUICHET_PID=""
}

report "SQLite (files in the data folder, fsynced)" ""
bench_pg
report "PostgreSQL (256 KiB chunks in the database)" "$URL"
