#!/usr/bin/env bash
# Builds everything and runs every test. Tests start their own Cosmos-compatible server on free ports and stop it.
# Also builds and lints the Azure infrastructure (infra/bicep); the Functions package is built by a test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

check_tools
ensure_emulators
scripts/bicep.sh
dotnet build MultiPhone.sln -c Release -nologo -v q -clp:ErrorsOnly
dotnet test --solution MultiPhone.sln -c Release --no-build "$@"
