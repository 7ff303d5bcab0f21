#!/usr/bin/env bash
# Builds everything, runs every test, lints the reviewed OpenAPI document (tools/openapi) and builds and lints the
# Azure infrastructure (infra/bicep); the Functions package is built by a test. Tests start their own
# Cosmos-compatible server on free ports and stop it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

check_tools
ensure_emulators
scripts/bicep.sh
npm_install_pinned "$root/tools/openapi" "the OpenAPI linters"
tools/openapi/lint.sh
dotnet build MultiPhone.sln -c Release -nologo -v q -clp:ErrorsOnly
dotnet test --solution MultiPhone.sln -c Release --no-build "$@"
