#!/usr/bin/env bash
# Browsing a backup: the daemon mounts a received snapshot read-only for a while, with the real daemon and CLI.
# - a push job replicates src/data to a sink on the second pool, whose filesystems are not mounted;
# - `holdfast snapshots` lists the backup's snapshots (received, not mounted);
# - `holdfast browse FS@SNAP` mounts one; an unprivileged user reads a public file through it, is refused a file
#   only root may read, and nobody can write (kernel mode only: the emulator has no files);
# - asking again renews the same lease; --list shows it; --release unmounts it and removes its directory;
# - an idle lease is unmounted after HOLDFAST_BROWSE_IDLE_SECONDS; a busy one stays, says why, and goes once free;
# - a raw-received encrypted backup without its key is refused with the reason;
# - the daemon unmounts its leases when it stops, and a restarted daemon unmounts what a killed one left.
#   test-browse.sh HOLDFAST_BINARY EMULATOR_BIN_DIR|kernel
# With the emulator, mount and umount are fakes that keep a fake mount table (HOLDFAST_BROWSE_MOUNTINFO).
set -uo pipefail
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-browse
command -v jq >/dev/null || { echo "SKIP: jq is missing"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: curl is missing"; exit 77; }
started=$(date +%s)
# A process kept inside a mount (the busy case below) must not outlive a failed run: the pools could not go.
busy_pid=
trap '[ -n "$busy_pid" ] && kill "$busy_pid" 2>/dev/null; cleanup' EXIT

# The unprivileged user must reach the mounts: the browse directory is below $WORK.
chmod 0755 "$WORK"
export HOLDFAST_BROWSE_DIR=$WORK/browse
export HOLDFAST_BROWSE_IDLE_SECONDS=600
if [ "$ZFS_BACKEND" = kernel ]; then
    [ "$(id -u)" -eq 0 ] || { echo "SKIP: mounting needs root"; exit 77; }
    command -v setpriv >/dev/null || { echo "SKIP: setpriv is missing"; exit 77; }
    make_pool src "$WORK/mnt/src"
    make_pool dst none
    zfs create src/data || fail "zfs create src/data"
    echo "hello from the backup" >"$WORK/mnt/src/data/public.txt"
    chmod 0644 "$WORK/mnt/src/data/public.txt"
    echo "root only" >"$WORK/mnt/src/data/secret.txt"
    chmod 0600 "$WORK/mnt/src/data/secret.txt"
    mounted() { findmnt -n -M "$1" >/dev/null 2>&1; }
else
    make_pool src
    make_pool dst
    zfs create src/data || fail "zfs create src/data"
    mkdir -p "$WORK/bin"
    export HOLDFAST_BROWSE_MOUNTINFO=$WORK/mountinfo
    : >"$HOLDFAST_BROWSE_MOUNTINFO"
    cat >"$WORK/bin/mount" <<EOF
#!/bin/sh
echo "mount \$*" >>"$WORK/calls.log"
echo "\$5" >"\$6/.mounted"
echo "900 1 0:99 / \$6 \$4 - zfs \$5 ro" >>"$HOLDFAST_BROWSE_MOUNTINFO"
EOF
    cat >"$WORK/bin/umount" <<EOF
#!/bin/sh
echo "umount \$*" >>"$WORK/calls.log"
for dir; do :; done
if [ -e "$WORK/umount-busy" ] && [ "\$1" != "-l" ]; then echo "umount: \$dir: target is busy." >&2; exit 32; fi
grep -q " \$dir " "$HOLDFAST_BROWSE_MOUNTINFO" || { echo "umount: \$dir: not mounted." >&2; exit 32; }
sed -i "\\| \$dir |d" "$HOLDFAST_BROWSE_MOUNTINFO"
rm -f "\$dir/.mounted"
EOF
    chmod 0755 "$WORK/bin/mount" "$WORK/bin/umount"
    export HOLDFAST_MOUNT_BINARY=$WORK/bin/mount HOLDFAST_UMOUNT_BINARY=$WORK/bin/umount
    mounted() { grep -q " $1 " "$HOLDFAST_BROWSE_MOUNTINFO"; }
fi
zfs snapshot src/data@one || fail "zfs snapshot"
{ global_yaml; push_sink_jobs_yaml "src/data"; } >"$WORK/holdfast.yml"

# wait_for SECONDS COMMAND...: until COMMAND succeeds, at most SECONDS.
wait_for() {
    local seconds=$1
    shift
    for _ in $(seq $((seconds * 10))); do
        "$@" && return 0
        sleep 0.1
    done
    "$@"
}
gone() { ! [ -e "$1" ]; }
busy_listed() { hf browse --list | grep -q 'unmounting failed, tried again later: .*busy'; }
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
stop_daemon() {
    kill -TERM "$DAEMON_PID"
    wait "$DAEMON_PID" 2>/dev/null
    DAEMON_PID=
}

start_daemon
hf signal wakeup push || fail "wakeup"
wait_run push 1
backup=dst/sink/ws/src/data
snap=$(zfs list -H -o name -t snapshot -s createtxg -d 1 "$backup" | tail -n 1 | cut -d@ -f2)
[ -n "$snap" ] || fail "nothing was received into $backup"
[ "$(zfs get -H -o value mounted "$backup")" = no ] || fail "$backup is mounted: the test needs an unmounted backup"

# 1. The listing: received, not mounted, newest first.
listing=$(hf snapshots "$backup" --json) || fail "snapshots --json: $listing"
jq -e --arg s "$snap" '.received and .mountpoint == "" and .snapshots[0].name == $s and (.snapshots[0].guid | length > 0)' <<<"$listing" >/dev/null ||
    fail "listing: $listing"
out=$(hf snapshots "$backup") || fail "snapshots: $out"
grep -q "a backup received by this daemon, not mounted; \`holdfast browse $backup@SNAPSHOT\` mounts one" <<<"$out" || fail "snapshots: $out"
grep -q "^$snap " <<<"$out" || fail "snapshots does not list $snap: $out"
out=$(hf snapshots dst/nosuch 2>&1) && fail "snapshots of a missing filesystem succeeded: $out"
grep -q 'no filesystem named "dst/nosuch"' <<<"$out" || fail "snapshots of a missing filesystem: $out"

# 2. Mount it; read through it as nobody; nothing writes.
lease=$(hf browse "$backup@$snap" --json) || fail "browse: $lease"
id=$(jq -r .id <<<"$lease")
path=$(jq -r .path <<<"$lease")
[ "$path" = "$HOLDFAST_BROWSE_DIR/$id" ] || fail "lease path: $lease"
mounted "$path" || fail "$path is not mounted"
[ "$(stat -c %a "$HOLDFAST_BROWSE_DIR")" = 755 ] || fail "browse directory mode $(stat -c %a "$HOLDFAST_BROWSE_DIR")"
grep -q "snapshot mounted for browsing.*$backup@$snap" "$WORK/daemon.log" || fail "the mount is not logged"
if [ "$ZFS_BACKEND" = kernel ]; then
    options=$(findmnt -n -o FSTYPE,OPTIONS -M "$path")
    for option in zfs ro nosuid nodev noexec; do
        grep -qw "$option" <<<"$options" || fail "mount options lack $option: $options"
    done
    got=$(as_nobody cat "$path/public.txt") || fail "nobody cannot read public.txt: $got"
    [ "$got" = "hello from the backup" ] || fail "public.txt reads '$got'"
    out=$(as_nobody cat "$path/secret.txt" 2>&1) && fail "nobody read the root-only file: $out"
    grep -q "Permission denied" <<<"$out" || fail "secret.txt: $out"
    out=$(touch "$path/new" 2>&1) && fail "root could write into the snapshot"
    grep -q "Read-only file system" <<<"$out" || fail "writing: $out"
    [ "$(cat "$path/secret.txt")" = "root only" ] || fail "root cannot read secret.txt"
else
    [ "$(cat "$path/.mounted")" = "$backup@$snap" ] || fail "the fake mount got $(cat "$path/.mounted")"
    grep -q "^mount -t zfs -o ro,nosuid,nodev,noexec $backup@$snap $path\$" "$WORK/calls.log" || fail "mount was called as: $(cat "$WORK/calls.log")"
fi

# 3. Asking again renews the same lease; --list shows it; the text form says what to do.
sleep 1.1
again=$(hf browse "$backup@$snap" --json) || fail "browse again: $again"
[ "$(jq -r .id <<<"$again")" = "$id" ] || fail "a renewal made a new lease: $again"
[[ "$(jq -r .expires_at <<<"$again")" > "$(jq -r .expires_at <<<"$lease")" ]] || fail "the renewal did not move the expiry: $lease -> $again"
out=$(hf browse "$backup@$snap") || fail "browse (text): $out"
grep -q "is mounted read-only at" <<<"$out" && grep -q "holdfast browse --release $id" <<<"$out" || fail "browse (text): $out"
out=$(hf browse --list) || fail "browse --list: $out"
grep -q "^$id .*$backup@$snap" <<<"$out" || fail "browse --list: $out"
[ "$(curl -s --unix-socket "$WORK/run/control" http://unix/holdfast/v1/browse | jq '.leases | length')" = 1 ] || fail "GET browse"

# 4. Release: unmounted, directory gone, listed no more; a second release is an unknown id.
out=$(hf browse --release "$id") || fail "release: $out"
grep -q "Released" <<<"$out" || fail "release: $out"
mounted "$path" && fail "$path is still mounted after the release"
[ -e "$path" ] && fail "$path is still there after the release"
out=$(hf browse --list) || fail "browse --list: $out"
grep -q "No snapshot is mounted for browsing" <<<"$out" || fail "list after release: $out"
out=$(hf browse --release "$id" 2>&1) && fail "a second release succeeded: $out"
grep -q "no browse lease with id \"$id\"" <<<"$out" || fail "second release: $out"
out=$(hf browse "$backup@nosuch" 2>&1) && fail "browsing a missing snapshot succeeded: $out"
grep -q "$backup has no snapshot named \"nosuch\"" <<<"$out" || fail "missing snapshot: $out"
out=$(hf browse "$backup" 2>&1) && fail "browse without a snapshot succeeded"
grep -q "names no snapshot" <<<"$out" || fail "browse without a snapshot: $out"

# 5. A raw-received encrypted backup whose key is not loaded: refused, saying what to do.
if [ "$ZFS_BACKEND" = kernel ]; then
    echo "correct horse battery" >"$WORK/key"
    zfs create -o encryption=on -o keyformat=passphrase -o "keylocation=file://$WORK/key" src/enc || fail "zfs create src/enc"
else
    zfs create -o encryption=on -o keyformat=passphrase -o keylocation=file:///nonexistent src/enc || fail "zfs create src/enc"
fi
zfs snapshot src/enc@s || fail "snapshot src/enc@s"
zfs send -w src/enc@s | zfs recv -u dst/enc || fail "raw send | recv"
[ "$(zfs get -H -o value keystatus dst/enc)" = unavailable ] || fail "dst/enc has its key: $(zfs get -H -o value keystatus dst/enc)"
out=$(hf browse dst/enc@s 2>&1) && fail "browsing without the key succeeded: $out"
grep -q "the key of dst/enc is not loaded: a raw-received backup can only be browsed after \`zfs load-key dst/enc\`" <<<"$out" ||
    fail "browse without key: $out"

# 6. Idle: unmounted after the timeout; a busy mount stays with the reason, and goes once it is free.
stop_daemon
export HOLDFAST_BROWSE_IDLE_SECONDS=5
start_daemon
lease=$(hf browse "$backup@$snap" --json) || fail "browse: $lease"
path=$(jq -r .path <<<"$lease")
[ "$(jq -r .idle_timeout_seconds <<<"$lease")" = 5 ] || fail "idle timeout: $lease"
wait_for 15 gone "$path" || fail "the idle lease was not unmounted: $(hf browse --list)"
mounted "$path" && fail "$path still mounted after the idle timeout"
grep -q "browse lease expired: snapshot unmounted.*$backup@$snap" "$WORK/daemon.log" || fail "the expiry is not logged"

lease=$(hf browse "$backup@$snap" --json) || fail "browse: $lease"
path=$(jq -r .path <<<"$lease")
if [ "$ZFS_BACKEND" = kernel ]; then
    # setpriv execs sh, which execs sleep: $! is the process whose working directory is in the mount.
    setpriv --reuid=65534 --regid=65534 --clear-groups sh -c "cd '$path' && exec sleep 60" &
    busy_pid=$!
else
    touch "$WORK/umount-busy"
fi
wait_for 15 busy_listed ||
    fail "the busy lease does not say why it stays: $(hf browse --list)"
mounted "$path" || fail "the busy mount went away"
grep -q "cannot be unmounted yet; trying again later" "$WORK/daemon.log" || fail "the failed unmount is not logged"
if [ "$ZFS_BACKEND" = kernel ]; then
    kill "$busy_pid"
    wait "$busy_pid" 2>/dev/null
    busy_pid=
else
    rm -f "$WORK/umount-busy"
fi
wait_for 20 gone "$path" || fail "the lease was not unmounted once free: $(hf browse --list)"
mounted "$path" && fail "$path still mounted once free"

# 7. A stopping daemon unmounts its leases; a restarted one unmounts what a killed one left.
export HOLDFAST_BROWSE_IDLE_SECONDS=600
lease=$(hf browse "$backup@$snap" --json) || fail "browse: $lease"
path=$(jq -r .path <<<"$lease")
stop_daemon
mounted "$path" && fail "$path is still mounted after the daemon stopped"
[ -e "$path" ] && fail "$path is still there after the daemon stopped"
grep -q "daemon stopping: snapshot unmounted" "$WORK/daemon.log" || fail "the shutdown unmount is not logged"
start_daemon
lease=$(hf browse "$backup@$snap" --json) || fail "browse: $lease"
path=$(jq -r .path <<<"$lease")
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=
mounted "$path" || fail "the killed daemon's mount is gone already (the test needs it left behind)"
start_daemon
wait_for 15 gone "$path" || fail "the restarted daemon did not clean up $path"
mounted "$path" && fail "$path still mounted after the restart"
grep -q "unmounted a snapshot left mounted for browsing by an earlier run" "$WORK/daemon.log" || fail "the clean-up is not logged"
stop_daemon
reads=
[ "$ZFS_BACKEND" = kernel ] && reads=" (read as nobody, root-only file refused, read-only)"
echo "PASS: browse ($ZFS_BACKEND): listing, mount$reads, renew, release, key refused, idle, busy, shutdown, crash; $(($(date +%s) - started)) s"
