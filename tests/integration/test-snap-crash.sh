#!/usr/bin/env bash
# The snap job's pruning, killed with SIGKILL in the middle of a round and restarted, on the OpenZFS emulator:
# nothing the keep rules keep is ever destroyed, a held snapshot is never destroyed, and the next round finishes
# exactly what the rules say.
#   test-snap-crash.sh HOLDFAST_BINARY EMULATOR_BIN_DIR
set -uo pipefail
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-crash

FILESYSTEMS=40
SNAPSHOTS=30
KEEP_LAST=5
zpool create -m none crashpool "$WORK/vdev.img" || fail "zpool create"
for i in $(seq 1 $FILESYSTEMS); do
    zfs create "crashpool/fs$i" || fail "zfs create"
done
# Snapshots an hour apart in the past, all filesystems at once per round; two "keep_" ones in between.
now=$(date +%s)
for s in $(seq 1 $SNAPSHOTS); do
    HOLDFAST_ZFS_EMULATOR_CLOCK=$((now - (SNAPSHOTS - s + 1) * 3600)) zfs snapshot -r "crashpool@auto_$(printf %03d "$s")" \
        || fail "zfs snapshot"
    if [ "$s" -eq 3 ] || [ "$s" -eq 17 ]; then
        HOLDFAST_ZFS_EMULATOR_CLOCK=$((now - (SNAPSHOTS - s + 1) * 3600 + 60)) zfs snapshot -r "crashpool@keep_$s" \
            || fail "zfs snapshot keep"
    fi
done
zfs hold precious crashpool/fs7@auto_002 || fail "zfs hold"

# What must remain on every filesystem: the keep_ snapshots, the newest KEEP_LAST of all, and the held one on fs7.
expected_for() {
    local fs=$1
    {
        echo keep_3
        echo keep_17
        for s in $(seq $((SNAPSHOTS - KEEP_LAST + 1)) $SNAPSHOTS); do echo "auto_$(printf %03d "$s")"; done
        [ "$fs" = crashpool/fs7 ] && echo auto_002
    } | sort
}
actual_for() {
    zfs list -H -o name -t snapshot -d 1 "$1" | sed 's/.*@//' | sort
}

{ global_yaml; cat <<YAML; } >"$WORK/holdfast.yml"
jobs:
  - name: crashjob
    type: snap
    filesystems: {
      "crashpool<": true,
    }
    snapshotting:
      type: manual
    pruning:
      keep:
        - type: regex
          regex: "^keep_"
        - type: last_n
          count: $KEEP_LAST
YAML


# Every snapshot the rules keep must still be there; everything else may or may not be gone yet.
check_nothing_wrong_destroyed() {
    local fs missing
    for i in $(seq 1 $FILESYSTEMS); do
        fs=crashpool/fs$i
        missing=$(comm -23 <(expected_for "$fs") <(actual_for "$fs"))
        [ -z "$missing" ] || fail "$1: $fs lost snapshots the rules keep: $missing"
    done
}

start_daemon
hf signal wakeup crashjob || fail "wakeup"
# Kill it while the round runs: as soon as the first filesystem is done.
for _ in $(seq 200); do
    [ "$(actual_for crashpool/fs1 | wc -l)" -lt $((SNAPSHOTS + 2)) ] && break
    sleep 0.01
done
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=
partially=0
for i in $(seq 1 $FILESYSTEMS); do
    [ "$(actual_for "crashpool/fs$i" | wc -l)" -gt "$(expected_for "crashpool/fs$i" | wc -l)" ] && partially=$((partially + 1))
done
echo "after SIGKILL: $partially of $FILESYSTEMS filesystems still had snapshots to prune"
[ "$partially" -gt 0 ] || echo "note: the round finished before the kill; the check below still holds"
check_nothing_wrong_destroyed "after SIGKILL"

start_daemon
hf signal wakeup crashjob || fail "wakeup after restart"
for _ in $(seq 600); do
    hf status --raw | grep -q '"Pruning":{"State":"Done"' && break
    sleep 0.1
done
hf status --raw | grep -q '"Pruning":{"State":"Done"' \
    || fail "pruning did not finish: $(hf status --raw)"
for i in $(seq 1 $FILESYSTEMS); do
    fs=crashpool/fs$i
    diff <(expected_for "$fs") <(actual_for "$fs") >/dev/null || fail "$fs: expected $(expected_for "$fs" | tr '\n' ' '), got $(actual_for "$fs" | tr '\n' ' ')"
done
hf status | grep -q "not destroyed because held" \
    || fail "the held snapshot is not reported"
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=
echo "PASS: killed mid-round, restarted, pruned exactly what the rules say; the held snapshot stayed"
