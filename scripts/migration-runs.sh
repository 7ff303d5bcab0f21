# shellcheck shell=bash
# The legacy migration's runs as the crash trials drive them over HTTP (scripts/crash-test.sh,
# scripts/two-instances.sh). Sourced after scripts/emulators.sh; the caller sets `api` (an instance's
# .../api/v2/migrations/legacy-phones, which may change between calls) and `token` (an ops token).

status() { curl -fsS "$api/$1" -H "Authorization: Bearer $token"; }
# start_run BODY [/verify]: starts a run (or a verification), prints its id.
start_run() { curl -fsS -X POST "$api$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$1" | js 'd.id'; }
finished() { status "$1" | js 'd.runtimeStatus' | grep -qE '^(Completed|Failed|Terminated)$'; }
progress() { status "$1" | js 'd.customStatus ? d.customStatus.scanned : 0'; }
past() { [ "$(progress "$1")" -ge "$2" ]; }
moved() { [ "$(progress "$1")" != "$2" ] || finished "$1"; }
# counts RUN: what a finished run migrated, skipped and flagged (its writes left out: a dry run makes none).
counts() { status "$1" | js 'JSON.stringify(d.output && { ...d.output.migration, writes: undefined })'; }

# expected_counts: the counts a dry run over the same data predicts for a real run.
expected_counts() {
  local dry
  dry="$(start_run '{"dryRun": true, "batchSize": 50}' '')"
  wait_until 1800 "the dry run to finish" finished "$dry"
  counts "$dry"
}

# verify_all: runs a verification of every business; prints how many fail it and the verification's id.
verify_all() {
  local run
  run="$(start_run '{"batchSize": 50, "maxParallelism": 8}' /verify)"
  wait_until 1800 "the verification to finish" finished "$run"
  echo "$(status "$run" | js 'd.output.verification.failed') $run"
}
