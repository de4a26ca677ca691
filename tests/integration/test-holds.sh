#!/usr/bin/env bash
# The holds view and its actions, and pausing, with the real daemon on the OpenZFS emulator or on real OpenZFS:
# - a daemon killed mid-step leaves a step hold and a partial receive; restarted paused, the holds view shows
#   both, the step hold not stale while the receive resumes from it;
# - abandon-resume discards the partial receive (dry run first); the step hold becomes stale and release-stale
#   releases it (dry run first); the next run replicates cleanly from the start;
# - pause keeps snapshotting and blocks replication, shows in freshness, runs and metrics, survives a restart;
# - a hold of a job renamed in the configuration is flagged stale;
# - pruning by a snap job during a long step spares the step's snapshots, and says why.
#   test-holds.sh HOLDFAST_BINARY EMULATOR_BIN_DIR|kernel
set -uo pipefail
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-holds
command -v jq >/dev/null || { echo "SKIP: jq is missing"; exit 77; }

if [ "$ZFS_BACKEND" = kernel ]; then
    make_pool src "$WORK/mnt/src" 1G
    make_pool dst none 1G
    zfs create src/big || fail "zfs create"
    # Small under the VM's emulated CPU (about 1 MB/s through zfs send | zfs recv), long enough to be cut.
    head -c 16000000 /dev/urandom >"$WORK/mnt/src/big/data" || fail "writing src/big"
    kill_after=2000000
else
    make_pool src
    make_pool dst
    zfs create -o holdfast:emulator:size=400000000 src/big || fail "zfs create"
    kill_after=30000000
fi
zfs snapshot src/big@one || fail "zfs snapshot"
zfs create src/small || fail "zfs create src/small"

# push: src/big, manual snapshots; laptop: src/small every second (paused below).
jobs_yaml() {
    cat <<YAML
jobs:
  - name: push
    type: push
    connect: {type: local, listener_name: backup, client_identity: ws}
    filesystems: {"src/big": true, "src/long": true}
    snapshotting: {type: manual}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 10}]
      keep_receiver: [{type: last_n, count: 10}]
  - name: laptop
    type: push
    connect: {type: local, listener_name: backup, client_identity: ws}
    filesystems: {"src/small": true}
    snapshotting: {type: periodic, interval: 1s, prefix: hf_}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 100}]
      keep_receiver: [{type: last_n, count: 100}]
  - name: ${1:-sink}
    type: sink
    root_fs: dst/sink
    serve: {type: local, listener_name: backup}
YAML
}
{ global_yaml; jobs_yaml; } >"$WORK/holdfast.yml"
restart_daemon() {
    kill -TERM "$DAEMON_PID"
    wait "$DAEMON_PID" 2>/dev/null
    DAEMON_PID=
    start_daemon
}
holds_json() { hf holds list --json || fail "holds list --json"; }

# 1. Killed in the middle of the full step of src/big@one.
# laptop starts paused (its snapshot round at start would replicate before a `signal pause` arrives).
mkdir -p "$HOLDFAST_STATE_DIR"
jq -n '{paused: ["laptop"]}' >"$HOLDFAST_STATE_DIR/paused-jobs.json" || fail "writing the pause state"
start_daemon
hf signal wakeup push || fail "wakeup"
kill_daemon_mid_step "$kill_after"

# Restarted with push paused (as if paused before the crash): nothing resumes, the holds view explains.
jq -n '{paused: ["push", "laptop"]}' >"$HOLDFAST_STATE_DIR/paused-jobs.json" || fail "writing the pause state"
start_daemon
grep -q "paused jobs stay paused" "$WORK/daemon.log" || fail "the paused state was not read at start"
for _ in $(seq 300); do
    grep -q "an interrupted step waits for the job to be resumed" "$WORK/daemon.log" && break
    sleep 0.1
done
grep -q "an interrupted step waits for the job to be resumed" "$WORK/daemon.log" || fail "the paused job did not find its interrupted step"
grep -q "resuming an interrupted replication step now" "$WORK/daemon.log" && fail "the paused job resumed its step"
report=$(holds_json)
jq -e '.filesystems[] | select(.filesystem == "src/big") | .items[] | select(.kind == "step_hold" and .snapshot == "one" and .job == "push" and (.stale | not))' <<<"$report" >/dev/null ||
    fail "the step hold that the partial receive resumes from is not listed as needed: $report"
jq -e '.filesystems[] | select(.filesystem == "dst/sink/ws/src/big") | .partial_receive | select(.to_name == "src/big@one" and .bytes > 0)' <<<"$report" >/dev/null ||
    fail "the partial receive is not listed: $report"
zrepl=$(hf holds list --zrepl) || fail "holds list --zrepl"
jq -e '.StepHolds[] | select(.FS == "src/big" and .Snap == "one" and .Tag == "zrepl_STEP_J_push" and .JobID == "push")' <<<"$zrepl" >/dev/null ||
    fail "holds list --zrepl misses the step hold: $zrepl"
table=$(hf holds list) || fail "holds list"
grep -q "interrupted receive" <<<"$table" || fail "the table does not show the interrupted receive: $table"
echo "$table"

# 2. Abandon the partial receive (dry run first), then the step hold is stale and goes.
out=$(hf abandon-resume dst/sink/ws/src/big --dry-run) || fail "abandon-resume --dry-run: $out"
grep -q "would abandon the interrupted receive on dst/sink/ws/src/big" <<<"$out" || fail "dry run: $out"
token=$(zfs get -H -o value receive_resume_token dst/sink/ws/src/big)
[ -n "$token" ] && [ "$token" != "-" ] || fail "the dry run abandoned the receive"
out=$(hf abandon-resume dst/sink/ws/src/big) || fail "abandon-resume: $out"
grep -q "abandoned the interrupted receive" <<<"$out" || fail "abandon-resume: $out"
token=$(zfs get -H -o value receive_resume_token dst/sink/ws/src/big 2>/dev/null)
[ -z "$token" ] || [ "$token" = "-" ] || fail "the resume token is still there: $token"
out=$(hf abandon-resume dst/sink/ws/src/big) || fail "abandon-resume again: $out"
grep -q "nothing to" <<<"$out" || fail "abandon-resume is not idempotent: $out"
stale=$(hf holds list --stale) || fail "holds list --stale"
grep -q "STALE: no replication step of job \"push\" is running" <<<"$stale" || fail "the left step hold is not stale: $stale"
out=$(hf holds release-stale --dry-run --job push) || fail "release-stale --dry-run: $out"
grep -q "would release hold zrepl_STEP_J_push on src/big@one" <<<"$out" || fail "dry run: $out"
[ "$(zfs get -H -p -o value userrefs src/big@one)" = 1 ] || fail "the dry run released the hold"
out=$(hf holds release-stale --job push) || fail "release-stale: $out"
grep -q "released hold zrepl_STEP_J_push on src/big@one" <<<"$out" || fail "release-stale: $out"
[ "$(zfs get -H -p -o value userrefs src/big@one)" = 0 ] || fail "the step hold is still there"
grep -q "holds action done.*zrepl_STEP_J_push" "$WORK/daemon.log" || fail "the action is not logged"

# 3. Resume push: it replicates cleanly from the start (no token, no stale hold).
out=$(hf signal resume push) || fail "resume push: $out"
wait_run push 1
[ "$(zfs get -H -p -o value guid dst/sink/ws/src/big@one)" = "$(zfs get -H -p -o value guid src/big@one)" ] ||
    fail "src/big@one was not received"
[ "$(zfs get -H -p -o value userrefs src/big@one)" = 0 ] || fail "a step hold remained after the clean run"
# zrepl's listing of the same pools: the cursor on the sender, the last-received hold on the receiver, a filter.
zrepl=$(hf holds list --zrepl) || fail "holds list --zrepl"
jq -e '.ReplicationCursorBookmarks[] | select(.FS == "src/big" and .JobID == "push" and (.Name | startswith("zrepl_CURSOR_G_")))' <<<"$zrepl" >/dev/null ||
    fail "holds list --zrepl misses the cursor: $zrepl"
jq -e '.LastReceivedHolds[] | select(.FS == "dst/sink/ws/src/big" and .Snap == "one" and .Tag == "zrepl_last_received_J_sink" and .JobID == "sink")' <<<"$zrepl" >/dev/null ||
    fail "holds list --zrepl misses the last-received hold: $zrepl"
jq -e '.StepHolds == [] and .StepBookmarks == []' <<<"$zrepl" >/dev/null || fail "holds list --zrepl shows step items after a clean run: $zrepl"
zrepl=$(hf holds list --zrepl "src<:ok") || fail "holds list --zrepl with a filter"
jq -e '.LastReceivedHolds == [] and (.ReplicationCursorBookmarks | length) == 1' <<<"$zrepl" >/dev/null ||
    fail "the filter of holds list --zrepl is not applied: $zrepl"

# 4. Pause: laptop keeps snapshotting, replicates nothing, says so everywhere, and stays paused after a restart.
before=$(zfs list -H -t snapshot -o name -r src/small | grep -c @hf_)
sleep 3
after=$(zfs list -H -t snapshot -o name -r src/small | grep -c @hf_)
[ "$after" -gt "$before" ] || fail "snapshots stopped while paused ($before -> $after)"
zfs list -H -o name dst/sink/ws/src/small >/dev/null 2>&1 && fail "a paused job replicated"
out=$(hf signal wakeup laptop 2>&1) && fail "a wakeup of a paused job was accepted: $out"
grep -q "is paused" <<<"$out" || fail "a wakeup of a paused job was not refused as paused: $out"
curl -s --unix-socket "$WORK/run/control" http://unix/holdfast/v1/freshness | jq -e '.jobs[] | select(.job == "laptop") | select(.paused and (.health_reason | contains("paused")))' >/dev/null ||
    fail "the freshness does not say laptop is paused"
metrics=$(curl -s --unix-socket "$WORK/run/control" http://unix/metrics)
grep -q '^holdfast_job_paused{zrepl_job="laptop"} 1' <<<"$metrics" ||
    fail "holdfast_job_paused is not 1 for laptop: $(grep -i paused <<<"$metrics")"
restart_daemon
curl -s --unix-socket "$WORK/run/control" http://unix/holdfast/v1/runs | jq -e '.jobs[] | select(.job == "laptop" and .paused)' >/dev/null ||
    fail "laptop is not paused after the restart"
jq -e '.paused == ["laptop"]' "$HOLDFAST_STATE_DIR/paused-jobs.json" >/dev/null || fail "state file: $(cat "$HOLDFAST_STATE_DIR/paused-jobs.json")"
out=$(hf signal resume laptop) || fail "resume laptop: $out"
for _ in $(seq 200); do
    zfs list -H -o name dst/sink/ws/src/small >/dev/null 2>&1 && break
    sleep 0.1
done
zfs list -H -o name dst/sink/ws/src/small >/dev/null 2>&1 || fail "laptop did not replicate after resume"
hf signal pause laptop >/dev/null || fail "pause laptop again"

# 5. The sink renamed in the configuration: its last-received holds belong to no job any more.
{ global_yaml; jobs_yaml sink_renamed; } >"$WORK/holdfast.yml"
restart_daemon
report=$(holds_json)
jq -e '.filesystems[] | select(.filesystem == "dst/sink/ws/src/big") | .items[] | select(.kind == "last_received_hold" and .job == "sink" and .stale and (.stale_reason | contains("not in this daemon")))' <<<"$report" >/dev/null ||
    fail "the renamed job's hold is not flagged: $report"
{ global_yaml; jobs_yaml; } >"$WORK/holdfast.yml"
restart_daemon

# 6. A snap job that keeps only the newest snapshot prunes while a long step sends an older one.
if [ "$ZFS_BACKEND" = kernel ]; then
    zfs create src/long || fail "zfs create src/long"
    head -c 16000000 /dev/urandom >"$WORK/mnt/src/long/data" || fail "writing src/long"
else
    zfs create -o holdfast:emulator:size=400000000 src/long || fail "zfs create src/long"
fi
zfs snapshot src/long@one || fail "snapshot one"
cat >>"$WORK/holdfast.yml" <<YAML
  - name: prune_often
    type: snap
    filesystems: {"src/long": true}
    snapshotting: {type: manual}
    pruning:
      keep: [{type: last_n, count: 1}]
YAML
restart_daemon
hf signal wakeup push || fail "wakeup push"
# Once the step of src/long@one runs, prune again and again: `one` is the oldest, and last_n 1 gives it up.
for _ in $(seq 600); do
    [ "$(zfs get -H -p -o value userrefs src/long@one 2>/dev/null)" = 1 ] && break
    sleep 0.05
done
# A newer snapshot after the planning: the step sends `one`, and last_n 1 would keep only `two`.
zfs snapshot src/long@two || fail "snapshot two"
seen=
for _ in $(seq 300); do
    hf signal wakeup prune_often >/dev/null 2>&1
    sleep 0.2
    if curl -s --unix-socket "$WORK/run/control" "http://unix/holdfast/v1/pruning?job=prune_often&filesystem=src/long" |
        jq -e '.filesystems[].snapshots[] | select(.snapshot == "one" and (.destroyed | not) and (.blocked_by | test("replication step of job push|zrepl_STEP_J_push")))' >/dev/null; then
        seen=yes
        break
    fi
done
[ -n "$seen" ] || fail "pruning during the step did not say why the step's snapshot stays: $(curl -s --unix-socket "$WORK/run/control" "http://unix/holdfast/v1/pruning?job=prune_often")"
zfs list -H -o name src/long@one >/dev/null || fail "pruning destroyed the snapshot of the running step"
wait_run push 1  # the first run of this daemon
for _ in $(seq 100); do
    zfs list -H -o name dst/sink/ws/src/long@one >/dev/null 2>&1 && break
    sleep 0.1
done
zfs list -H -o name dst/sink/ws/src/long@one >/dev/null 2>&1 || fail "the step's snapshot did not arrive"
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=
echo "PASS: holds view, abandon-resume, release-stale, pause across restarts, renamed-job holds, pruning during a step"
