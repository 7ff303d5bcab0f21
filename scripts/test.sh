#!/usr/bin/env bash
# Builds everything, runs every test, lints the reviewed OpenAPI document (tools/openapi), builds and lints the
# Azure infrastructure (infra/bicep), and runs the README's "Trying it" block (scripts/check-readme.sh, in namespaces
# of its own, alongside the tests); the Functions package is built by a test. Tests start their own
# Cosmos-compatible server and Azurite on free ports and stop them. Arguments go to dotnet test.
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
ensure_console_packages
dotnet build MultiPhone.sln -c Release -nologo -v q -clp:ErrorsOnly
# After the build and the console's npm install, so every package the copy installs offline is on this machine.
mkdir -p .local
scripts/check-readme.sh >.local/check-readme.log 2>&1 &
readme=$!
trap 'kill "$readme" 2>/dev/null || true' EXIT
dotnet test --solution MultiPhone.sln -c Release --no-build "$@"
wait "$readme" || { cat .local/check-readme.log; die "the README's 'Trying it' block failed (.local/check-readme.log)"; }
tail -1 .local/check-readme.log

# The settings console: types, unit tests, the generated API client against docs/openapi/v2.json, then the browser
# tests against the Release build above on a free port with a Cosmos server and Azurite of their own.
ensure_chromium
(
  cd src/Web
  npm run -s typecheck
  npm run -s check-generated
  npx vitest run
  npx vite build --logLevel warn
  npx playwright test
)
