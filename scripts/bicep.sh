#!/usr/bin/env bash
# Builds and lints infra/bicep/main.bicep with the pinned Bicep CLI (NuGet package Azure.Bicep.CommandLine.linux-x64,
# fetched by tools/bicep/bicep.csproj) and fails on any error or warning. scripts/test.sh runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

need dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
dotnet restore tools/bicep/bicep.csproj -nologo -v q >/dev/null || die "could not fetch the Bicep CLI (tools/bicep)"
packages=$(dotnet msbuild tools/bicep/bicep.csproj -getProperty:NuGetPackageRoot)
version=$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\(.*\)\]".*/\1/p' tools/bicep/bicep.csproj)
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -x "$bicep" ] || chmod +x "$bicep" 2>/dev/null || die "the Bicep CLI is not at $bicep"

template=infra/bicep/main.bicep
# Bicep prints diagnostics (warnings included) and exits 0 on warnings: any output is a failure here.
diagnostics=$("$bicep" build "$template" --stdout 2>&1 >/dev/null; "$bicep" lint "$template" 2>&1) || true
if [ -n "$diagnostics" ]; then
  printf '%s\n' "$diagnostics" >&2
  die "bicep build/lint of $template reported the problems above"
fi
echo "bicep build and lint: $template is clean (Bicep $version)"
