#!/usr/bin/env bash
# Crash trial of bulk edits (issue 19): a business of --locations locations, a bulk edit of the greeting of all of
# them, the app kill -9ed once --kill-after locations are done (some batches, not all), started again, and once the
# edit has completed checks that its result lists every location, that every location has exactly one revision by the
# edit (the history's ?actor= filter) and shows the new greeting. Starts its own Cosmos server and Azurite on free
# ports; needs nothing running. Exits non-zero on any failure.
# Usage: scripts/bulk-crash-test.sh [--locations 1000] [--kill-after 200]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

locations=1000
kill_after=200
while [ $# -gt 0 ]; do
  case "$1" in
    --locations) locations="$2"; shift 2 ;;
    --kill-after) kill_after="$2"; shift 2 ;;
    *) die "usage: scripts/bulk-crash-test.sh [--locations N] [--kill-after N]" ;;
  esac
done
[ "$kill_after" -gt 0 ] && [ "$kill_after" -lt "$locations" ] || die "--kill-after must be between 1 and --locations - 1"
# After the restart the Durable partitions' leases of the killed process expire first (30 s), then the edit goes on.
readonly finish_limit=150

check_tools
trial_app bulkcrash
client() { node scripts/bulk-crash-client.mjs "$1" "$url" "$token" "${@:2}"; }
progress() { client progress "$work/state.json"; }
# Some batches done (at least --kill-after locations), or the edit no longer running; `seen` keeps what was read.
# A read that failed (the app busy) is asked again.
seen=""
far_enough() {
  seen="$(progress)" || return 1
  local status done
  read -r status done <<<"$seen"
  [ "$status" != running ] || [ "$done" -ge "$kill_after" ]
}
# Completed, or failed (which the check then reports).
finished() { [[ "$(progress)" =~ ^(completed|failed)\  ]]; }

echo "# bulk edit crash trial: $locations locations, kill -9 once $kill_after are done; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_app
token="$(app_command token --sub bulk-crash-test --platform-role ops --hours 1)"
client setup "$locations" "$work/state.json"
started=$SECONDS
client start "$work/state.json"
wait_until 120 "$kill_after locations to be done" far_enough
kill -KILL "$app"
killed_at="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
wait "$app" 2>/dev/null || true
read -r status done <<<"$seen"
[ "$status" = running ] || die "the edit was $status with $done locations done before it could be killed: give a smaller --kill-after"
echo "killed the app $((SECONDS - started))s after the start, the edit running with $done locations done when last read"
start_app
restarted=$SECONDS
echo "started again; the edit is $(progress)"
wait_until "$finish_limit" "the edit to finish within ${finish_limit}s of the restart" finished
echo "finished $((SECONDS - restarted))s after the restart ($((SECONDS - started))s after the start)"
client check "$work/state.json" "$killed_at"
echo "# the trial took ${SECONDS}s in all"
