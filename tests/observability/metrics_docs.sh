#!/usr/bin/env bash
# (c) docs/metrics.md and the rules match what guichet really serves: starts the server (the
# binary given as $1 or GUICHET_BIN, with the webhook plugin if its .so is given as $2 or
# GUICHET_WEBHOOK_PLUGIN) on a copy of scripts/ where one académie's script raises an error for
# one postal code, makes a few requests (that evaluation included), breaks a script file, scrapes
# /metrics, then observability.py checks that the requests and faults show, that every family
# served is documented with its type, labels and fixed label values, that every family documented
# is served, and that every metric the rules use exists.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-${GUICHET_BIN:-}}"
plugin="${2:-${GUICHET_WEBHOOK_PLUGIN:-}}"
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "ÉCHEC : donner le binaire guichet en argument ou dans GUICHET_BIN (reçu : « $bin »)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A script fault on demand: poitiers' residence rule raises an error for postal code 86999.
cp -r "$src/scripts" "$tmp/scripts"
academy="$tmp/scripts/academies/poitiers.lua"
anchor='  residence = function(a, v)'
if ! grep -qxF "$anchor" "$academy"; then
  echo "ÉCHEC : « $anchor » introuvable dans scripts/academies/poitiers.lua : adapter ce test" >&2
  exit 1
fi
sed -i "/^  residence = function(a, v)\$/a\\    if a.postal_code == \"86999\" then error(\"panne voulue par le test des métriques\") end" "$academy"

args=(serve --listen 127.0.0.1:0 --data-dir "$tmp/data" --scripts "$tmp/scripts" --web none
      --password-cost minimal --log-format text)
consumer=()
if [ -n "$plugin" ]; then
  # A webhook towards a closed port: deliveries fail, so the plugin families carry samples.
  mkdir "$tmp/plugins"
  cp "$plugin" "$tmp/plugins/webhook.so"
  cat >"$tmp/plugins/webhook.json" <<'JSON'
{"endpoints": [{"url": "http://127.0.0.1:9/hook", "secret": "0123456789abcdef0123", "events": ["account."]}],
 "timeout_ms": 500}
JSON
  args+=(--plugins "$tmp/plugins")
  consumer=(--plugin-consumer plugin:webhook)
fi
"$bin" "${args[@]}" >"$tmp/log" 2>&1 &
pid=$!

# The OS picks the port; the server logs it.
port=""
for _ in $(seq 1 200); do
  port="$(sed -n 's/.*écoute sur 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/log" | head -n1)"
  [ -n "$port" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "ÉCHEC : guichet s'est arrêté au démarrage :" >&2
    cat "$tmp/log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "ÉCHEC : guichet n'écoute toujours pas après 20 s :" >&2
  cat "$tmp/log" >&2
  exit 1
fi
base="http://127.0.0.1:$port"

expect() {  # expect STATUS METHOD PATH [JSON BODY]
  local want="$1" method="$2" path="$3" body="${4:-}" got
  if [ -n "$body" ]; then
    got="$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' --data "$body" "$base$path" || true)"
  else
    got="$(curl -s -o /dev/null -w '%{http_code}' -X "$method" "$base$path" || true)"
  fi
  if [ "$got" != "$want" ]; then
    echo "ÉCHEC : $method $path a répondu $got au lieu de $want" >&2
    exit 1
  fi
}
expect 200 GET /healthz
expect 200 GET /readyz
expect 200 GET /api/v1/academies
expect 404 GET /pas-une-route
expect 201 POST /api/v1/accounts '{"email": "metriques@example.fr", "password": "un-mot-de-passe-assez-long-42",
  "last_name": "Martin", "first_name": "Claire", "birth_date": "2001-02-03", "birth_place": "Poitiers",
  "nationality": "francaise"}'
expect 401 POST /api/v1/auth/login '{"email": "metriques@example.fr", "password": "faux"}'
expect 500 POST /api/v1/academies/poitiers/exams/cap/sessions/2023/evaluate '{"answers": {"postal_code": "86999"}}'
expect 200 GET /metrics
# A malformed request, refused before routing (route "rejected").
python3 - "$port" <<'PY'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5) as s:
    s.sendall(b"PAS UNE REQUETE\r\n\r\n")
    answer = s.recv(64)
if not answer.startswith(b"HTTP/1.1 400"):
    sys.exit(f"ÉCHEC : une requête mal formée a reçu {answer!r} au lieu de 400")
PY

# A broken edit of the scripts folder: refused, the previous content keeps serving.
echo 'local inacheve = {' >>"$academy"
for _ in $(seq 1 100); do
  curl -s "$base/metrics" | grep -qx 'guichet_rules_pending_changes{state="refused"} 1' && break
  sleep 0.1
done

headers="$tmp/headers"
if ! curl -sf -D "$headers" -o "$tmp/metrics.txt" "$base/metrics"; then
  echo "ÉCHEC : /metrics n'a pas pu être lu" >&2
  exit 1
fi
if ! grep -qi '^content-type: text/plain; version=0.0.4' "$headers"; then
  echo "ÉCHEC : /metrics n'est pas servi en text/plain; version=0.0.4 :" >&2
  cat "$headers" >&2
  exit 1
fi
python3 "$src/tests/observability/observability.py" metrics "$tmp/metrics.txt" "$src/docs/metrics.md" \
  "$src/packaging/prometheus/guichet-rules.yml" "${consumer[@]}"
