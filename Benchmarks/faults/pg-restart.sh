#!/usr/bin/env bash
# PostgreSQL restarted under load: haicap serve must keep running, answer 503 on /healthz while the database is
# down, and serve again (reads and writes) once it is back, without being restarted.
#
#   Benchmarks/faults/pg-restart.sh        (PG_PORT=55500 PG_BIN=… HAICAP=.build/release/haicap to override)
#
# Uses a throwaway cluster (initdb in a temporary folder, its own port); builds the release binary if missing.
set -euo pipefail
source "$(dirname "$0")/pg-common.sh"
cluster_init
pg createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres haicap
start_haicap haicap server
TOKEN="$(token)"
PID_BEFORE="$SERVER_PID"
echo "haicap serve (pid $SERVER_PID) on $BASE, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"

# Load: 4 clients alternating a read and a write; each line of $WORK/load-N is "<phase> <status>".
echo steady > "$WORK/phase"
load_client() {
    local n=0
    while [ -f "$WORK/running" ]; do
        n=$((n + 1))
        local phase; phase="$(cat "$WORK/phase")"
        local read write
        read=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/directives?page=1") || read=000
        write=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d "{\"number\": \"$1-$n/UBND\", \"date\": \"2026-11-20\", \"issuer\": \"UBND tỉnh\", \"signer\": \"Chủ tịch\", \"summary\": \"Tải thử $1-$n\", \"text\": \"Thử khởi động lại PostgreSQL.\"}" \
            "$BASE/api/v1/directives") || write=000
        echo "$phase read $read" >> "$WORK/load-$1"
        echo "$phase write $write" >> "$WORK/load-$1"
    done
}
touch "$WORK/running"
CLIENTS=()
for c in 1 2 3 4; do load_client "$c" & CLIENTS+=($!); done
sleep 3

# healthz_probe SECONDS: samples /healthz every 100 ms; prints counts of statuses seen.
healthz_probe() {
    local end=$(( $(date +%s%N) + $1 * 1000000000 ))
    while [ "$(date +%s%N)" -lt "$end" ]; do
        curl -s -o /dev/null -m 2 -w '%{http_code}\n' "$BASE/healthz" || echo 000
        sleep 0.1
    done | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}'
}

# wait_healthy: seconds until /healthz answers 200 again.
wait_healthy() {
    local start; start=$(date +%s.%N)
    until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE/healthz")" = 200 ]; do sleep 0.05; done
    echo "$(date +%s.%N) - $start" | bc
}

echo restart > "$WORK/phase"
healthz_probe 6 > "$WORK/probe-restart" &
probe=$!
sleep 1
pg pg_ctl -D "$PGDATA_DIR" -m fast -w -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" restart >/dev/null
recovered="$(wait_healthy)"
wait "$probe"
echo "1. pg_ctl restart -m fast: healthy again after $recovered s; /healthz during 6 s around it: $(cat "$WORK/probe-restart")"

sleep 2
echo outage > "$WORK/phase"
pg pg_ctl -D "$PGDATA_DIR" -m fast -w stop >/dev/null
sleep 0.5
body="$(curl -s -m 5 -w ' %{http_code}' "$BASE/healthz")"
seen="$(healthz_probe 5)"
echo after > "$WORK/phase"
cluster_start
echo "2. stopped ~5 s: /healthz during the outage: $seen(first answer: $body); healthy again $(wait_healthy) s after start"
sleep 3
rm -f "$WORK/running"
wait "${CLIENTS[@]}"

echo "3. haicap serve still the same process: $([ "$SERVER_PID" = "$PID_BEFORE" ] && kill -0 "$SERVER_PID" && echo "yes (pid $SERVER_PID)" || echo NO)"
final=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"number": "final/UBND", "date": "2026-11-20", "issuer": "UBND tỉnh", "signer": "Chủ tịch", "summary": "Sau sự cố", "text": "Ghi sau khi PostgreSQL trở lại."}' \
    "$BASE/api/v1/directives")
echo "4. a write after recovery: HTTP $final"
echo "Requests by phase (phase kind status count):"
cat "$WORK"/load-* | sort | uniq -c | awk '{printf "   %-8s %-6s %s  %s\n", $2, $3, $4, $1}'
stored=$(as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d haicap -tAc "SELECT COUNT(*) FROM directives")
acked=$(cat "$WORK"/load-* | awk '$2 == "write" && $3 == 201' | wc -l)
echo "5. directives acknowledged (201) $((acked + 1)), stored $stored (stored ≥ acknowledged: a write in flight at the stop may have committed)"
[ "$final" = 201 ] && [ "$stored" -ge $((acked + 1)) ] && [ "$SERVER_PID" = "$PID_BEFORE" ]
