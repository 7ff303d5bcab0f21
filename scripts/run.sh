#!/usr/bin/env bash
# Serves the MultiPhone API and the settings console on http://localhost:7071 against local emulators (Cosmos-compatible server on 8081,
# Azurite on 10000-10002), with a demo business. Ctrl-C stops everything this script started.
# Local data lives in memory: every start begins from the demo data again.
# MULTIPHONE_CONFIGURATION=Release runs the optimised build, published ahead of time compiled as Azure runs it
# (scripts/bench.sh does).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh
# shellcheck source=scripts/console.sh
. scripts/console.sh

check_tools
ensure_emulators
ensure_console_built
if [ ! -f local.settings.json ]; then
  echo '{ "IsEncrypted": false, "Values": {} }' >local.settings.json
  echo "Created an empty local.settings.json: put your local changes there; local.settings.sample.json supplies the rest."
fi
for port in 7071 8081 10000 10001 10002; do
  if port_in_use "$port"; then
    die "port $port is already in use: is another scripts/run.sh running? Stop it first."
  fi
done

mkdir -p .local
pids=()
any_alive() {
  local pid
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && return 0; done
  return 1
}
stop_all() {
  trap - EXIT INT TERM
  kill "${pids[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while any_alive && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

node tools/emulators/cosmos-server.js 8081 >.local/cosmos.log 2>&1 &
pids+=($!)
tools/emulators/node_modules/.bin/azurite --silent --inMemoryPersistence --disableTelemetry \
  --blobPort 10000 --queuePort 10001 --tablePort 10002 --skipApiVersionCheck >.local/azurite.log 2>&1 &
pids+=($!)

echo "Building the API..."
configuration="${MULTIPHONE_CONFIGURATION:-Debug}"
# The app with its development data (tools/MultiPhone.DevData): the same app, plus the demo business seeded at start.
dotnet build tools/MultiPhone.DevData -c "$configuration" -nologo -v q -clp:NoSummary
app_dir="tools/MultiPhone.DevData/bin/$configuration/net10.0"
if [ "$configuration" = Release ]; then
  # The app as its package is deployed: ReadyToRun (the projects' PublishReadyToRun), so what is measured here does
  # not include compiling the app's and the SDKs' code as it runs. The build above stays for the dev-data commands.
  app_dir=".local/app"
  dotnet publish tools/MultiPhone.DevData -c Release -o "$app_dir" -nologo -v q -clp:NoSummary
  cp "tools/MultiPhone.DevData/bin/Release/net10.0/"local.settings*.json "$app_dir/"
fi
wait_until 30 "the Cosmos server on port 8081 to listen" port_in_use 8081
wait_until 30 "Azurite on port 10001 to listen" port_in_use 10001

# The app's folder holds what the function app root does: host.json, appsettings.json and the local settings sit beside the app.
# The app runs at a lower priority (nice 10) than the emulators, which stand in for services that have machines of
# their own in Azure: otherwise its thread pool keeps the single-threaded Cosmos server waiting for a core (a third of
# the time during a migration on 2 cores), and every request the app makes waits with it.
# Its GC has a 64 MB gen-0 budget, as in Azure (infra/bicep/app/api.bicep says why).
(cd "$app_dir" &&
  ASPNETCORE_ENVIRONMENT=Development Demo__TokensFile="$root/.local/demo-tokens.txt" Console__Root="$root/src/Web/dist" \
    DOTNET_GCgen0size=0x4000000 exec nice -n 10 dotnet MultiPhone.DevData.dll) &
app=$!
pids+=("$app")
api_ready() {
  kill -0 "$app" 2>/dev/null || die "the API stopped while starting; its output above says why."
  curl -fsS -o /dev/null http://localhost:7071/api/health/ready
}
wait_until 120 "the API to answer on http://localhost:7071/api/health/ready" api_ready

echo
echo "Settings console: http://localhost:7071/ (sign in as a demo user)"
echo "MultiPhone API: http://localhost:7071/api/v2  ·  API docs: http://localhost:7071/api/docs  ·  demo tokens: .local/demo-tokens.txt  (Ctrl-C stops everything)"
echo
# Stop everything as soon as any of the three stops.
wait -n
