# shellcheck shell=bash
# Helpers shared by run.sh, test.sh and bench.sh: check the tools, install the pinned local emulators.
# Sourced with $root set to the repository root.

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { echo "error: $*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed. $2"
}

check_tools() {
  need dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
  need node "Install Node.js 20 or later (it runs the local Cosmos server and Azurite)."
  need npm "Install npm (it comes with Node.js)."
}

# npm_install_pinned DIR WHAT: installs exactly the packages of DIR's lockfile (npm ci) when they are missing or the
# lockfile (or a patch) changed since the last install.
npm_install_pinned() {
  local dir=$1 what=$2
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ] \
     || [ -n "$(find "$dir/patches" -newer "$dir/node_modules/.package-lock.json" -type f 2>/dev/null)" ]; then
    echo "Installing $what (${dir#"$root"/})..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in ${dir#"$root"/}"
  fi
}

# The local Cosmos-compatible server and Azurite are pinned in tools/emulators/package.json and its lockfile;
# `npm ci` installs exactly those and applies the project's patch to the Cosmos server (patch-package).
ensure_emulators() {
  npm_install_pinned "$root/tools/emulators" "the local emulators"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || die "$what did not happen within ${seconds}s"
    sleep 0.2
  done
}
