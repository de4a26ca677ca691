#!/usr/bin/env bash
# A push to a sink in one daemon, on the OpenZFS emulator or real OpenZFS, killed with SIGKILL in the middle of a step and
# restarted: the job replicates right after the start, without a wakeup, and the step holds left behind are reused, the receive resumes from its token instead of starting over,
# and when the step completes every step hold is released; the replication cursor and the last-received hold end on
# the newest snapshot.
#   test-replication-crash.sh HOLDFAST_BINARY EMULATOR_BIN_DIR|kernel
set -uo pipefail
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-replcrash

# A large filesystem: its full stream takes a moment, long enough to be killed in the middle.
if [ "$ZFS_BACKEND" = kernel ]; then
    make_pool src "$WORK/mnt/src" 1G
    make_pool dst none 1G
    zfs create src/big || fail "zfs create"
    # Random data: incompressible, so the stream is as long as the data (about 5 s under emulation).
    head -c 80000000 /dev/urandom >"$WORK/mnt/src/big/data" || fail "writing src/big"
    total=80000000 kill_after=8000000
else
    make_pool src
    make_pool dst
    zfs create -o holdfast:emulator:size=400000000 src/big || fail "zfs create"
    total=400000000 kill_after=30000000
fi
zfs snapshot src/big@one || fail "zfs snapshot"

{ global_yaml; local_push_sink_jobs_yaml "src<"; } >"$WORK/holdfast.yml"
start_daemon
hf signal wakeup push || fail "wakeup"
# Part of the stream arrived, then the daemon dies.
kill_daemon_mid_step "$kill_after"
sleep 0.5
[ "$(zfs get -H -p -o value userrefs src/big@one)" = 1 ] || fail "the step hold on src/big@one is not there after the crash"
token=$(zfs get -H -o value receive_resume_token dst/sink/ws/src/big 2>/dev/null)
[ -n "$token" ] && [ "$token" != "-" ] || fail "no resume token on the receiver after the crash"

# No wakeup: a job with an interrupted step resumes it right after start (zrepl waits for the next interval).
start_daemon
for _ in $(seq 600); do
    hf status --raw | grep -q '"PruningReceiver":{"State":"Done"' && break
    sleep 0.1
done
status=$(hf status --raw)
grep -q '"Resumed":true' <<<"$status" || fail "the step was not resumed: $status"
grep -q "resuming an interrupted replication step now" "$WORK/daemon.log" || fail "the run after the restart was not started by the interrupted step"
grep -q '"State":"done"' <<<"$status" || fail "the replication did not finish: $status"
[ "$(zfs get -H -p -o value guid dst/sink/ws/src/big@one)" = "$(zfs get -H -p -o value guid src/big@one)" ] \
    || fail "received guid differs"
if [ "$ZFS_BACKEND" = kernel ]; then
    # Received unmounted under a placeholder (mountpoint none): mounted read-only by hand to compare.
    mkdir -p "$WORK/received"
    mount -t zfs -o ro,zfsutil dst/sink/ws/src/big "$WORK/received" || fail "mounting the received filesystem"
    cmp "$WORK/mnt/src/big/data" "$WORK/received/data" || fail "the resumed receive's data differs from the source"
    umount "$WORK/received"
fi
[ "$(zfs get -H -p -o value userrefs src/big@one)" = 0 ] || fail "the step hold was not released"
zfs holds -H dst/sink/ws/src/big@one | grep -q zrepl_last_received_J_sink || fail "no last-received hold"
zfs list -H -o name -t bookmark src/big | grep -q "#zrepl_CURSOR_G_.*_J_push" || fail "no replication cursor"
resumed_bytes=$(replicated_bytes)
[ "$resumed_bytes" -lt "$total" ] || fail "the resumed step sent everything again ($resumed_bytes bytes)"
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=
echo "PASS: killed mid-step, resumed after $KILLED_AT bytes ($resumed_bytes sent on resume), holds released"
