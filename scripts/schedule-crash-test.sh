#!/usr/bin/env bash
# Crash trial of scheduled changes (issue 18): schedules --changes changes (a greeting and an SMS signature on each of
# half as many phones) due at one instant --lead seconds ahead, kill -9s the app a second before they fall due, starts
# it again, waits until none is pending, and checks that each was applied exactly once (one revision per change in
# the history's ?actor= filter), that none was lost (all applied, agent-config showing every value), and prints how
# late they were. Starts its own Cosmos server and Azurite on free ports; needs nothing running.
# --kill-at moves the kill (seconds from the instant; 2 kills while the changes are being applied).
# Usage: scripts/schedule-crash-test.sh [--changes 100] [--lead 20] [--kill-at -1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

changes=100
lead=20
kill_at=-1
while [ $# -gt 0 ]; do
  case "$1" in
    --changes) changes="$2"; shift 2 ;;
    --lead) lead="$2"; shift 2 ;;
    --kill-at) kill_at="$2"; shift 2 ;;
    *) die "usage: scripts/schedule-crash-test.sh [--changes N] [--lead SECONDS] [--kill-at SECONDS]" ;;
  esac
done
# After the restart: the Durable partitions' leases of the killed process expire first (30 s), then the timers fire.
readonly apply_limit=60

check_tools
trial_app schedulecrash
client() { node scripts/schedule-crash-client.mjs "$1" "$url" "$token" "${@:2}"; }
none_pending() { [ "$(client pending "$work/state.json")" = 0 ]; }
# Seconds from now until the ISO instant $1 (negative once past).
until_instant() { node -e "console.log(((Date.parse(process.argv[1]) - Date.now()) / 1000).toFixed(1))" "$1"; }

echo "# schedule crash trial: $changes changes due ${lead}s ahead, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_app
token="$(app_command token --sub schedule-crash-test --platform-role ops --hours 1)"
client setup "$changes" "$lead" "$work/state.json"
due="$(js 'd.due' <"$work/state.json")"
left="$(until_instant "$due")"
awk -v l="$left" 'BEGIN { exit !(l > 3) }' || die "only ${left}s were left before the changes fell due: give a longer --lead"
# Sleep until --kill-at seconds from the instant (asking again just before, as asking takes a moment); then kill -9.
sleep "$(awk -v l="$left" -v k="$kill_at" 'BEGIN { s = l + k - 1; print (s > 0 ? s : 0) }')"
sleep "$(awk -v l="$(until_instant "$due")" -v k="$kill_at" 'BEGIN { s = l + k; print (s > 0 ? s : 0) }')"
kill -KILL "$app"
wait "$app" 2>/dev/null || true
echo "killed the app at $(awk -v s="$(until_instant "$due")" 'BEGIN { printf "%+.1f", -s }')s from the instant they fall due"
start_app
echo "started again at $(awk -v s="$(until_instant "$due")" 'BEGIN { printf "%+.1f", -s }')s"
restarted=$SECONDS
wait_until "$apply_limit" "every change to leave pending within ${apply_limit}s of the restart" none_pending
echo "none pending $((SECONDS - restarted))s after the restart"
client check "$work/state.json"
