#!/usr/bin/env bash
# Memory soak: a mixed load (citizen and authority assistants, catalogue search, pages, report saves, both dashboards)
# against a release build of `haicap serve` for N minutes, sampling the server's RSS every 10 s.
#
#   Benchmarks/load/soak.sh [sqlite|postgres] [--minutes 10] [--connections 64] [--threads 2] [--port 18081] [--no-build]
#
# Needs wrk, curl, python3 (and psql + HAICAP_LOAD_PG for postgres, as run.sh). Writes the samples to
# Benchmarks/load/results/<time>-soak-<backend>.csv and prints first/last/max RSS and whether memory is flat:
# growth from the end of the first minute (caches filled) to the end < 10 %.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BACKEND=sqlite MINUTES=10 CONNECTIONS=64 THREADS=2 PORT=18081 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    sqlite|postgres) BACKEND="$1" ;;
    --minutes) MINUTES="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --port) PORT="$2"; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk curl python3; do command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }; done
HAICAP="$ROOT/.build/release/haicap"
if [ "$BUILD" = 1 ] || [ ! -x "$HAICAP" ]; then (cd "$ROOT" && swift build -c release --product haicap >&2); fi
PG_BASE="${HAICAP_LOAD_PG:-postgres://postgres@127.0.0.1:5432}"; PG_BASE="${PG_BASE%/}"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$HERE/results"
CSV="$HERE/results/$STAMP-soak-$BACKEND.csv"
WORK="$(mktemp -d /tmp/haicap-soak.XXXXXX)"
SERVER_PID="" WRK_PID=""
cleanup() {
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  [ "$BACKEND" = postgres ] && psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS haicap_soak WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

export HAICAP_DATA_DIR="$WORK/data" HAICAP_PORT="$PORT" HAICAP_HOSTNAME=127.0.0.1 HAICAP_ASSISTANT_RATE_LIMIT=0 \
       LOG_LEVEL=warning HAICAP_BCRYPT_COST=4 HAICAP_ADMIN_PASSWORD="soak-admin-$RANDOM$RANDOM"
mkdir -p "$HAICAP_DATA_DIR"
if [ "$BACKEND" = postgres ]; then
  psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS haicap_soak WITH (FORCE)" >/dev/null
  psql "$PG_BASE/postgres" -qc "CREATE DATABASE haicap_soak" >/dev/null
  export DATABASE_URL="$PG_BASE/haicap_soak"
else
  unset DATABASE_URL
fi
(cd "$WORK" && "$HAICAP" bench load-fixture --out "$WORK/load" >&2)
. "$WORK/load/fixture.env"
echo /dieu-hanh >"$WORK/monitoring.txt"
echo "/bao-cao/ky/$DASHBOARD_PERIOD" >"$WORK/period.txt"
(cd "$WORK" && exec "$HAICAP" serve >"$WORK/serve.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

D="$HERE/data"
echo "== soak $BACKEND: $MINUTES min, $CONNECTIONS connections, server pid $SERVER_PID" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${MINUTES}m" --timeout 30s -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT" -- \
  "3|post|$D/citizen.jsonl|/api/v1/assistant/procedures|" \
  "3|get|$D/search.txt||" \
  "1|get|$D/pages.txt||" \
  "2|post|$D/authority.jsonl|/api/v1/assistant/authority|$PROVINCE_TOKEN" \
  "1|tsv|$WORK/load/submissions.tsv||" \
  "1|get|$WORK/monitoring.txt||$PROVINCE_TOKEN" \
  "1|get|$WORK/period.txt||$PROVINCE_TOKEN" >"$WORK/wrk.out" &
WRK_PID=$!
echo "seconds,rss_kb" >"$CSV"
start=$(date +%s)
while kill -0 "$WRK_PID" 2>/dev/null; do
  echo "$(( $(date +%s) - start )),$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status")" >>"$CSV"
  sleep 10
done
wait "$WRK_PID" || true; WRK_PID=""
# Which answers were not 2xx (wrk only counts them): from the server's own counters.
curl -s "http://127.0.0.1:$PORT/metrics" | grep '^haicap_http_requests_total' | grep -v 'status="2' >"$WORK/non2xx.txt" || true
python3 - "$CSV" "$WORK/wrk.out" "$BACKEND" "$MINUTES" "$CONNECTIONS" "$WORK/non2xx.txt" <<'PY'
import csv, json, sys
rows = [(int(r["seconds"]), int(r["rss_kb"])) for r in csv.DictReader(open(sys.argv[1]))]
w = next((json.loads(l[8:]) for l in open(sys.argv[2]) if l.startswith("WRKJSON ")), None)
mb = lambda kb: kb / 1024
base = next((kb for s, kb in rows if s >= 60), rows[0][1])
first, last, peak = rows[0][1], rows[-1][1], max(kb for _, kb in rows)
growth = (last - base) / base * 100
errors = sum(w["errors"].values()) if w else None
print(f"### Soak {sys.argv[3]}: {sys.argv[4]} min, {sys.argv[5]} connections, mixed load\n")
if w:
    print(f"{w['requests']:,} requests, {w['rps']:,.0f} req/s, p50 {w['p50']:.1f} ms, p99 {w['p99']:.1f} ms, errors {errors} {w['errors']}")
print(f"RSS: first sample {mb(first):.0f} MB, after 1 min {mb(base):.0f} MB, last {mb(last):.0f} MB, max {mb(peak):.0f} MB; "
      f"growth after the first minute {growth:+.1f} % -> {'flat ✓' if growth < 10 else 'NOT flat ✗'} (samples every 10 s: {sys.argv[1]})")
bad = [l.strip() for l in open(sys.argv[6]) if l.strip()]
print("Answers other than 2xx, by route and status (server counters):" if bad else "No answer other than 2xx (server counters).")
for l in bad: print("  " + l)
PY
