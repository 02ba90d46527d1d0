#!/usr/bin/env bash
# Kill-and-restart: SIGKILL `haicap serve` at a random moment while eight officials save and submit reports and
# report assignment progress, restart it, repeat; then check that every write acknowledged with a 2xx is in the
# database and that every notification reached a local webhook (duplicates carrying their first delivery id).
#
#   Benchmarks/faults/kill-restart.sh [ROUNDS]     (default 20; CI runs the same test with 3)
#
# The driver is the Swift test KillRestartTests (Tests/HaiCapWebTests/Faults), run against the debug `haicap`
# binary built next to the tests. Exit status is non-zero if anything was lost.
set -euo pipefail
ROUNDS="${1:-20}"
cd "$(dirname "$0")/../.."

swift build --build-tests
summary="$(mktemp -t haicap-kill-restart.XXXXXX.json)"
trap 'rm -f "$summary"' EXIT
status=0
HAICAP_FAULT_ROUNDS="$ROUNDS" HAICAP_FAULT_SUMMARY="$summary" \
    swift test --skip-build --filter KillRestartTests 2>&1 | grep -E "kill-restart:|✘|✔ Test|error" || true
if [ ! -s "$summary" ]; then
    echo "kill-restart: the test did not finish (no summary written)" >&2
    exit 1
fi
echo
echo "Summary ($(date -u +%FT%TZ), $(nproc) cores, $ROUNDS rounds):"
sed -e 's/[{}]//g' -e 's/,"/\n  "/g' -e 's/^"/  "/' "$summary"
echo
grep -q '"missingWrites":0' "$summary" && grep -q '"notificationsLost":0' "$summary" || status=1
dup=$(sed -E 's/.*"duplicates":([0-9]+).*/\1/' "$summary")
kept=$(sed -E 's/.*"duplicatesWithFirstDeliveryID":([0-9]+).*/\1/' "$summary")
[ "$dup" = "$kept" ] || status=1
[ "$status" = 0 ] && echo "OK: nothing acknowledged was lost." || echo "FAILED: see the counts above." >&2
exit "$status"
