#!/usr/bin/env bash
# Prints the realtime messages of channels as JSON lines (tools/MultiPhone.Listen), e.g.
#   scripts/listen.sh --token "$(grep '^viewer=' .local/demo-tokens.txt | cut -d= -f2)" business:demo-dental
# Usage: scripts/listen.sh --token TOKEN [--api http://localhost:7071] [--business ID] CHANNEL [CHANNEL ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

need dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
dotnet build tools/MultiPhone.Listen -nologo -v q -clp:NoSummary >/dev/null || die "the build failed: run 'dotnet build tools/MultiPhone.Listen' to see why"
exec dotnet tools/MultiPhone.Listen/bin/Debug/net10.0/MultiPhone.Listen.dll "$@"
