#!/usr/bin/env bash
# Builds everything, runs every test, lints the reviewed OpenAPI document (tools/openapi) and builds and lints the
# Azure infrastructure (infra/bicep); the Functions package is built by a test. Tests start their own
# Cosmos-compatible server on free ports and stop it. Arguments go to dotnet test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh
# shellcheck source=scripts/console.sh
. scripts/console.sh

check_tools
ensure_emulators
scripts/bicep.sh
npm_install_pinned "$root/tools/openapi" "the OpenAPI linters"
tools/openapi/lint.sh
dotnet build MultiPhone.sln -c Release -nologo -v q -clp:ErrorsOnly
dotnet test --solution MultiPhone.sln -c Release --no-build "$@"

# The settings console: types, unit tests, the generated API client against docs/openapi/v2.json, then the browser
# tests against the Release build above on a free port with a Cosmos server of their own.
ensure_console_packages
ensure_chromium
(
  cd src/Web
  npm run -s typecheck
  npm run -s check-generated
  npx vitest run
  npx vite build --logLevel warn
  npx playwright test
)
