#!/usr/bin/env bash
# Crash test of the legacy migration: seeds legacy businesses, starts a migration run, kill -9s the app at a random
# point of the run, starts the app again, and checks that the run resumes by itself within 60 s, completes with
# exactly the counts a dry run over the same data predicted (nothing lost, nothing migrated twice), and that a
# verification run over every business then passes. Each trial has its own database and task hub.
# Starts its own Cosmos server and Azurite on free ports; needs nothing running. Prints one line per trial.
# Usage: scripts/crash-test.sh [--businesses 5000] [--trials 5] [--seed 1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh
# shellcheck source=scripts/migration-runs.sh
. scripts/migration-runs.sh

businesses=5000
trials=5
seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --businesses) businesses="$2"; shift 2 ;;
    --trials) trials="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) die "usage: scripts/crash-test.sh [--businesses N] [--trials N] [--seed N]" ;;
  esac
done
readonly resume_limit=60
# Batches small enough that a kill lands in the middle of the run, not between two runs' worth of work.
batch=$((businesses / 100))
[ "$batch" -ge 1 ] || batch=1
[ "$batch" -le 50 ] || batch=50

check_tools
ensure_emulators
# The dev-data app (tools/MultiPhone.DevData) seeds the legacy businesses; building it builds the app too.
build_release tools/MultiPhone.DevData
app_dir="$root/src/Functions/bin/Release/net10.0"
dev_data_dir="$root/tools/MultiPhone.DevData/bin/Release/net10.0"
begin_trial

now() { date +%s.%N; }
seconds() { node -e "console.log((Number(process.argv[2]) - Number(process.argv[1])).toFixed(1))" "$1" "$2"; }

start_own_emulators "$work"
port="$(free_port)"
api="http://127.0.0.1:$port/api/v2/migrations/legacy-phones"

# The app as scripts/run.sh runs it (local settings), pointed at this test's emulators, with the trial's own
# database and task hub.
app_vars() {
  vars=(ASPNETCORE_ENVIRONMENT=Development "ASPNETCORE_URLS=http://127.0.0.1:$port" Demo__Seed=false Logging__LogLevel__Default=Warning
    "Cosmos__Endpoint=$cosmos" "Cosmos__Database=crash$trial" "AzureWebJobsStorage=$storage" "DurableTask__HubName=crash$trial")
}
start_app() {
  (cd "$app_dir" && exec env "${vars[@]}" dotnet MultiPhone.Functions.dll) >>"$work/app-$trial.log" 2>&1 &
  app=$!
  wait_until 120 "the app to answer" curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health/ready"
}
app_command() { (cd "$app_dir" && env "${vars[@]}" dotnet MultiPhone.Functions.dll "$@"); }
dev_data_command() { (cd "$dev_data_dir" && env "${vars[@]}" dotnet MultiPhone.DevData.dll "$@"); }

echo "# crash test: $businesses businesses, $trials trials, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-16s %-18s %-18s %-10s %-10s %s\n' trial "killed at" "restart->resumed" "kill->resumed" "run s" "verify" result
failures=0
for trial in $(seq 1 "$trials"); do
  app_vars
  start_app
  dev_data_command seed-legacy --businesses "$businesses" --seed "$((seed + trial))" >"$work/seed-$trial.log"
  token="$(app_command token --sub crash-test --platform-role ops --hours 4)"

  expected="$(expected_counts)"

  run="$(start_run "{\"batchSize\": $batch, \"maxParallelism\": 8}" '')"
  started="$(now)"
  # A random point of the run: somewhere between 10% and 80% of the businesses done.
  target=$((businesses * (10 + RANDOM % 71) / 100))
  wait_until 1800 "the run to pass $target businesses" past "$run" "$target"
  at_kill="$(progress "$run")"
  kill -KILL "$app"
  killed="$(now)"
  wait "$app" 2>/dev/null || true
  start_app
  restarted="$(now)"
  # The status is kept by Durable, so it answers as soon as the app is up; it moves once the run is resumed.
  before="$(progress "$run")"
  wait_until 600 "the run to resume after the restart" moved "$run" "$before"
  resumed="$(now)"
  wait_until 1800 "the run to finish" finished "$run"
  completed="$(now)"
  actual="$(counts "$run")"
  read -r failed verification <<<"$(verify_all)"

  delay="$(seconds "$restarted" "$resumed")"
  problems=()
  [ "$at_kill" -lt "$businesses" ] || problems+=("the run had finished before the kill")
  [ "$actual" = "$expected" ] || problems+=("counts $actual, expected $expected")
  [ "$failed" = 0 ] || problems+=("$failed businesses fail verification (report: $api/$verification/report)")
  awk -v d="$delay" -v l="$resume_limit" 'BEGIN { exit !(d > l) }' && problems+=("resumed after more than ${resume_limit}s")
  result=ok
  [ ${#problems[@]} -eq 0 ] || { result="$(IFS=';'; echo "${problems[*]}")"; failures=$((failures + 1)); }
  printf '%-6s %-16s %-18s %-18s %-10s %-10s %s\n' "$trial" "$(seconds "$started" "$killed")s ($at_kill)" \
    "${delay}s" "$(seconds "$killed" "$resumed")s" "$(seconds "$started" "$completed")" "$failed failed" "$result"
  kill -TERM "$app"
  wait "$app" 2>/dev/null || true
  app=""
done
if [ "$failures" -eq 0 ]; then
  echo "crash test: every trial ($trials) resumed, completed and verified"
else
  echo "crash test: $failures of $trials trials went wrong (see above)"
  exit 1
fi
