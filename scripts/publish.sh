#!/usr/bin/env bash
# Builds the deployable Azure Functions package (Release) into .local/publish and checks that it holds what the
# Functions host needs to start the isolated worker. `azd deploy` builds the same package from azure.yaml.
# Usage: scripts/publish.sh [--output DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/emulators.sh
. scripts/emulators.sh

out="$root/.local/publish"
while [ $# -gt 0 ]; do
  case "$1" in
    --output) out="$2"; shift 2 ;;
    *) die "usage: scripts/publish.sh [--output DIR]" ;;
  esac
done
need dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
rm -rf "$out"
dotnet publish src/Functions -c Release -o "$out" -nologo -v q -clp:NoSummary

# What the host reads: host.json, the worker's start command, the function list and the WebJobs extensions.
for item in host.json worker.config.json functions.metadata extensions.json .azurefunctions MultiPhone.Functions.dll appsettings.json; do
  [ -e "$out/$item" ] || die "the package lacks $item"
done
grep -q '"defaultWorkerPath": "MultiPhone.Functions.dll"' "$out/worker.config.json" || die "worker.config.json does not start MultiPhone.Functions.dll"
for local_only in local.settings.json local.settings.sample.json; do
  [ ! -e "$out/$local_only" ] || die "the package contains $local_only, which holds local-only values"
done
echo "Functions package: $out ($(du -sh "$out" | cut -f1), $(find "$out" -type f | wc -l) files)"
