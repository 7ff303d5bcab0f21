#!/usr/bin/env bash
# Prints a bearer token signed with the local development key (local.settings.sample.json), for curl and the tests.
# Usage: scripts/token.sh --sub USER [--business ID:viewer|editor|admin ...] [--platform-role ops|voice-agent ...] [--hours N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

need dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
dotnet build src/Functions -nologo -v q -clp:NoSummary >/dev/null || die "the build failed: run 'dotnet build src/Functions' to see why"
cd src/Functions/bin/Debug/net10.0
exec dotnet MultiPhone.Functions.dll token "$@"
