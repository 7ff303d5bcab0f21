#!/usr/bin/env bash
# Runs the README's "Trying it" block as a new user pastes it: in a fresh copy of the repository's files (no build
# output, no .local, no local.settings.json), and checks what it printed. The copy runs in a network namespace of its
# own, so the block's fixed ports (7071, 8081, 10000-10002) clash with nothing else on the machine; that namespace
# has no network, so the copy gets the emulators' pinned npm packages from this tree first. Needs root (unshare).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/emulators.sh
. "$root/scripts/emulators.sh"
command -v unshare >/dev/null || die "unshare (util-linux) is needed to run the README block in a namespace of its own"

copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy" 2>/dev/null || true)
cp -a "$root/tools/emulators/node_modules" "$copy/tools/emulators/"
block="$(awk '/^## Trying it/ { section = 1 } section && /^```bash$/ { inside = 1; next } inside && /^```$/ { exit } inside' "$root/README.md")"
[ -n "$block" ] || die "no bash block under '## Trying it' in README.md"

echo "Running the README's 'Trying it' block in a fresh copy..."
# Build servers would outlive the block inside the namespace; `kill %1` stops the API as the README says.
output="$(MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false \
  timeout 900 unshare --net bash -c 'ip link set lo up && cd "$1" && eval "$2"; kill %1 2>/dev/null; wait' _ "$copy" "$block" 2>&1)" \
  || { echo "$output" | tail -40; die "the README block failed"; }
echo "$output" | grep -q '"items":\[{' || { echo "$output" | tail -40; die "the README's GET did not list the demo phones"; }
echo "$output" | grep -q '"phoneNumber":"+14155550111"' || { echo "$output" | tail -40; die "the README's POST did not create the phone"; }
echo "$output" | grep -q 'waiting for the API to be ready' || { echo "$output" | tail -40; die "the README block did not say what it waited for"; }
echo "The README's 'Trying it' block works in a fresh copy."
