# Shared by pg-restart.sh and pg-backup-restore.sh: a throwaway PostgreSQL cluster on its own port, and the haicap binary.
# Never touches any other cluster. Run as root (commands then run as user postgres) or as a user who can run initdb.

PG_BIN="${PG_BIN:-$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
PG_PORT="${PG_PORT:-55500}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HAICAP="${HAICAP:-$ROOT/.build/release/haicap}"
WORK="$(mktemp -d -t haicap-pg-fault.XXXXXX)"
chmod 755 "$WORK"
PGDATA_DIR="$WORK/pgdata"
SERVER_PID=""

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg() { as_postgres "$PG_BIN/$1" "${@:2}"; }

cluster_start() {
    pg pg_ctl -D "$PGDATA_DIR" -l "$WORK/postgres.log" -w -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
}

cluster_init() {
    if [ ! -x "$HAICAP" ]; then (cd "$ROOT" && swift build -c release --product haicap); fi
    [ "$(id -u)" = 0 ] && chown postgres "$WORK"
    pg initdb -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 >/dev/null
    cluster_start
}

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ -f "$PGDATA_DIR/postmaster.pid" ]; then pg pg_ctl -D "$PGDATA_DIR" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_haicap DATABASE_NAME LOGNAME: runs haicap serve on the cluster; sets SERVER_PID and BASE.
start_haicap() {
    local port; port="$(free_port)"
    BASE="http://127.0.0.1:$port"
    export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$1"
    HAICAP_DATA_DIR="$WORK/data" HAICAP_PORT="$port" HAICAP_ADMIN_PASSWORD="fault-admin-1" HAICAP_BCRYPT_COST=4 LOG_LEVEL=warning \
        "$HAICAP" serve >"$WORK/$2.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")" = 200 ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$2.log"; return 1; }
        sleep 0.1
    done
    echo "haicap did not become healthy" >&2; cat "$WORK/$2.log"; return 1
}

stop_haicap() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

token() { HAICAP_DATA_DIR="$WORK/data" "$HAICAP" token create --username admin --name fault 2>/dev/null | tail -1; }
