#!/usr/bin/env bash
# Runs the README's "Trying it" block as a new user pastes it: in a fresh copy of the repository's files (no build
# output, no .local, no local.settings.json), and checks what it printed. scripts/test.sh runs it.
#
# The copy runs in namespaces of its own (unshare): its network, so the block's fixed ports (7071, 8081,
# 10000-10002) clash with nothing else on the machine, and its process ids, so nothing the block started outlives it.
# That network has no way out, so what the block would download comes from this machine instead: the emulators' and
# the console's pinned npm packages from this tree, and NuGet packages from this machine's package folder, named as
# the only source by a NuGet.Config beside the copy (not in it). scripts/test.sh has restored everything the build needs there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/emulators.sh
. "$root/scripts/emulators.sh"
need unshare "It comes with util-linux; the README block runs in namespaces of its own."
# Root creates namespaces directly; anyone else needs a user namespace of their own to do it in.
namespaces=(--net --pid --fork --mount-proc)
[ "$(id -u)" -eq 0 ] || namespaces=(--map-root-user "${namespaces[@]}")
unshare "${namespaces[@]}" true 2>/dev/null \
  || die "cannot create namespaces with 'unshare ${namespaces[*]}' (run as root, or allow unprivileged user namespaces)"
for packages in tools/emulators src/Web; do
  [ -f "$root/$packages/node_modules/.package-lock.json" ] || die "install the packages of $packages first (scripts/test.sh does)"
done

work="$(mktemp -d)"
block_pid=
# Stopped early (scripts/test.sh stops it when the tests fail): stop the block too. timeout passes the signal on to
# everything the block started, and kills what is left 20 s later (unshare --kill-child: the namespace ends with it).
trap '[ -z "$block_pid" ] || kill -TERM "$block_pid" 2>/dev/null || true; wait; rm -rf "$work"' EXIT
trap 'exit 143' INT TERM
copy="$work/multiphone"
mkdir "$copy"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy" 2>/dev/null || true)
for packages in tools/emulators src/Web; do
  cp -a "$root/$packages/node_modules" "$copy/$packages/"
  # The copied lockfile (and patch) are newer than that install, which is of exactly them: mark it current, or run.sh
  # would run npm ci, which cannot reach the registry from inside the namespace.
  touch "$copy/$packages/node_modules/.package-lock.json"
done
packages="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
cat >"$work/NuGet.Config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="this machine's packages" value="$packages" />
  </packageSources>
</configuration>
EOF

block="$(awk '/^## Trying it/ { section = 1 } section && /^```bash$/ { inside = 1; next } inside && /^```$/ { exit } inside' "$root/README.md")"
[ -n "$block" ] || die "no bash block under '## Trying it' in README.md"

echo "Running the README's 'Trying it' block in a fresh copy..."
# The build servers are turned off as in CI: nothing of the block should outlive it.
MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false \
  timeout --kill-after=20 900 unshare "${namespaces[@]}" --kill-child \
  bash -c 'ip link set lo up && cd "$1" && eval "$2"; kill %1 2>/dev/null; wait' _ "$copy" "$block" >"$work/output" 2>&1 &
block_pid=$!
status=0
wait "$block_pid" || status=$?
block_pid=
output="$(cat "$work/output")"
[ "$status" -eq 0 ] || { tail -40 <<<"$output"; die "the README block failed (exit status $status)"; }
# Here-strings, not pipes: grep -q stops reading at the first match, and the writer's SIGPIPE would fail the pipeline.
expect() {
  grep -q "$1" <<<"$output" || { tail -40 <<<"$output"; die "$2"; }
}
expect '"items":\[{' "the README's GET did not list the demo phones"
expect '"phoneNumber":"+14155550111"' "the README's POST did not create the phone"
expect 'waiting for the API to be ready' "the README block did not say what it waited for"
echo "The README's 'Trying it' block works in a fresh copy."
