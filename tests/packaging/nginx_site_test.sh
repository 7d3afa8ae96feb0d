#!/usr/bin/env bash
# The shipped nginx site (packaging/nginx/guichet.conf) in front of a real guichet, with real
# nginx and curl: TLS and HTTP/2, the redirect, the body limits, and the client address guichet
# sees (throttling and access log) with and without the proxy.
#
# The site file is the one shipped: the test copies it and rewrites with sed only the
# placeholders its header lists (ports, certificate paths, upstream, log paths), then checks
# each rewrite happened, so a renamed placeholder fails here instead of testing something else.
#
# usage: nginx_site_test.sh [GUICHET_BIN]   (or GUICHET_BIN in the environment)
set -euo pipefail

GUICHET_BIN="${1:-${GUICHET_BIN:-}}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SITE="$ROOT/packaging/nginx/guichet.conf"
NAME=guichet.ac-exemple.fr  # the site's server_name, as shipped

failures=0
passes=0
pass() { passes=$((passes + 1)); echo "ok   - $* [${SECONDS}s]"; }
fail() { failures=$((failures + 1)); echo "FAIL - $*" >&2; }
die() { echo "FATAL - $*" >&2; exit 1; }

[ -n "$GUICHET_BIN" ] && [ -x "$GUICHET_BIN" ] || die "guichet binary not given (argument or GUICHET_BIN): '$GUICHET_BIN'"
command -v nginx >/dev/null || die "nginx is not installed (tools/deps.sh installs nginx-light)"
command -v curl >/dev/null || die "curl is not installed"
command -v openssl >/dev/null || die "openssl is not installed"
NGINX_V="$(nginx -V 2>&1)"
grep -q -- --with-http_v2_module <<<"$NGINX_V" || die "this nginx has no HTTP/2 module: $NGINX_V"
grep -q -- --with-http_ssl_module <<<"$NGINX_V" || die "this nginx has no SSL module: $NGINX_V"
# Linux routes all of 127.0.0.0/8 to lo: the clients below bind 127.0.0.2, 127.0.0.3 and 127.0.0.4.

W="$(mktemp -d)"
GUICHET_PID=""
NGINX_PID=""
cleanup() {
  local rc=$?
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  [ -n "$GUICHET_PID" ] && kill "$GUICHET_PID" 2>/dev/null && wait "$GUICHET_PID" 2>/dev/null
  if [ "$rc" -ne 0 ] || [ "$failures" -ne 0 ]; then
    echo "--- guichet (last lines) ---" >&2; tail -n 30 "$W/guichet.log" >&2 2>/dev/null || true
    echo "--- nginx error log (last lines) ---" >&2; tail -n 30 "$W/logs/error.log" >&2 2>/dev/null || true
  fi
  [ -n "${KEEP_W:-}" ] && echo "kept $W" >&2 || rm -rf "$W"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Three free TCP ports on 127.0.0.1 from the kernel, all bound at once (so distinct), released
# just before guichet and nginx take them.
read -r GPORT HTTP_PORT HTTPS_PORT < <(python3 -S -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])') || true
[ -n "${HTTPS_PORT:-}" ] || die "no free ports from the kernel"

# ---- guichet, trusting nginx (127.0.0.1) ---------------------------------------------------------
# and 127.0.0.4 too: an address both trusted and a client, as when an operator trusts a whole
# internal range its staff also browse from. Only a proxy that REPLACES X-Forwarded-For keeps
# such a client from naming itself (check 6); clients 127.0.0.2 and 127.0.0.3 are untrusted.
mkdir -p "$W/data"
"$GUICHET_BIN" serve --listen "127.0.0.1:$GPORT" --data-dir "$W/data" --scripts "$ROOT/scripts" --web none \
  --password-cost minimal --trusted-proxies 127.0.0.1,127.0.0.4 --public-url "https://$NAME" --threads 1 \
  >"$W/guichet.log" 2>&1 &
GUICHET_PID=$!

# ---- a self-signed certificate for the site's name ---------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=$NAME" \
  -addext "subjectAltName=DNS:$NAME" -keyout "$W/privkey.pem" -out "$W/fullchain.pem" 2>"$W/openssl.log" ||
  die "openssl could not make a certificate: $(cat "$W/openssl.log")"

# ---- the shipped site, placeholders rewritten ----------------------------------------------------
mkdir -p "$W/logs" "$W/tmp" "$W/acme"
sed -e "s#listen 80;#listen 127.0.0.1:$HTTP_PORT;#" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:$HTTPS_PORT ssl http2;#" \
    -e '/listen \[::\]:/d' \
    -e "s#/etc/ssl/guichet/fullchain.pem#$W/fullchain.pem#" \
    -e "s#/etc/ssl/guichet/privkey.pem#$W/privkey.pem#" \
    -e "s#server 127.0.0.1:8080;#server 127.0.0.1:$GPORT;#" \
    -e "s#/var/log/nginx/#$W/logs/#g" \
    -e "s#/var/www/letsencrypt#$W/acme#" \
    "$SITE" >"$W/guichet.conf"
for expected in "listen 127.0.0.1:$HTTP_PORT;" "listen 127.0.0.1:$HTTPS_PORT ssl http2;" \
                "ssl_certificate     $W/fullchain.pem;" "ssl_certificate_key $W/privkey.pem;" \
                "server 127.0.0.1:$GPORT;" "access_log $W/logs/guichet.access.log guichet;"; do
  grep -qF -- "$expected" "$W/guichet.conf" || die "placeholder rewrite failed: the shipped site no longer contains the placeholder behind: $expected"
done
for leftover in "/etc/ssl/" "127.0.0.1:8080" "listen 80" "listen 443" "/var/log/nginx"; do
  ! grep -v '^[[:space:]]*#' "$W/guichet.conf" | grep -qF -- "$leftover" || die "placeholder left in the tested copy: $leftover"
done

# A minimal main configuration with this test's own paths; Debian's nginx.conf includes the site
# the same way, inside http {}.
{
  echo "daemon off;"
  echo "worker_processes 1;"
  echo "pid $W/nginx.pid;"
  echo "error_log $W/logs/error.log notice;"
  # As root, workers would run as nobody and could not enter the private temp folder.
  [ "$(id -u)" -eq 0 ] && echo "user root root;"
  echo "events { worker_connections 256; }"
  echo "http {"
  echo "  client_body_temp_path $W/tmp/body; proxy_temp_path $W/tmp/proxy; fastcgi_temp_path $W/tmp/fastcgi;"
  echo "  uwsgi_temp_path $W/tmp/uwsgi; scgi_temp_path $W/tmp/scgi;"
  echo "  access_log off;"
  echo "  include $W/guichet.conf;"
  echo "}"
} >"$W/nginx.conf"

# 1. nginx -t accepts the site.
if nginx -t -p "$W" -c "$W/nginx.conf" -e "$W/logs/error.log" >"$W/nginx-t.log" 2>&1; then
  pass "nginx -t accepts the shipped site"
else
  die "nginx -t refuses the shipped site: $(cat "$W/nginx-t.log")"
fi

nginx -p "$W" -c "$W/nginx.conf" -e "$W/logs/error.log" >"$W/nginx.out" 2>&1 &
NGINX_PID=$!

# Wait for guichet's /readyz (direct, at most 30 s: it loads and tests the shipped scripts) and
# for nginx's port (10 s).
deadline=$((SECONDS + 30))
until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$GPORT/readyz"; do
  kill -0 "$GUICHET_PID" 2>/dev/null || die "guichet stopped at start: $(tail -n 20 "$W/guichet.log")"
  [ "$SECONDS" -lt "$deadline" ] || die "guichet not ready after 30 s: $(tail -n 20 "$W/guichet.log")"
  sleep 0.1
done
deadline=$((SECONDS + 10))
until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$HTTP_PORT/"; do
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx stopped at start: $(cat "$W/nginx.out" "$W/logs/error.log" 2>/dev/null)"
  [ "$SECONDS" -lt "$deadline" ] || die "nginx not answering after 10 s: $(cat "$W/logs/error.log" 2>/dev/null)"
  sleep 0.1
done

# curl through the site as a browser would: the site's name, verified against the test's CA.
# $1: the client's own address (127.0.0.x); the rest: curl arguments.
via() {
  local from="$1"; shift
  curl -s --max-time 20 --interface "$from" --resolve "$NAME:$HTTPS_PORT:127.0.0.1" \
    --resolve "$NAME:$HTTP_PORT:127.0.0.1" --cacert "$W/fullchain.pem" "$@"
}
# guichet's access log line for a target: "... GET /readyz?probe=x route=... client=A".
# Lines are buffered by guichet's workers and flushed on a timer: wait up to 5 s.
access_line() {
  local marker="$1" line=""
  for _ in $(seq 1 50); do
    line="$(grep -F "[access]" "$W/guichet.log" | grep -F -- "$marker" | tail -n 1 || true)"
    [ -n "$line" ] && break
    sleep 0.1
  done
  printf '%s' "$line"
}
client_of() { sed -n 's/.* client=\([^ ]*\).*/\1/p' <<<"$1"; }

# 2. HTTP/2 over TLS answers /readyz.
out="$(via 127.0.0.2 --http2 -o /dev/null -w '%{http_code} %{http_version}' "https://$NAME:$HTTPS_PORT/readyz" || true)"
[ "$out" = "200 2" ] && pass "HTTP/2 over TLS: /readyz 200" || fail "HTTP/2 over TLS: /readyz expected '200 2', got '$out'"
# /metrics is for the académie's Prometheus on loopback, never served to the Internet.
out="$(via 127.0.0.2 -o /dev/null -w '%{http_code}' "https://$NAME:$HTTPS_PORT/metrics" || true)"
direct="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GPORT/metrics" || true)"
[ "$out" = "404" ] && [ "$direct" = "200" ] && pass "/metrics: 404 through the site, 200 on loopback" \
  || fail "/metrics: expected 404 through nginx and 200 direct, got '$out' and '$direct'"
# TLS 1.3 and 1.2 spoken, with AEAD suites only; TLS 1.1 refused by nginx (the client lowers
# its own OpenSSL security level, which would otherwise refuse TLS 1.1 before nginx is asked).
out="$(via 127.0.0.2 --tlsv1.3 -o /dev/null -w '%{http_code}' "https://$NAME:$HTTPS_PORT/readyz" || true)"
[ "$out" = "200" ] && pass "TLS 1.3 accepted" || fail "TLS 1.3: expected 200, got '$out'"
out="$(via 127.0.0.2 --tlsv1.2 --tls-max 1.2 -o /dev/null -w '%{http_code}' "https://$NAME:$HTTPS_PORT/readyz" || true)"
[ "$out" = "200" ] && pass "TLS 1.2 accepted" || fail "TLS 1.2: expected 200, got '$out'"
# A CBC suite (in Mozilla's "old" profile, not in "intermediate") is refused in TLS 1.2.
if via 127.0.0.2 --tlsv1.2 --tls-max 1.2 --ciphers ECDHE-ECDSA-AES128-SHA -o /dev/null \
    "https://$NAME:$HTTPS_PORT/readyz" 2>/dev/null; then
  fail "TLS 1.2 with the CBC suite ECDHE-ECDSA-AES128-SHA was accepted"
else
  pass "TLS 1.2 with a CBC suite refused"
fi
if via 127.0.0.2 --tlsv1.1 --tls-max 1.1 --ciphers 'DEFAULT:@SECLEVEL=0' -o /dev/null "https://$NAME:$HTTPS_PORT/readyz" 2>/dev/null; then
  fail "TLS 1.1 was accepted"
else
  pass "TLS 1.1 refused"
fi
# HSTS on every https answer.
hsts="$(via 127.0.0.2 -o /dev/null -D - "https://$NAME:$HTTPS_PORT/readyz" | tr -d '\r' | grep -i '^strict-transport-security:' || true)"
grep -qi 'max-age=63072000' <<<"$hsts" && pass "HSTS header: $hsts" || fail "no HSTS header on https (got '$hsts')"

# 3. Plain http redirects to https, on the site's name.
out="$(via 127.0.0.2 -o /dev/null -w '%{http_code} %{redirect_url}' "http://$NAME:$HTTP_PORT/readyz?x=1" || true)"
[ "$out" = "301 https://$NAME/readyz?x=1" ] && pass "http redirects to https ($out)" ||
  fail "http: expected '301 https://$NAME/readyz?x=1', got '$out'"

# 4. Body limits. Piece uploads: guichet takes at most 100 MiB + 64 KiB (kMaxBody); one byte
# more is refused by nginx, without guichet seeing the request; exactly that much reaches guichet
# (which answers 401 here: no session; what matters is that it answers).
LIMIT=$((100 * 1024 * 1024 + 64 * 1024))
truncate -s "$((LIMIT + 1))" "$W/over.bin"
truncate -s "$LIMIT" "$W/at.bin"
PIECE="https://$NAME:$HTTPS_PORT/api/v1/registrations/r1/pieces/identite"
out="$(via 127.0.0.2 -o "$W/over.out" -w '%{http_code}' -X PUT -H 'Content-Type: application/pdf' \
  --data-binary "@$W/over.bin" "$PIECE?probe=over" || true)"
if [ "$out" = "413" ] && ! grep -q '"error"' "$W/over.out"; then
  pass "a piece body of limit + 1 byte is refused by nginx (413)"
else
  fail "a piece body of limit + 1 byte: expected nginx's 413, got '$out': $(head -c 300 "$W/over.out")"
fi
# Elsewhere the limit is 10 MiB (the largest whole body guichet takes, a published PDF). Over
# HTTP/1.1 this time: curl asks "Expect: 100-continue" and nginx refuses from the header alone.
truncate -s "$((10 * 1024 * 1024 + 1))" "$W/json-over.bin"
out="$(via 127.0.0.2 --http1.1 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary "@$W/json-over.bin" "https://$NAME:$HTTPS_PORT/api/v1/auth/login?probe=json-over" || true)"
[ "$out" = "413" ] && pass "10 MiB + 1 byte elsewhere: nginx's 413" ||
  fail "10 MiB + 1 byte to /api/v1/auth/login: expected nginx's 413, got '$out'"
out="$(via 127.0.0.2 -o "$W/at.out" -w '%{http_code}' -X PUT -H 'Content-Type: application/pdf' \
  --data-binary "@$W/at.bin" "$PIECE?probe=at" || true)"
line="$(access_line "probe=at")"
if [ -n "$line" ] && grep -q '"error"' "$W/at.out"; then
  pass "a piece body of exactly the limit reaches guichet (guichet answered $out)"
else
  fail "a piece body of exactly the limit: guichet never saw it (status '$out', body $(head -c 300 "$W/at.out"))"
fi
# The upload went to guichet only once whole: nginx buffered it (proxy_request_buffering on, so
# a slow candidate never holds one of guichet's upload places).
grep -q 'client request body is buffered to a temporary file.*probe=at' "$W/logs/error.log" &&
  pass "nginx buffered the upload before handing it to guichet" ||
  fail "nginx did not buffer the piece upload (proxy_request_buffering off?)"
# guichet (one worker) logs in order: once the last request's line is there, the refused ones'
# would be too had they reached it.
for probe in over json-over; do
  ! grep -F "[access]" "$W/guichet.log" | grep -qF "probe=$probe" && pass "the $probe body never reached guichet" ||
    fail "the $probe body reached guichet although nginx refused it"
done
rm -f "$W"/*.bin

# 5. Straight to guichet from an untrusted peer (127.0.0.2), a forged X-Forwarded-For changes
# nothing: the access log names the peer.
curl -s -o /dev/null --max-time 5 --interface 127.0.0.2 -H 'X-Forwarded-For: 198.51.100.66' \
  "http://127.0.0.1:$GPORT/readyz?probe=direct-forged" || true
line="$(access_line "probe=direct-forged")"
c="$(client_of "$line")"
[ "$c" = "127.0.0.2" ] && pass "direct, forged X-Forwarded-For: guichet logs client=127.0.0.2" ||
  fail "direct, forged X-Forwarded-For: expected client=127.0.0.2 in guichet's access log, got '$c' (line: $line)"

# 6. Through nginx, guichet logs each real client.
for from in 127.0.0.2 127.0.0.3; do
  via "$from" -o /dev/null "https://$NAME:$HTTPS_PORT/readyz?probe=via-$from" || true
  c="$(client_of "$(access_line "probe=via-$from")")"
  [ "$c" = "$from" ] && pass "through nginx from $from: guichet logs client=$from" ||
    fail "through nginx from $from: expected client=$from in guichet's access log, got '$c'"
done
# nginx's request id reaches guichet (X-Request-Id): one id in both access logs.
line="$(access_line "probe=via-127.0.0.3")"
rid="$(sed -n 's/.*\[access\] \([^ ]*\) .*/\1/p' <<<"$line")"
if [[ "$rid" =~ ^[0-9a-f]{32}$ ]] && grep -qF "id=$rid " "$W/logs/guichet.access.log"; then
  pass "guichet logs nginx's request id ($rid)"
else
  fail "guichet's request id '$rid' is not nginx's \$request_id (line: $line)"
fi
for from in 127.0.0.3 127.0.0.4; do
  via "$from" -o /dev/null -H 'X-Forwarded-For: 198.51.100.66' "https://$NAME:$HTTPS_PORT/readyz?probe=forged-$from" || true
  c="$(client_of "$(access_line "probe=forged-$from")")"
  [ "$c" = "$from" ] && pass "through nginx from $from with a forged X-Forwarded-For: guichet still logs client=$from" ||
    fail "through nginx from $from with a forged X-Forwarded-For: expected client=$from, got '$c' (does nginx append to X-Forwarded-For instead of replacing it?)"
done

# 7. Throttled per real client: password-reset requests, 10 an hour per client address
# (mail_requests_per_client_hour), then 429. Each to a different unknown address, so only the
# per-client limit (not the per-mail-address one) can bite.
reset() {  # $1 client, $2 email, then extra curl arguments
  local from="$1" email="$2"; shift 2
  via "$from" -o "$W/reset.out" -w '%{http_code}' -H 'Content-Type: application/json' "$@" \
    --data "{\"email\": \"$email\"}" "https://$NAME:$HTTPS_PORT/api/v1/auth/password-reset" || true
}
codes=""
for i in $(seq 1 10); do codes="$codes $(reset 127.0.0.2 "inconnu$i@example.org")"; done
[ "$codes" = "$(printf ' 202%.0s' $(seq 1 10))" ] && pass "127.0.0.2: 10 reset requests accepted (202)" ||
  fail "127.0.0.2: the first 10 reset requests should be 202, got:$codes"
out="$(reset 127.0.0.2 inconnu11@example.org)"
[ "$out" = "429" ] && grep -q '"too_many_attempts"' "$W/reset.out" &&
  pass "127.0.0.2: the 11th reset request is throttled (429 too_many_attempts)" ||
  fail "127.0.0.2: the 11th reset request should be 429 too_many_attempts, got $out $(head -c 300 "$W/reset.out")"
# A forged X-Forwarded-For through nginx does not let the throttled client out.
out="$(reset 127.0.0.2 inconnu12@example.org -H 'X-Forwarded-For: 198.51.100.77')"
[ "$out" = "429" ] && pass "127.0.0.2 with a forged X-Forwarded-For through nginx: still 429" ||
  fail "127.0.0.2 with a forged X-Forwarded-For through nginx escaped the throttle: $out"
out="$(reset 127.0.0.2 inconnu13@example.org -H 'X-Forwarded-For: 127.0.0.3')"
[ "$out" = "429" ] && pass "127.0.0.2 claiming to be 127.0.0.3 through nginx: still 429" ||
  fail "127.0.0.2 claiming to be 127.0.0.3 through nginx escaped the throttle: $out"
# The other client, through the same nginx, is not concerned.
out="$(reset 127.0.0.3 autre@example.org)"
[ "$out" = "202" ] && pass "127.0.0.3 through the same nginx: still 202" ||
  fail "127.0.0.3 through the same nginx should get 202, got $out"

echo "nginx_site_test: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
