#!/usr/bin/env bash
# Tests deploy/nginx/haicap.conf as it is: two `haicap serve` instances on one PostgreSQL database behind nginx
# (run as an ordinary process with a temporary prefix, on high ports, with a self-signed certificate).
#
#   HAICAP_LOAD_PG=postgres://postgres@127.0.0.1:5432 deploy/nginx/test.sh [--no-build]
#
# Needs nginx, openssl, curl, psql (Debian: apt-get install -y nginx openssl curl postgresql-client). Creates and
# drops the database haicap_nginx_test. Checks: HTTP → HTTPS redirect; requests spread over both instances; static
# files cached by nginx; a body over client_max_body_size gets 413; HSTS and Secure cookies over TLS; the assistant
# limited per client (429); with one instance killed (SIGKILL) every GET and POST still answers.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
[ "${1:-}" = --no-build ] || (cd "$ROOT" && swift build -c release --product haicap >&2)
for tool in nginx openssl curl psql; do command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y nginx openssl curl postgresql-client)" >&2; exit 1; }; done
HAICAP="$ROOT/.build/release/haicap"
PG_BASE="${HAICAP_LOAD_PG:-postgres://postgres@127.0.0.1:5432}"; PG_BASE="${PG_BASE%/}"
P1=18281 P2=18282 HTTP=18480 HTTPS=18443
T="$(mktemp -d /tmp/haicap-nginx.XXXXXX)"
PIDS=()
cleanup() {
  [ -f "$T/nginx.pid" ] && kill "$(cat "$T/nginx.pid")" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS haicap_nginx_test WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*" >&2; echo "--- nginx error.log" >&2; tail -20 "$T/error.log" >&2 || true; exit 1; }
ok() { echo "ok: $*"; }

psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS haicap_nginx_test WITH (FORCE)" >/dev/null
psql "$PG_BASE/postgres" -qc "CREATE DATABASE haicap_nginx_test" >/dev/null
export DATABASE_URL="$PG_BASE/haicap_nginx_test" HAICAP_SECURE_COOKIES=true HAICAP_ASSISTANT_RATE_LIMIT=0 HAICAP_TRUSTED_PROXIES=127.0.0.1,::1 LOG_LEVEL=warning \
       HAICAP_ADMIN_PASSWORD="nginx-test-$RANDOM$RANDOM" HAICAP_BCRYPT_COST=4 HAICAP_HOSTNAME=127.0.0.1
"$HAICAP" migrate >/dev/null   # once, before the instances start (docs/deployment.md, "Upgrades")
# One after the other: on an empty database the first start also imports the bundled data, which is not guarded
# against a second instance doing the same at once (docs/deployment.md, "First start").
for port in $P1 $P2; do
  mkdir -p "$T/i$port"
  (cd "$T/i$port" && HAICAP_DATA_DIR="$T/i$port" HAICAP_PORT=$port exec "$HAICAP" serve >"$T/i$port/serve.log" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || fail "instance on $port did not start: $(cat "$T/i$port/serve.log")"
done

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=hanhchinh.example.gov.vn" \
  -keyout "$T/privkey.pem" -out "$T/fullchain.pem" 2>/dev/null
mkdir -p "$T/cache" "$T/acme"
# Run as root, nginx's workers are "nobody": let them reach the cache folder.
if [ "$(id -u)" = 0 ]; then chmod 755 "$T"; chown nobody "$T/cache"; fi
sed -e "s#127.0.0.1:8081#127.0.0.1:$P1#; s#127.0.0.1:8082#127.0.0.1:$P2#" \
    -e "s#listen 80;#listen 127.0.0.1:$HTTP;#; s#listen 443 ssl http2;#listen 127.0.0.1:$HTTPS ssl http2;#; /listen \[::\]/d" \
    -e "s#/etc/ssl/haicap/#$T/#; s#/var/cache/nginx/haicap#$T/cache#; s#/var/www/acme#$T/acme#" \
    "$HERE/haicap.conf" >"$T/haicap.conf"
cat >"$T/nginx.conf" <<CONF
worker_processes 1;
pid $T/nginx.pid;
error_log $T/error.log warn;
events { worker_connections 1024; }
http {
    log_format up '\$status \$upstream_addr \$request_method \$uri';
    access_log $T/access.log up;
    client_body_temp_path $T/body; proxy_temp_path $T/proxy; fastcgi_temp_path $T/fastcgi;
    uwsgi_temp_path $T/uwsgi; scgi_temp_path $T/scgi;
    include $T/haicap.conf;
}
CONF
nginx -t -p "$T" -c "$T/nginx.conf" -g 'daemon off;' 2>&1 | grep -q "successful" || { nginx -t -p "$T" -c "$T/nginx.conf"; fail "nginx -t"; }
nginx -p "$T" -c "$T/nginx.conf" -g 'daemon off;' 2>>"$T/error.log" &
for _ in $(seq 1 50); do [ -f "$T/nginx.pid" ] && break; sleep 0.1; done
sleep 0.3
C=(curl -sk --resolve "hanhchinh.example.gov.vn:$HTTPS:127.0.0.1")
B="https://hanhchinh.example.gov.vn:$HTTPS"

code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: hanhchinh.example.gov.vn" "http://127.0.0.1:$HTTP/thu-tuc")
[[ "$code" == "301 https://hanhchinh.example.gov.vn/thu-tuc" ]] && ok "HTTP redirects to HTTPS ($code)" || fail "redirect: $code"

: >"$T/access.log"
for _ in $(seq 1 40); do "${C[@]}" -o /dev/null "$B/healthz"; "${C[@]}" -o /dev/null "$B/thu-tuc/danh-muc"; done
n1=$(grep -c "127.0.0.1:$P1" "$T/access.log" || true); n2=$(grep -c "127.0.0.1:$P2" "$T/access.log" || true)
[ "$n1" -gt 10 ] && [ "$n2" -gt 10 ] && ok "80 requests balanced: $n1 to :$P1, $n2 to :$P2" || fail "balance $n1 / $n2"

h=$("${C[@]}" -D - -o /dev/null "$B/thu-tuc")
grep -qi '^strict-transport-security' <<<"$h" && ok "HSTS header" || fail "no HSTS"
"${C[@]}" -D - -o /dev/null "$B/login" | grep -i '^set-cookie' | grep -qi 'secure' && ok "cookies are Secure over TLS (HAICAP_SECURE_COOKIES=true)" || echo "note: /login set no Secure cookie (no cookie on GET?)"

"${C[@]}" -o /dev/null "$B/static/app.css"
s=$("${C[@]}" -D - -o /dev/null "$B/static/app.css" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache-status"{print $2}')
[ "$s" = HIT ] && ok "static file served from nginx's cache (X-Cache-Status: $s)" || fail "static cache: $s"

head -c 3000000 /dev/zero | tr '\0' a >"$T/big"
code=$("${C[@]}" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$T/big" "$B/api/v1/assistant/procedures")
[ "$code" = 413 ] && ok "3 MB body refused with 413 (client_max_body_size 2m = HAICAP_MAX_BODY_BYTES)" || fail "big body: $code"

codes=""
for i in $(seq 1 14); do
  codes+="$("${C[@]}" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "{\"question\":\"khai sinh $i\"}" "$B/api/v1/assistant/procedures") "
done
grep -q 429 <<<"$codes" && ok "assistant limited per client by nginx: $codes" || fail "no 429 in: $codes"
sleep 2.1   # one token back in the bucket (30 r/min)

kill -9 "${PIDS[0]}"
: >"$T/access.log"
bad=0
for i in $(seq 1 30); do
  c1=$("${C[@]}" -o /dev/null -w '%{http_code}' "$B/thu-tuc/danh-muc?q=khai")
  [ "$c1" = 200 ] || bad=$((bad + 1))
done
c2=$("${C[@]}" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{"question":"dang ky ket hon can gi"}' "$B/api/v1/assistant/procedures")
[ "$bad" = 0 ] && [ "$c2" = 200 ] && ok "instance :$P1 killed: 30 GETs all 200, POST to the assistant $c2 (retried on :$P2)" || fail "after kill: $bad GET failures, POST $c2"
echo "all nginx checks passed"
