#!/usr/bin/env bash
# Two instances of the app on one Cosmos server and one Azurite (one database, one Durable task hub), as Azure runs
# two instances of the function app:
# - realtime: a listener (tools/MultiPhone.Listen) on each instance's hub follows the same channels while rounds of
#   changes of four kinds (four containers' change feeds) are written through one instance, then the other. A change is
#   announced only on the hub of the instance holding its feed's lease, so its message must arrive exactly once over
#   the two listeners together;
# - kill -9 of one instance (the one that routed more) while a migration it started runs; the survivor must take over
#   the feeds' leases and deliver every change written through it after the kill within the lease expiration
#   (Realtime:LeaseExpiration, short here) and the time to find the expired lease, and must complete the migration
#   with exactly the counts a dry run predicted, every business then passing verification.
# Starts its own Cosmos server and Azurite on free ports; needs nothing running. Prints the counts; exits non-zero on
# any failure.
# Usage: scripts/two-instances.sh [--phones 10] [--businesses 200] [--lease-expiration 20]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh
# shellcheck source=scripts/migration-runs.sh
. scripts/migration-runs.sh

phones=10
businesses=200
lease_expiration=20
while [ $# -gt 0 ]; do
  case "$1" in
    --phones) phones="$2"; shift 2 ;;
    --businesses) businesses="$2"; shift 2 ;;
    --lease-expiration) lease_expiration="$2"; shift 2 ;;
    *) die "usage: scripts/two-instances.sh [--phones N] [--businesses N] [--lease-expiration SECONDS]" ;;
  esac
done
# A lease renewed just before the kill expires lease_expiration later, and the survivor finds it expired at its next
# look for leases (every 13/60 of the expiration), then reads on from the lease's checkpoint: that is the takeover
# (with 5 s to route). Before it reaches the changes written after the kill it routes what the killed instance had not
# (the migration's writes since its last checkpoint): 25 s more for all of them.
readonly takeover_bound=$((lease_expiration + (lease_expiration * 13 + 59) / 60 + 5))
readonly delivered_bound=$((takeover_bound + 25))
# The Durable partitions' leases of the killed instance expire (30 s) and its messages become visible again (30 s).
readonly migration_limit=180

check_tools
# The dev-data app seeds the legacy businesses (building it builds the app too); the listener is the realtime client.
build_release tools/MultiPhone.DevData tools/MultiPhone.Listen
trial_app twoinst
trial_vars+=("Realtime__LeaseExpiration=$(printf '%02d:%02d:%02d' $((lease_expiration / 3600)) $((lease_expiration / 60 % 60)) $((lease_expiration % 60)))")
urls=("$url" "http://127.0.0.1:$(free_port)")
names=(A B)
dev_data_command() { (cd "$root/tools/MultiPhone.DevData/bin/Release/net10.0" && env "${trial_vars[@]}" dotnet MultiPhone.DevData.dll "$@"); }
client() { node scripts/two-instances-client.mjs "$@"; }
now_ms() { date +%s%3N; }

echo "# two instances: $phones phones, $businesses legacy businesses, lease expiration ${lease_expiration}s; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Both at once, as a scale-out starts them: the feeds' leases go to whichever asks first.
for i in 0 1; do
  launch_app "${urls[$i]}" "app-${names[$i]}"
  apps+=("$launched")
done
for i in 0 1; do wait_for_app "${urls[$i]}" "app-${names[$i]}"; done
echo "both instances answer (${SECONDS}s)"
token="$(app_command token --sub two-instances --platform-role ops --hours 1)"
dev_data_command seed-legacy --businesses "$businesses" --seed 7 >"$work/seed.log"
client setup "${urls[0]}" "$token" "$phones" "$work/state.json"
echo "seeded and set up (${SECONDS}s)"

mapfile -t channels < <(client channels "$work/state.json")
business="$(js 'd.business' <"$work/state.json")"
listened=()
for i in 0 1; do
  dotnet tools/MultiPhone.Listen/bin/Release/net10.0/MultiPhone.Listen.dll --api "${urls[$i]}" --token "$token" --business "$business" \
    "${channels[@]}" >"$work/listen-${names[$i]}.jsonl" 2>"$work/listen-${names[$i]}.err" &
  pids+=($!)
  listened+=("$work/listen-${names[$i]}.jsonl")
done
for i in 0 1; do
  wait_until 60 "the listener on ${names[$i]} to subscribe" grep -q Listening "$work/listen-${names[$i]}.err"
  [ "$(grep -c ': subscribed$' "$work/listen-${names[$i]}.err")" = "${#channels[@]}" ] \
    || die "the listener on ${names[$i]} could not subscribe: $(cat "$work/listen-${names[$i]}.err")"
done

# Both running: rounds through A and B in turn.
for r in 1 2 3 4; do
  client round "${urls[$((r % 2))]}" "$token" "$work/state.json" "both-$r" 30 "${listened[@]}"
done

# The victim: the instance whose listener had more messages (it holds more of the written feeds' leases).
lines() { wc -l <"$1"; }
victim=0
[ "$(lines "${listened[1]}")" -le "$(lines "${listened[0]}")" ] || victim=1
survivor=$((1 - victim))
api="${urls[$victim]}/api/v2/migrations/legacy-phones"
expected="$(expected_counts)"
run="$(start_run '{"batchSize": 3, "maxParallelism": 8}' '')"
target=$((businesses * (10 + RANDOM % 51) / 100))
wait_until 300 "the run to pass $target businesses" past "$run" "$target"
at_kill="$(progress "$run")"
lines_at_kill=("$(lines "${listened[0]}")" "$(lines "${listened[1]}")")
kill -KILL "${apps[$victim]}"
killed_at="$(now_ms)"
wait "${apps[$victim]}" 2>/dev/null || true
echo "killed ${names[$victim]} (kill -9) with the migration it started at $at_kill of $businesses businesses; ${names[$survivor]} goes on (${SECONDS}s)"

# Only the survivor: the first round waits for the takeover, the next ones are routed as usual.
for r in 1 2 3; do
  client round "${urls[$survivor]}" "$token" "$work/state.json" "survivor-$r" "$delivered_bound" "${listened[@]}" || true
done
reports=()
for i in 0 1; do reports+=("${listened[$i]}:${lines_at_kill[$i]}"); done
realtime_ok=0
client report "$work/state.json" "$killed_at" "$takeover_bound" "$delivered_bound" "${reports[@]}" || realtime_ok=$?

api="${urls[$survivor]}/api/v2/migrations/legacy-phones"
wait_until "$migration_limit" "the migration to finish on ${names[$survivor]} within ${migration_limit}s of the kill" finished "$run"
echo "the migration finished $((($(now_ms) - killed_at) / 1000))s after the kill: $(status "$run" | js 'd.runtimeStatus')"
actual="$(counts "$run")"
read -r failed verification <<<"$(verify_all)"
echo "migration counts: $actual"
problems=()
[ "$at_kill" -lt "$businesses" ] || problems+=("the migration had finished before the kill")
[ "$actual" = "$expected" ] || problems+=("migration counts $actual, expected $expected")
[ "$failed" = 0 ] || problems+=("$failed businesses fail verification (report: $api/$verification/report)")
[ "$realtime_ok" = 0 ] || problems+=("realtime (see above)")
if [ ${#problems[@]} -eq 0 ]; then
  echo "two instances: every change routed exactly once while both ran, nothing missed after the kill, the migration completed on the survivor and verified (${SECONDS}s)"
else
  echo "two instances: $(IFS=';'; echo "${problems[*]}")"
  exit 1
fi
