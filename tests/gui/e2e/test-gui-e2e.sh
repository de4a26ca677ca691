#!/bin/bash
# The GUI against a live daemon, on a real X server (Xvfb) inside a D-Bus session: the daemon (on the OpenZFS
# emulator) runs a push/sink replication; the GUI shows it, Wake Up is pressed with the mouse, the daemon gets the
# signal and replicates, and a screenshot is kept in the build directory (gui-e2e.png) as a CI artifact; a second
# one shows the Filesystems view with the daemon's freshness report (tests/gui/filesystems-view.png), a third the
# Holds pane under it (tests/gui/holds-view.png). Apart from the daemon, the versions window of a file on a fake
# snapshot tree (tests/gui/file-history.png) and a version compared with the current file (tests/gui/file-diff.png);
# and `holdfast-gui --versions` itself keeps its window open for a path on no ZFS filesystem (saying so) instead of
# failing.
#   test-gui-e2e.sh HOLDFAST_BINARY EMULATOR_BIN_DIR GUI_TEST_BINARY SCREENSHOT_PATH FILESYSTEMS_SCREENSHOT_PATH \
#       HOLDS_SCREENSHOT_PATH FILE_HISTORY_SCREENSHOT_PATH FILE_DIFF_SCREENSHOT_PATH GUI_BINARY
set -uo pipefail
GUI_TEST=$3
SCREENSHOT=$4
FILESYSTEMS_SCREENSHOT=$5
HOLDS_SCREENSHOT=$6
FILE_HISTORY_SCREENSHOT=$7
FILE_DIFF_SCREENSHOT=$8
GUI_BINARY=$9
source "$(dirname "$0")/../../integration/emulator-env.sh" "$1" "$2" holdfast-gui-e2e

command -v Xvfb >/dev/null || { echo "SKIP: Xvfb is not installed (package xvfb)"; exit 77; }
command -v dbus-run-session >/dev/null || { echo "SKIP: dbus-run-session is not installed (package dbus)"; exit 77; }

zpool create -m none src "$WORK/src.img" || fail "zpool create"
zpool create -m none dst "$WORK/dst.img" || fail "zpool create"
zfs create -o holdfast:emulator:size=20000000 src/home || fail "zfs create"
zfs snapshot src/home@before || fail "zfs snapshot"

{ global_yaml debug; local_push_sink_jobs_yaml "src/home<"; } >"$WORK/holdfast.yml"
start_daemon

# Xvfb picks a free display and tells it on a pipe.
exec 3< <(Xvfb -displayfd 1 -screen 0 1280x900x24 -nolisten tcp 2>"$WORK/xvfb.log")
XVFB_PID=$!
read -r -t 10 display <&3 || fail "Xvfb did not start: $(cat "$WORK/xvfb.log")"
trap 'kill "$XVFB_PID" 2>/dev/null; cleanup' EXIT

export DISPLAY=":$display"
export QT_QPA_PLATFORM=xcb
export HOLDFAST_E2E_SOCKET="$WORK/run/control"
export HOLDFAST_E2E_SCREENSHOT="$SCREENSHOT"
export HOLDFAST_E2E_FILESYSTEMS_SCREENSHOT="$FILESYSTEMS_SCREENSHOT"
export HOLDFAST_E2E_HOLDS_SCREENSHOT="$HOLDS_SCREENSHOT"
export HOLDFAST_E2E_FILE_HISTORY_SCREENSHOT="$FILE_HISTORY_SCREENSHOT"
export HOLDFAST_E2E_FILE_DIFF_SCREENSHOT="$FILE_DIFF_SCREENSHOT"
mkdir -p "$(dirname "$FILESYSTEMS_SCREENSHOT")"
export HOLDFAST_E2E_DAEMON_LOG="$WORK/daemon.log"
export XDG_CONFIG_HOME="$WORK/config"
dbus-run-session -- "$GUI_TEST" || fail "the GUI test failed"

# What the GUI asked for really happened on the pools.
[ "$(zfs get -H -o value guid dst/sink/ws/src/home@before)" = "$(zfs get -H -o value guid src/home@before)" ] ||
    fail "the wakeup from the GUI did not replicate src/home@before"
grep -q "woken up" "$WORK/daemon.log" || fail "the daemon did not log the wakeup"
[ -s "$SCREENSHOT" ] || fail "no screenshot at $SCREENSHOT"
[ -s "$FILESYSTEMS_SCREENSHOT" ] || fail "no screenshot at $FILESYSTEMS_SCREENSHOT"
[ -s "$HOLDS_SCREENSHOT" ] || fail "no screenshot at $HOLDS_SCREENSHOT"
[ -s "$FILE_HISTORY_SCREENSHOT" ] || fail "no screenshot at $FILE_HISTORY_SCREENSHOT"
[ -s "$FILE_DIFF_SCREENSHOT" ] || fail "no screenshot at $FILE_DIFF_SCREENSHOT"

# What a file manager runs: the option is offered, and the window stays (until closed) for a path it cannot help with.
"$GUI_BINARY" --help | grep -q -- "--versions <path>" || fail "holdfast-gui --help does not offer --versions"
timeout 5 "$GUI_BINARY" --versions "$WORK/not-on-zfs.txt" 2>"$WORK/versions.log"
status=$?
[ "$status" -eq 124 ] || fail "holdfast-gui --versions ended by itself (status $status): $(cat "$WORK/versions.log")"
echo "PASS: GUI end to end (screenshots: $SCREENSHOT, $FILESYSTEMS_SCREENSHOT, $HOLDS_SCREENSHOT, $FILE_HISTORY_SCREENSHOT, $FILE_DIFF_SCREENSHOT)"
