#!/usr/bin/env bash
# The demo behind `./dev.sh run`: two file-backed ZFS pools (the kernel's ZFS where it is loaded, otherwise zfs-fuse),
# a workstation pool and a backup pool, and `holdfast daemon` with a push job that snapshots the home filesystems
# every five seconds and replicates them to a sink on the backup pool, pruning both sides, plus a snap job for
# scratch space. Shown through `zfs list`, `holdfast status`, `holdfast holds list`, the metrics and, where there is
# a display, holdfast-gui, run as the desktop user who started the demo (the daemon lets that user's group in).
# Everything it creates goes away when it ends, also on Ctrl-C; `demo.sh --remove` (`./dev.sh demo-remove`) removes
# what a demo that was killed left behind. Needs root for ZFS (it uses sudo when not root).
#   demo.sh [BUILD_DIR]     run the demo
#   demo.sh --remove        stop and remove every demo's leftovers
set -euo pipefail
BUILD_DIR=${1:-build-release}
HOLDFAST="$PWD/$BUILD_DIR/daemon/holdfast"
GUI="$PWD/$BUILD_DIR/app/holdfast-gui"
DEMO_SECONDS=${HOLDFAST_DEMO_SECONDS:-22}
source scripts/lib.sh

if [ "$(id -u)" -ne 0 ]; then
    echo "==> the demo creates ZFS pools and needs root; running it with sudo"
    # The display's variables too: the GUI is shown on the user's desktop.
    exec sudo --preserve-env=HOLDFAST_DEMO_SECONDS,DISPLAY,WAYLAND_DISPLAY,XAUTHORITY,XDG_RUNTIME_DIR,DBUS_SESSION_BUS_ADDRESS \
        "$0" "$@"
fi

# Each demo keeps what it started in /tmp/holdfast-demo.*: pid files and the pools' names. A demo that ended
# normally removed its directory; what is left belongs to one that was killed.
remove_leftovers() {
    local dir pid pool found=
    for dir in /tmp/holdfast-demo.*; do
        [ -d "$dir" ] || continue
        found=1
        for pid in "$dir/daemon.pid" "$dir/gui.pid"; do
            [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null && echo "==> stopped process $(cat "$pid") ($(basename "$pid" .pid))"
        done
        sleep 0.5
        for pool in $(cat "$dir/pools" 2>/dev/null); do
            zpool destroy -f "$pool" 2>/dev/null && echo "==> destroyed pool $pool"
        done
        [ -f "$dir/zfs-fuse.pid" ] && kill "$(cat "$dir/zfs-fuse.pid")" 2>/dev/null && echo "==> stopped the demo's zfs-fuse"
        rm -rf "$dir" && echo "==> removed $dir"
    done
    [ -n "$found" ] || echo "==> nothing to remove: no demo left anything behind"
}
if [ "$BUILD_DIR" = "--remove" ]; then
    remove_leftovers
    exit 0
fi

DEMO_DIR=$(mktemp -d /tmp/holdfast-demo.XXXXXX)
# The desktop user who ran `sudo ./dev.sh run`: the GUI runs as them, with their primary group let in by the daemon.
DESKTOP_USER=
if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] && id "$SUDO_USER" >/dev/null 2>&1; then
    DESKTOP_USER=$SUDO_USER
fi
POOL=holdfastdemo$$
BACKUP=holdfastbackup$$
DAEMON_PID=
STARTED_ZFS_FUSE=
POOL_CREATED=
BACKUP_CREATED=
cleanup() {
    set +e
    if [ -n "${GUI_PID:-}" ] && kill -0 "$GUI_PID" 2>/dev/null; then
        kill "$GUI_PID"
        wait "$GUI_PID" 2>/dev/null
    fi
    if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill "$DAEMON_PID"
        wait "$DAEMON_PID" 2>/dev/null
    fi
    [ -n "$POOL_CREATED" ] && zpool destroy -f "$POOL" 2>/dev/null
    [ -n "$BACKUP_CREATED" ] && zpool destroy -f "$BACKUP" 2>/dev/null
    if [ -n "$STARTED_ZFS_FUSE" ]; then
        kill "$STARTED_ZFS_FUSE" 2>/dev/null
        wait "$STARTED_ZFS_FUSE" 2>/dev/null
    fi
    rm -rf "$DEMO_DIR"
    echo "==> demo removed: daemon stopped, pools $POOL and $BACKUP destroyed, $DEMO_DIR deleted"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A ZFS to run on: the kernel's when its module is loaded, else zfs-fuse (started here, stopped at the end).
if [ -e /dev/zfs ] && zfs version >/dev/null 2>&1; then
    echo "==> using the kernel's ZFS ($(zfs version | sed -n 1p))"
else
    if ! command -v zfs-fuse >/dev/null; then
        install_packages zfs-fuse
    fi
    if ! zpool list >/dev/null 2>&1; then
        echo "==> starting zfs-fuse (the kernel has no ZFS module loaded)"
        zfs-fuse --no-daemon --no-kstat-mount >"$DEMO_DIR/zfs-fuse.log" 2>&1 &
        STARTED_ZFS_FUSE=$!
        echo "$STARTED_ZFS_FUSE" >"$DEMO_DIR/zfs-fuse.pid"
        for _ in $(seq 100); do
            zpool list >/dev/null 2>&1 && break
            sleep 0.1
        done
    fi
    echo "==> using zfs-fuse"
fi

echo "==> creating pools $POOL (the workstation) and $BACKUP on 256 MiB files in $DEMO_DIR"
truncate -s 256M "$DEMO_DIR/pool.img" "$DEMO_DIR/backup.img"
echo "$POOL $BACKUP" >"$DEMO_DIR/pools"
zpool create -m none "$POOL" "$DEMO_DIR/pool.img"
POOL_CREATED=1
zpool create -m none "$BACKUP" "$DEMO_DIR/backup.img"
BACKUP_CREATED=1
for fs in home home/alice home/bob home/scratch; do
    zfs create "$POOL/$fs"
done
zfs snapshot "$POOL/home/alice@before-holdfast"

CONFIG="$DEMO_DIR/holdfast.yml"
ACCESS=
if [ -n "$DESKTOP_USER" ]; then
    # The socket's directory is the daemon's to share; the user only has to be able to pass through the demo's.
    chmod 0711 "$DEMO_DIR"
    ACCESS="    status_group: $(id -gn "$DESKTOP_USER")\n    admin_group: $(id -gn "$DESKTOP_USER")"
fi
sed -e "s|@RUNDIR@|$DEMO_DIR/run|g" -e "s|@POOL@|$POOL|g" -e "s|@BACKUP@|$BACKUP|g" -e "s|^@ACCESS@\$|$ACCESS|" \
    scripts/demo-config.yml >"$CONFIG"
hf() { "$HOLDFAST" --config "$CONFIG" "$@"; }

echo "==> holdfast configcheck"
hf configcheck
echo "==> starting holdfast daemon (log: $DEMO_DIR/daemon.log)"
"$HOLDFAST" --config "$CONFIG" daemon >"$DEMO_DIR/daemon.log" 2>&1 &
DAEMON_PID=$!
echo "$DAEMON_PID" >"$DEMO_DIR/daemon.pid"
for _ in $(seq 100); do
    hf version --show daemon >/dev/null 2>&1 && break
    sleep 0.1
done
hf version

echo "==> letting the jobs work for ${DEMO_SECONDS}s (a snapshot round every 5s, then replication and pruning)"
end=$((SECONDS + DEMO_SECONDS))
while [ $SECONDS -lt $end ]; do
    sleep 5
    echo "--- $(date +%T): snapshots of alice on the workstation, and on the backup"
    zfs list -H -o name -t snapshot -r "$POOL/home/alice" | sed 's/^/    /'
    zfs list -H -o name -t snapshot -r "$BACKUP/sink/workstation/$POOL/home/alice" 2>/dev/null | sed 's/^/    /'
done

echo "==> holdfast status"
hf status
echo "==> the same over plain HTTP: curl --unix-socket $DEMO_DIR/run/control http://unix/status"
# Captured first: a `head` in a pipeline would stop curl with SIGPIPE, which pipefail turns into a failure.
status_json=$(curl -s --unix-socket "$DEMO_DIR/run/control" http://unix/status)
echo "${status_json:0:600} ..."
echo "==> holdfast signal wakeup demo_push (replicates now, if it is not already replicating)"
hf signal wakeup demo_push && echo "    accepted"
sleep 2
echo "==> holdfast holds list (the backup's last-received holds and, with bookmarks, the replication cursors)"
hf holds list --filter "$BACKUP<:ok,$POOL<:ok" | sed -n '1,30p'
echo "==> the replicated filesystems on the backup pool"
zfs list -H -o name -r "$BACKUP" | sed 's/^/    /'
echo "==> what the daemon logged about replication"
grep -E "\[repl\]|pruning" "$DEMO_DIR/daemon.log" | grep -v DEBG | tail -n 8 || true
echo "==> metrics (first lines)"
curl -s --unix-socket "$DEMO_DIR/run/control" http://unix/metrics | grep -v '^#' | sed -n '1,5p'
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$GUI" ]; then
    echo "==> holdfast-gui on the live daemon: the jobs, their replication and snapshots, Wake Up and Reset"
    echo "    (File > Quit or Ctrl+Q ends the GUI and the demo; closing the window keeps it in the tray)"
    gui=("$GUI" --socket "$DEMO_DIR/run/control")
    if [ -n "$DESKTOP_USER" ]; then
        echo "    running as $DESKTOP_USER, whom the daemon lets in through group $(id -gn "$DESKTOP_USER")"
        gui=(setpriv --reuid="$DESKTOP_USER" --regid="$(id -g "$DESKTOP_USER")" --init-groups
            env HOME="$(getent passwd "$DESKTOP_USER" | cut -d: -f6)" USER="$DESKTOP_USER" "${gui[@]}")
    fi
    "${gui[@]}" &
    GUI_PID=$!
    echo "$GUI_PID" >"$DEMO_DIR/gui.pid"
    gui_status=0
    wait "$GUI_PID" || gui_status=$?
    # Above 128 it was stopped by a signal, which is how a session ends it; below, it failed to start or run.
    if [ "$gui_status" -ne 0 ] && [ "$gui_status" -le 128 ]; then
        echo "    holdfast-gui could not start on this display (exit status $gui_status)"
    fi
    GUI_PID=
else
    echo "==> no display: the GUI is skipped (holdfast status above shows the same)"
fi
echo "==> demo done"
