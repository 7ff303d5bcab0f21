#!/usr/bin/env bash
# Measures the API under load: starts it as scripts/run.sh does (optimised build, warnings-only logging), runs
# tools/MultiPhone.Bench against it, prints the figures, and stops everything.
# Usage: scripts/bench.sh [phone-numbers|agent-config|realtime|migration|history|idle|schedules|bulk|concurrency] [options]   (default: phone-numbers;
# the options are listed by `dotnet run --project tools/MultiPhone.Bench`). The API always has the benchmark baselines
# (Diagnostics__ConstantBodyEndpoint): the constant body that agent-config compares the hot path with, and the phone's
# voice PUT without a revision that history compares the real one with.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

check_tools
port_in_use 7071 && die "port 7071 is in use: stop the running API first, the benchmark starts its own."
dotnet build tools/MultiPhone.Bench -c Release -nologo -v q -clp:NoSummary
mkdir -p .local
MULTIPHONE_CONFIGURATION=Release Logging__LogLevel__Default=Warning Diagnostics__ConstantBodyEndpoint=true \
  setsid scripts/run.sh >.local/bench-api.log 2>&1 </dev/null &
api=$!
# run.sh leads its own process group; interrupting the group stops the API and the emulators.
trap 'kill -INT -- "-$api" 2>/dev/null || true; wait "$api" 2>/dev/null || true' EXIT
api_ready() {
  kill -0 "$api" 2>/dev/null || die "the API did not start; see .local/bench-api.log"
  curl -fsS -o /dev/null http://localhost:7071/api/health/ready && [ -s .local/demo-tokens.txt ]
}
wait_until 300 "the API to start (see .local/bench-api.log)" api_ready

if [ $# -eq 0 ] || [[ "$1" == --* ]]; then set -- phone-numbers "$@"; fi
# The realtime benchmark samples the app's memory and the migration benchmark its CPU: the process listening on the port (run.sh's dev-data host).
if [ "$1" = realtime ] || [ "$1" = migration ]; then
  set -- "$@" --app-pid "$(ss -Hltnp 'sport = :7071' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
fi
# A client at the app's priority (run.sh): neither takes the emulators' cores from them.
nice -n 10 dotnet run -c Release --no-build --project tools/MultiPhone.Bench -- "$@" --tokens-file .local/demo-tokens.txt
