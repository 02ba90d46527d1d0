#!/usr/bin/env bash
# The PostgreSQL backup procedure of docs/faults.md, run once end to end: pg_dump -Fc of a HaiCap database while
# haicap serve runs and writes, pg_restore into a new database, haicap serve on the restored database, and the
# row counts of every table compared.
#
#   Benchmarks/faults/pg-backup-restore.sh     (PG_PORT=55500 PG_BIN=… HAICAP=.build/release/haicap to override)
set -euo pipefail
source "$(dirname "$0")/pg-common.sh"
cluster_init
psql_q() { as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -tAc "$2"; }
counts() {
    # Every table's exact row count, one "table count" per line.
    psql_q "$1" "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1" |
        while read -r t; do echo "$t $(psql_q "$1" "SELECT COUNT(*) FROM \"$t\"")"; done
}

pg createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres haicap
start_haicap haicap source
TOKEN="$(token)"
for n in $(seq 1 50); do
    curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"number\": \"$n/UBND\", \"date\": \"2026-11-20\", \"issuer\": \"UBND tỉnh\", \"signer\": \"Chủ tịch\", \"summary\": \"Sao lưu thử $n\", \"text\": \"Nội dung.\"}" \
        "$BASE/api/v1/directives"
done

# 1. Backup while the server keeps writing (pg_dump takes one snapshot: the dump is consistent).
( for n in $(seq 51 400); do
    curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"number\": \"$n/UBND\", \"date\": \"2026-11-20\", \"issuer\": \"UBND tỉnh\", \"signer\": \"Chủ tịch\", \"summary\": \"Ghi trong lúc sao lưu $n\", \"text\": \"Nội dung.\"}" \
        "$BASE/api/v1/directives"
  done ) &
writer=$!
sleep 0.5
start=$(date +%s.%N)
as_postgres "$PG_BIN/pg_dump" -Fc -f "$WORK/haicap.dump" "postgres://postgres@127.0.0.1:$PG_PORT/haicap"
dump_seconds=$(echo "$(date +%s.%N) - $start" | bc)
wait "$writer"
stop_haicap
echo "1. pg_dump -Fc while writing: $(du -h "$WORK/haicap.dump" | cut -f1), ${dump_seconds} s"

# What the dump holds: restore it into a scratch database (the reference) to compare with the one haicap will use.
pg createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres haicap_restored
start=$(date +%s.%N)
as_postgres "$PG_BIN/pg_restore" --no-owner --exit-on-error -d "postgres://postgres@127.0.0.1:$PG_PORT/haicap_restored" "$WORK/haicap.dump"
echo "2. pg_restore --no-owner --exit-on-error into haicap_restored: $(echo "$(date +%s.%N) - $start" | bc) s"
counts haicap_restored > "$WORK/restored.counts"
directives_in_dump=$(awk '$1 == "directives" {print $2}' "$WORK/restored.counts")
directives_now=$(psql_q haicap "SELECT COUNT(*) FROM directives")
echo "   directives: $directives_now in the source after the writes, $directives_in_dump in the dump (a point during the writes)"
pairs=$(psql_q haicap_restored "SELECT COUNT(*) FROM directives d WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = CAST(d.id AS TEXT) AND a.action LIKE 'directive%')" 2>/dev/null || echo "?")
echo "   directives without their audit entry in the dump (must be 0: same transaction): $pairs"

# 3. haicap serve on the restored database: migrations find nothing to do, the data answers.
start_haicap haicap_restored restored
listed=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/directives?per=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
health=$(curl -s "$BASE/healthz")
stop_haicap
counts haicap_restored > "$WORK/after.counts"
echo "3. haicap serve on haicap_restored: /healthz $health, API lists $listed directives (dump: $directives_in_dump)"
if diff -q "$WORK/restored.counts" "$WORK/after.counts" >/dev/null; then
    echo "4. row counts of all $(wc -l < "$WORK/restored.counts") tables identical before and after serving from the restore"
else
    echo "4. row counts changed while serving from the restore (expected only for sessions/leases):"; diff "$WORK/restored.counts" "$WORK/after.counts" || true
fi
[ "$listed" = "$directives_in_dump" ]
