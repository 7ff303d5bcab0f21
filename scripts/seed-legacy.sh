#!/usr/bin/env bash
# Writes N generated legacy (pre-multi-phone) businesses into the local Cosmos server of scripts/run.sh, as the
# pre-multi-phone app left them: realistic and hostile (see docs/migration.md), the same for the same seed.
# Run it while scripts/run.sh runs: the app creates the containers when it starts.
# Usage: scripts/seed-legacy.sh N [--seed S (default 1)] [--first F (default 0: ids legacy-S-000000 on)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

[ $# -ge 1 ] && [[ "$1" =~ ^[0-9]+$ ]] || die "usage: scripts/seed-legacy.sh N [--seed S] [--first F]"
count="$1"
shift
need dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
curl -fsS -o /dev/null http://localhost:7071/api/health/ready || die "the API does not answer on http://localhost:7071: start scripts/run.sh first."
configuration="${MULTIPHONE_CONFIGURATION:-Debug}"
dotnet build tools/MultiPhone.DevData -c "$configuration" -nologo -v q -clp:NoSummary >/dev/null || die "the build failed: run 'dotnet build tools/MultiPhone.DevData' to see why"
cd "tools/MultiPhone.DevData/bin/$configuration/net10.0"
ASPNETCORE_ENVIRONMENT=Development exec dotnet MultiPhone.DevData.dll seed-legacy --businesses "$count" "$@"
