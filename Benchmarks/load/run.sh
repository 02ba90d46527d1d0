#!/usr/bin/env bash
# Load test of a release build of `haicap serve` on 127.0.0.1 with wrk (issue [7/7], docs/benchmarks.md "Load").
#
#   Benchmarks/load/run.sh [sqlite|postgres|both] [--duration 60] [--connections 128] [--threads 2]
#                          [--warmup 5] [--timeout 30] [--port 18080] [--no-build]
#
# Needs: wrk, curl, python3 (Debian: apt-get install -y wrk curl python3); for postgres also psql
# (apt-get install -y postgresql-client) and a server: HAICAP_LOAD_PG=postgres://user@host:port (default
# postgres://postgres@127.0.0.1:5432); the script creates and drops the database haicap_load on it.
# Per backend: a fresh data folder (and database), `haicap bench load-fixture` (the fixtures of `bench reporting`
# and `bench monitoring`), `haicap serve` with the assistant rate limit off and LOG_LEVEL=warning, then one wrk run
# per endpoint (after a warm-up), each rotating through Benchmarks/load/data/ (>= 200 distinct requests where the
# endpoint takes questions or searches). Errors (socket errors, timeouts, responses >= 400) are counted and reported;
# the first request of every endpoint is checked for 200 with curl, so a redirect to the login page cannot pass.
# Output: a Markdown table per backend on stdout and in Benchmarks/load/results/<time>-<backend>.md (+ .jsonl).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BACKENDS=sqlite DURATION=60 CONNECTIONS=128 THREADS=2 WARMUP=5 TIMEOUT=30 PORT=18080 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    sqlite|postgres) BACKENDS="$1" ;;
    both) BACKENDS="sqlite postgres" ;;
    --duration) DURATION="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --timeout) TIMEOUT="$2"; shift ;;
    --port) PORT="$2"; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n 2,16p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }
done
case "$BACKENDS" in *postgres*) command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; } ;; esac

# HAICAP_BIN=path runs another build (e.g. a copy of the previous one, to compare); it is never rebuilt.
HAICAP="${HAICAP_BIN:-$ROOT/.build/release/haicap}"
if [ -z "${HAICAP_BIN:-}" ] && { [ "$BUILD" = 1 ] || [ ! -x "$HAICAP" ]; }; then
  echo "== swift build -c release --product haicap" >&2
  (cd "$ROOT" && swift build -c release --product haicap >&2)
fi

PG_BASE="${HAICAP_LOAD_PG:-postgres://postgres@127.0.0.1:5432}"
PG_BASE="${PG_BASE%/}"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$HERE/results"
mkdir -p "$RESULTS"
WORK="$(mktemp -d /tmp/haicap-load.XXXXXX)"
SERVER_PID=""
BG_PID=""
cleanup() {
  [ -n "$BG_PID" ] && kill "$BG_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  case "$BACKENDS" in *postgres*) psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS haicap_load WITH (FORCE)" >/dev/null 2>&1 || true ;; esac
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }

# The server finishes requests whose client has gone (wrk closes its connections at the end of a run): wait until it
# is idle (< 0.05 core over a second, at most 180 s) so that one run's backlog does not slow the next.
drain() {
  local a b
  for _ in $(seq 1 180); do
    a=$(cpu_ticks); sleep 1; b=$(cpu_ticks)
    [ $((b - a)) -lt 5 ] && return 0
  done
  echo "warning: server still busy after 180 s" >&2
}

# wrk_run LABEL SECONDS CONNECTIONS THREADS MODE FILE [PATH] [TOKEN] -> prints the WRKJSON object
wrk_run() {
  local label="$1" seconds="$2" conns="$3" threads="$4"; shift 4
  wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout "${TIMEOUT}s" -s "$HERE/rotate.lua" "http://127.0.0.1:$PORT" -- "$label" "$@" \
    | sed -n 's/^WRKJSON //p'
}

# check MODE FILE [PATH] [TOKEN]: the first request of the list must answer 200.
check() {
  local mode="$1" file="$2" path="${3:-}" token="${4:-}" line code
  line="$(head -n1 "$file")"
  local auth=()
  [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
  case "$mode" in
    get) code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "http://127.0.0.1:$PORT$line") ;;
    post) code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/json' --data-binary "$line" "http://127.0.0.1:$PORT$path") ;;
    tsv) IFS=$'\t' read -r t p b <<<"$line"
         code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $t" -H 'Content-Type: application/json' --data-binary "$b" "http://127.0.0.1:$PORT$p") ;;
  esac
  [ "$code" = 200 ] || { echo "check failed: $mode ${path:-$line} answered $code" >&2; return 1; }
}

run_backend() {
  local backend="$1" data="$WORK/$backend" url=""
  mkdir -p "$data"
  export HAICAP_DATA_DIR="$data" HAICAP_PORT="$PORT" HAICAP_HOSTNAME=127.0.0.1 HAICAP_ASSISTANT_RATE_LIMIT=0 \
         LOG_LEVEL=warning HAICAP_BCRYPT_COST=4 HAICAP_ADMIN_PASSWORD="load-admin-$RANDOM$RANDOM"
  if [ "$backend" = postgres ]; then
    psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS haicap_load WITH (FORCE)" >/dev/null
    psql "$PG_BASE/postgres" -qc "CREATE DATABASE haicap_load" >/dev/null
    url="$PG_BASE/haicap_load"
    export DATABASE_URL="$url"
  else
    unset DATABASE_URL
  fi
  echo "== $backend: fixture" >&2
  (cd "$data" && "$HAICAP" bench load-fixture --out "$data/load" >&2)
  # shellcheck disable=SC1091
  . "$data/load/fixture.env"
  echo /healthz >"$data/healthz.txt"
  echo "/dieu-hanh" >"$data/monitoring.txt"
  echo "/bao-cao/ky/$DASHBOARD_PERIOD" >"$data/period.txt"

  echo "== $backend: haicap serve on 127.0.0.1:$PORT" >&2
  (cd "$data" && exec "$HAICAP" serve >"$data/serve.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "server did not start:" >&2; cat "$data/serve.log" >&2; exit 1; }

  local D="$HERE/data"
  # label | mode | file | path | token
  local endpoints=(
    "GET /healthz|get|$data/healthz.txt||"
    "POST /api/v1/assistant/procedures (citizen assistant)|post|$D/citizen.jsonl|/api/v1/assistant/procedures|"
    "GET /api/v1/procedures?q= (catalogue search)|get|$D/search.txt||"
    "GET /thu-tuc/{code}, /thu-tuc/danh-muc?q= (pages)|get|$D/pages.txt||"
    "POST /api/v1/assistant/authority (authority assistant)|post|$D/authority.jsonl|/api/v1/assistant/authority|$PROVINCE_TOKEN"
    "PUT /api/v1/periods/{id}/reports/{unit} (report save)|tsv|$data/load/submissions.tsv||"
    "GET /dieu-hanh (monitoring dashboard, 50,000 assignments)|get|$data/monitoring.txt||$PROVINCE_TOKEN"
    "GET /bao-cao/ky/{id} (province period dashboard, $PROVINCE_UNITS units)|get|$data/period.txt||$PROVINCE_TOKEN"
  )
  local jsonl="$RESULTS/$STAMP-$backend.jsonl"
  : >"$jsonl"
  local rss_start; rss_start=$(rss_kb)
  for spec in "${endpoints[@]}"; do
    IFS='|' read -r label mode file path token <<<"$spec"
    check "$mode" "$file" "$path" "$token"
    echo "== $backend: $label (warm-up ${WARMUP}s, then ${DURATION}s at $CONNECTIONS connections)" >&2
    # Warm-up with few connections: it fills the caches without leaving a backlog of slow requests.
    [ "$WARMUP" -gt 0 ] && wrk_run "$label" "$WARMUP" 4 1 "$mode" "$file" "$path" "$token" >/dev/null
    drain
    local t0 t1 c0 c1 json
    c0=$(cpu_ticks); t0=$(date +%s.%N)
    json=$(wrk_run "$label" "$DURATION" "$CONNECTIONS" "$THREADS" "$mode" "$file" "$path" "$token")
    c1=$(cpu_ticks); t1=$(date +%s.%N)
    [ -n "$json" ] || { echo "wrk printed no result for $label" >&2; exit 1; }
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d.update(label=sys.argv[2], distinct=int(sys.argv[3]), server_cpu=round((float(sys.argv[4])-float(sys.argv[5]))/100/(float(sys.argv[6])-float(sys.argv[7])),2), rss_mb=round(int(sys.argv[8])/1024)); print(json.dumps(d, ensure_ascii=False))' \
      "$json" "$label" "$(grep -c . "$file")" "$c1" "$c0" "$t1" "$t0" "$(rss_kb)" | tee -a "$jsonl" >&2
    drain
  done

  # The province dashboard under load: one client on the period page while CONNECTIONS clients ask the citizen assistant.
  echo "== $backend: period dashboard (1 connection) while the citizen assistant takes $CONNECTIONS connections" >&2
  wrk_run bg "$((DURATION + 4))" "$CONNECTIONS" "$THREADS" post "$D/citizen.jsonl" /api/v1/assistant/procedures >"$WORK/bg.json" &
  BG_PID=$!
  sleep 2
  json=$(wrk_run "under load" "$DURATION" 1 1 get "$data/period.txt" "" "$PROVINCE_TOKEN")
  wait "$BG_PID" || true; BG_PID=""
  drain
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); bg=json.loads(open(sys.argv[2]).read() or "{}"); d.update(label=sys.argv[3], distinct=1, background_rps=bg.get("rps"), background_errors=sum(bg.get("errors",{}).values()) if bg else None); print(json.dumps(d, ensure_ascii=False))' \
    "$json" "$WORK/bg.json" "GET /bao-cao/ky/{id}, 1 connection, under citizen-assistant load" | tee -a "$jsonl" >&2

  local rss_end; rss_end=$(rss_kb)
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  if [ "$backend" = postgres ]; then psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS haicap_load WITH (FORCE)" >/dev/null; fi

  python3 "$HERE/report.py" "$jsonl" --backend "$backend" --duration "$DURATION" --connections "$CONNECTIONS" --threads "$THREADS" \
    --rss "$rss_start" "$rss_end" | tee "$RESULTS/$STAMP-$backend.md"
}

for backend in $BACKENDS; do run_backend "$backend"; done
