# shellcheck shell=bash
# Helpers shared by run.sh, test.sh, bench.sh and the crash tests: check the tools, install the pinned local emulators,
# start emulators of their own.
# Sourced with $root set to the repository root.

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { echo "error: $*" >&2; exit 1; }

# build_release PROJECT...: the Release build of these projects, unless the caller built the whole solution in Release
# already and said so (MULTIPHONE_BUILT=Release, which .ci/run sets): its trials run side by side, and builds of the same
# folders at once would collide.
build_release() {
  [ "${MULTIPHONE_BUILT:-}" = Release ] && return
  local project
  for project in "$@"; do
    dotnet build "$project" -c Release -nologo -v q -clp:NoSummary >/dev/null || die "the build failed: run 'dotnet build $project -c Release' to see why"
  done
}

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
# `npm ci` installs exactly those and applies the project's patches to the Cosmos server and its query engine (patch-package).
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

# free_port: a TCP port free on 127.0.0.1 at the time of asking.
free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"; }

# js EXPRESSION: evaluates EXPRESSION with `d` bound to the JSON read from standard input, prints the result.
js() { node -e "const d = JSON.parse(require('fs').readFileSync(0, 'utf8')); const v = ($1); console.log(typeof v === 'object' ? JSON.stringify(v) : v);"; }

# begin_trial: a crash trial's scratch folder (`work`), the pids of what it starts (`pids`, the emulators) and of its
# app's processes (`app`, and `apps` when it runs more than one), all killed and removed when the script exits,
# however it ends.
begin_trial() {
  work="$(mktemp -d)"
  pids=()
  app=""
  apps=()
  trap end_trial EXIT
}
end_trial() {
  kill -KILL ${app:+"$app"} "${apps[@]}" 2>/dev/null || true
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}

# start_own_emulators DIR: a Cosmos server and Azurite of their own on free ports (for the crash tests), logging into
# DIR; appends their pids to the caller's `pids` array and sets `cosmos` (the endpoint) and `storage` (Azurite's
# connection string).
start_own_emulators() {
  local dir=$1
  (cd "$root/tools/emulators" && exec node cosmos-server.js 0) >"$dir/cosmos.log" 2>&1 &
  pids+=($!)
  "$root/tools/emulators/node_modules/.bin/azurite" --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    --blobPort 0 --queuePort 0 --tablePort 0 >"$dir/azurite.log" 2>&1 &
  pids+=($!)
  wait_until 60 "the Cosmos server to listen" grep -q "listening on" "$dir/cosmos.log"
  wait_until 60 "Azurite to listen" grep -q "Table service is successfully listening" "$dir/azurite.log"
  cosmos="$(grep -o 'https://[^ ]*' "$dir/cosmos.log")"
  local blob queue table
  blob="$(azurite_port "$dir" Blob)" queue="$(azurite_port "$dir" Queue)" table="$(azurite_port "$dir" Table)"
  # Azurite's published development account key: local emulator only.
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
}

# A crash trial's app: builds it (Release, at $app_dir), begins the trial, starts its own emulators and picks a free
# port ($url), with a Cosmos database and Durable task hub named $1. start_app starts it (and again after a kill),
# logging to $work/app.log; app_command runs one of its commands (a token) with the same settings.
trial_app() {
  ensure_emulators
  build_release "$root/src/Functions"
  app_dir="$root/src/Functions/bin/Release/net10.0"
  begin_trial
  start_own_emulators "$work"
  url="http://127.0.0.1:$(free_port)"
  trial_vars=(ASPNETCORE_ENVIRONMENT=Development Demo__Seed=false Logging__LogLevel__Default=Warning
    "Cosmos__Endpoint=$cosmos" "Cosmos__Database=$1" "AzureWebJobsStorage=$storage" "DurableTask__HubName=$1")
  start_app() {
    launch_app "$url" app
    app=$launched
    wait_for_app "$url" app
  }
  app_command() { (cd "$app_dir" && env "${trial_vars[@]}" dotnet MultiPhone.Functions.dll "$@"); }
}

# launch_app URL NAME: one more process of the trial's app (trial_app), listening at URL, logging to $work/NAME.log;
# its pid in `launched`. wait_for_app URL NAME waits until it answers.
launch_app() {
  (cd "$app_dir" && exec env "${trial_vars[@]}" "ASPNETCORE_URLS=$1" dotnet MultiPhone.Functions.dll) >>"$work/$2.log" 2>&1 &
  launched=$!
}
wait_for_app() {
  wait_until 120 "the app at $1 to answer (see its log: $work/$2.log)" curl -fsS -o /dev/null "$1/api/health/ready"
}

azurite_port() { grep -o "$2 service is successfully listening at http://127.0.0.1:[0-9]*" "$1/azurite.log" | grep -o '[0-9]*$'; }
