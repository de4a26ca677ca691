#!/usr/bin/env bash
# Freshness and health end to end on the OpenZFS emulator, whose clock dates the snapshots: a push job's
# filesystems go ok, warning and critical as their newest replica ages past the job's `health` thresholds; the
# sink reports what it received; `signal wakeup --wait` exits 0, 1 and 124; `holdfast monitor` follows the
# monitoring-plugins conventions; /metrics carries the freshness series; and a daemon restarted knows the
# freshness again from the pool (the replication cursor, the last-received hold).
#   test-freshness.sh HOLDFAST_BINARY EMULATOR_BIN_DIR
set -uo pipefail
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-freshness
command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 77; }

freshness() { curl -sf --unix-socket "$WORK/run/control" http://holdfast/holdfast/v1/freshness; }
fs_field() { # JOB FILESYSTEM JQ_EXPR
    freshness | jq -r --arg j "$1" --arg f "$2" ".jobs[] | select(.job == \$j) | .filesystems[] | select(.filesystem == \$f) | $3"
}
# A snapshot dated SECONDS ago by the emulator's clock.
snapshot_aged() { HOLDFAST_ZFS_EMULATOR_CLOCK=$(($(date +%s) - $2)) zfs snapshot "$1" || fail "zfs snapshot $1"; }
expect_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"; }

make_pool src
make_pool dst
zfs create src/a || fail "zfs create"
zfs create src/b || fail "zfs create"
for fs in src src/a src/b; do snapshot_aged "$fs@old" 7200; done  # 2 h old
{ global_yaml; push_sink_jobs_yaml "src<" "" "" "health: {warning_after: 1h, critical_after: 3h}"; } >"$WORK/holdfast.yml"
start_daemon

# Before any run the sender's pool has no cursor yet: not replicated. (The daemon surveys its pools at start.)
for _ in $(seq 100); do
    [ -n "$(fs_field push src/a .health 2>/dev/null)" ] && break
    sleep 0.1
done
expect_eq "$(fs_field push src/a .health)" warning "src/a before any replication"
expect_eq "$(fs_field push src/a .health_reason)" "not replicated yet" "the reason before any replication"
expect_eq "$(fs_field push src/a .unreplicated_snapshots)" 1 "unreplicated snapshots of src/a"

out=$(hf signal wakeup push --wait --timeout 60s) || fail "wakeup --wait of a good run exited $?: $out"
grep -q "succeeded" <<<"$out" || fail "wakeup --wait said: $out"
# The newest replica is 2 h old: past warning_after (1 h), not yet critical_after (3 h).
expect_eq "$(fs_field push src/a .health)" warning "src/a with a 2 h old replica"
expect_eq "$(fs_field push src/a .replicated_snapshot.name)" old "the replicated snapshot of src/a"
expect_eq "$(fs_field push src/a .unreplicated_snapshots)" 0 "unreplicated snapshots after the run"
expect_eq "$(fs_field push src/a .snapshots)" 1 "snapshot count of src/a"
[ "$(fs_field push src/a .last_success_at)" != null ] || fail "no last success time for src/a"
expect_eq "$(freshness | jq -r '.jobs[] | select(.job == "push") | .health')" warning "the push job's health"
expect_eq "$(freshness | jq -r '.jobs[] | select(.job == "push") | .warning_after_seconds')" 3600 "warning_after"
# The sink reports what it received, as received just now.
expect_eq "$(fs_field sink dst/sink/ws/src/a .replicated_snapshot.name)" old "the sink's last received snapshot"
expect_eq "$(fs_field sink dst/sink/ws/src/a .health)" ok "the sink's health for src/a"

# monitor: WARNING with perfdata; with its own thresholds it judges the same age differently.
out=$(hf monitor --job push); rc=$?
expect_eq "$rc" 1 "monitor exit code for a warning (output: $out)"
grep -q "^HOLDFAST WARNING - push: .*| 'push_age'=7[0-9]*s;3600;10800;0 'push_unreplicated'=0;;;0$" <<<"$out" ||
    fail "monitor line: $out"
out=$(hf monitor --job push --warn 3h --crit 4h); rc=$?
expect_eq "$rc" 0 "monitor exit code with --warn 3h (output: $out)"
grep -q "^HOLDFAST OK - " <<<"$out" || fail "monitor line with --warn 3h: $out"
out=$(hf monitor --job push --warn 30m --crit 1h); rc=$?
expect_eq "$rc" 2 "monitor exit code with --crit 1h (output: $out)"
out=$(hf monitor --job nosuchjob); rc=$?
expect_eq "$rc" 3 "monitor exit code for an unknown job (output: $out)"
grep -q "^HOLDFAST UNKNOWN - no job named \"nosuchjob\"" <<<"$out" || fail "monitor line for an unknown job: $out"
out=$(hf monitor --warn soon); rc=$?
expect_eq "$rc" 3 "monitor exit code for a bad --warn (output: $out)"

# A fresh snapshot replicated: ok. An old one alone on src/b (its newer snapshot destroyed): critical.
snapshot_aged src/a@new 60
snapshot_aged src@new 60
zfs destroy src/b@old || fail "zfs destroy"
snapshot_aged src/b@older 4*3600
hf signal wakeup push --wait --timeout 60s >/dev/null || true
expect_eq "$(fs_field push src/a .health)" ok "src/a with a 1 min old replica"
expect_eq "$(fs_field push src/a .snapshots)" 2 "snapshot count of src/a"
expect_eq "$(fs_field push src/b .health)" critical "src/b whose newest replica is 4 h old"
grep -q "older than 3 h (critical threshold)" <<<"$(fs_field push src/b .health_reason)" || fail "src/b's reason: $(fs_field push src/b .health_reason)"
expect_eq "$(freshness | jq -r '.jobs[] | select(.job == "push") | .health')" critical "the push job's health"
out=$(hf monitor); rc=$?
expect_eq "$rc" 2 "monitor of every job with src/b critical (output: $out)"

# The metrics: zrepl's and the freshness series.
metrics=$(curl -sf --unix-socket "$WORK/run/control" http://holdfast/metrics) || fail "GET /metrics"
grep -q '^holdfast_filesystem_health{filesystem="src/a",zrepl_job="push"} 0$' <<<"$metrics" ||
    fail "no ok health series for src/a: $(grep holdfast_filesystem_health <<<"$metrics")"
grep -q '^holdfast_job_warning_after_seconds{zrepl_job="push"} 3600$' <<<"$metrics" || fail "no warning_after series"
grep -q '^holdfast_filesystem_replicated_snapshot_timestamp_seconds{filesystem="src/a",zrepl_job="push"} ' <<<"$metrics" ||
    fail "no replicated snapshot timestamp"
grep -q '^zrepl_replication_last_successful{zrepl_job="push"} [1-9]' <<<"$metrics" || fail "no zrepl_replication_last_successful"
grep -q '^zrepl_replication_bytes_replicated{filesystem="src/a",zrepl_job="push"} ' <<<"$metrics" || fail "no bytes_replicated"

# A failing run: --wait exits 1 with the run's error.
echo "recv:fail" >"$HOLDFAST_ZFS_EMULATOR_DIR/faults"
snapshot_aged src/a@three 0
out=$(hf signal wakeup push --wait --timeout 60s 2>&1); rc=$?
expect_eq "$rc" 1 "wakeup --wait of a failing run (output: $out)"
grep -q "failed: 1 filesystem(s) failed: src/a: " <<<"$out" || fail "wakeup --wait did not say why: $out"
rm "$HOLDFAST_ZFS_EMULATOR_DIR/faults"
expect_eq "$(fs_field push src/a .unreplicated_snapshots)" 1 "unreplicated snapshots after the failed run"
[ -n "$(fs_field push src/a .error)" ] || fail "no error for src/a after the failed run"
expect_eq "$(fs_field push src/a .replicated_snapshot.name)" new "src/a's replica after the failed run"
# A run that takes longer than the timeout: 124.
zfs create -o holdfast:emulator:size=400000000 src/big || fail "zfs create src/big"
zfs snapshot src/big@one || fail snapshot
out=$(hf signal wakeup push --wait --timeout 200ms 2>&1); rc=$?
expect_eq "$rc" 124 "wakeup --wait past its timeout (output: $out)"
# --wait on a sink: refused with the reason.
out=$(hf signal wakeup sink --wait 2>&1); rc=$?
expect_eq "$rc" 1 "wakeup --wait of a sink (output: $out)"
grep -q "only push and pull jobs" <<<"$out" || fail "the refusal does not say why: $out"
# Wait for the big run, then restart the daemon: the freshness comes back from the pool.
hf signal wakeup push --wait --timeout 120s >/dev/null 2>&1
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null
start_daemon
for _ in $(seq 100); do
    [ "$(fs_field push src/a .replicated_snapshot.name 2>/dev/null)" = three ] && break
    sleep 0.1
done
expect_eq "$(fs_field push src/a .replicated_snapshot.name)" three "src/a's replica after a restart (from the cursor)"
for _ in $(seq 100); do
    [ "$(fs_field sink dst/sink/ws/src/a .replicated_snapshot.name 2>/dev/null)" = three ] && break
    sleep 0.1
done
expect_eq "$(fs_field sink dst/sink/ws/src/a .replicated_snapshot.name)" three "the sink's last received after a restart (from the hold)"
[ "$(fs_field sink dst/sink/ws/src/a .last_success_at)" != null ] || fail "the sink lost when src/a arrived"

# A source job learns its filesystems' replicas from its pull client: the pull's run lists and completes there.
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null
{ global_yaml; cat <<YAML
jobs:
  - name: source
    type: source
    serve: {type: local, listener_name: served}
    filesystems: {"src/a": true}
    snapshotting: {type: manual}
  - name: pull
    type: pull
    connect: {type: local, listener_name: served, client_identity: puller}
    root_fs: dst/pulled
    interval: manual
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 10}]
      keep_receiver: [{type: last_n, count: 10}]
YAML
} >"$WORK/holdfast.yml"
start_daemon
snapshot_aged src/a@four 0
out=$(hf signal wakeup pull --wait --timeout 60s 2>&1) || fail "wakeup --wait of the pull job: $out"
expect_eq "$(fs_field source src/a .replicated_snapshot.name)" four "the source's replica of src/a"
expect_eq "$(fs_field source src/a .unreplicated_snapshots)" 0 "the source's unreplicated snapshots of src/a"
[ "$(fs_field source src/a .last_success_at)" != null ] || fail "the source does not know when src/a was pulled"
expect_eq "$(fs_field pull src/a .replicated_snapshot.name)" four "the pull job's replica of src/a"
expect_eq "$(fs_field pull src/a .health)" ok "the pull job's health for src/a"
echo "PASS: freshness, health, --wait, monitor and metrics"
