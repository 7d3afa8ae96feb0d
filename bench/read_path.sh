#!/usr/bin/env bash
# Read-path benchmark: wrk against guichet's GET /api/v1/services and, in the same run,
# against nginx serving the same bytes as a static file. Same machine, same connections.
# Usage: bash bench/read_path.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNS=${2:-64}
# GUICHET_BIN picks the binary, so two builds compare on the same machine and run.
BIN=${GUICHET_BIN:-build/guichet}
[ -n "${GUICHET_BIN:-}" ] || bash tools/build.sh --target guichet >/dev/null
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

# guichet, with a simulated clock inside the BAC PRO 2025 window so the list is not empty.
"$BIN" serve --listen 127.0.0.1:18080 --data-dir "$work/data" --scripts scripts \
  --simulated-time 2024-10-25T10:00:00+02:00 >"$work/guichet.log" 2>&1 &
for _ in $(seq 50); do curl -sf localhost:18080/readyz >/dev/null && break; sleep 0.1; done
curl -sf localhost:18080/api/v1/services >"$work/services.json"

# nginx serving those bytes.
mkdir -p "$work/www/api/v1"
cp "$work/services.json" "$work/www/api/v1/services"
# nginx's workers run as an unprivileged user: let them read the file (mktemp made $work 0700).
chmod 755 "$work"
chmod -R a+rX "$work/www"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:18081; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.3

echo "response body: $(wc -c <"$work/services.json") bytes"
for target in "guichet http://127.0.0.1:18080/api/v1/services" "nginx http://127.0.0.1:18081/api/v1/services"; do
  set -- $target
  echo "== $1"
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$2" | grep -E 'Requests/sec|Latency|50%|99%|requests in|Non-2xx|Socket errors'
done
# Both must have answered 200 with the same body, or the comparison means nothing.
curl -sf http://127.0.0.1:18081/api/v1/services | cmp - "$work/services.json" && echo "nginx served the same bytes"
