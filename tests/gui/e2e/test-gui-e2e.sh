#!/bin/bash
# The GUI against a live daemon, on a real X server (Xvfb) inside a D-Bus session: the daemon (on the OpenZFS
# emulator) runs a push/sink replication; the GUI shows it, Wake Up is pressed with the mouse, the daemon gets the
# signal and replicates (its sends slowed down to about 5 MB/s by a `zfs` in front of the emulator's, so that the
# 20 MB of src/home take about 4 s and the GUI must show the progress moving several times a second), and a screenshot is kept in the build directory (gui-e2e.png) as a CI artifact; a second
# one shows the Filesystems view with the daemon's freshness report (tests/gui/filesystems-view.png), a third the
# Holds pane under it (tests/gui/holds-view.png). Apart from the daemon, the versions window of a file on a fake
# snapshot tree (tests/gui/file-history.png) and a version compared with the current file (tests/gui/file-diff.png);
# and `holdfast-gui --versions` itself keeps its window open for a path on no ZFS filesystem (saying so) instead of
# failing. The New backup assistant adds (a) a local pool pair for src/docs to usbpool and (b) an ssh+stdinserver push
# of the encrypted src/secret to a second daemon (the server, on srvpool): the stand-in `ssh` first in the daemon's
# PATH runs the forced command of the authorized_keys line the assistant showed, as sshd would; both configurations
# then pass `holdfast configcheck` and the replicated snapshots have the source's guids (tests/gui/new-backup-*.png).
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
# For the New backup assistant: another local pool, a server's pool, and what they back up.
zpool create -m none usbpool "$WORK/usbpool.img" || fail "zpool create usbpool"
zpool create -m none srvpool "$WORK/srvpool.img" || fail "zpool create srvpool"
zfs create -o holdfast:emulator:size=5000000 src/docs || fail "zfs create src/docs"
zfs create -o encryption=on -o keyformat=passphrase -o keylocation=prompt -o holdfast:emulator:size=3000000 src/secret \
    <<<"correct horse battery staple" || fail "zfs create src/secret"

# The ssh the daemon runs: like sshd, it lets in the key whose public half is in $WORK/authorized_keys (which the GUI
# test writes from the assistant's page) and runs that line's forced command, here with the server's configuration.
mkdir -p "$WORK/fake-ssh" "$WORK/server-bin" "$WORK/ssh"
cat >"$WORK/fake-ssh/ssh" <<SSH
#!/bin/bash
echo "ssh \$*" >>"$WORK/ssh.log"
identity=
while [ \$# -gt 0 ]; do
    case \$1 in
    -p | -o) shift 2 ;;
    -i) identity=\$2; shift 2 ;;
    -T) shift ;;
    *) shift ;;
    esac
done
[ -f "\$identity.pub" ] || { echo "fake ssh: no key \$identity" >&2; exit 255; }
line=\$(grep -F "\$(cut -d' ' -f1,2 "\$identity.pub")" "$WORK/authorized_keys" 2>/dev/null) ||
    { echo "Permission denied (publickey)." >&2; exit 255; }
command=\$(sed -n 's/^command="\([^"]*\)".*/\1/p' <<<"\$line")
PATH="$WORK/server-bin:\$PATH" exec sh -c "\$command"
SSH
printf '#!/bin/bash\nexec "%s" --config "%s" "$@"\n' "$HOLDFAST" "$WORK/server.yml" >"$WORK/server-bin/holdfast"
chmod +x "$WORK/fake-ssh/ssh" "$WORK/server-bin/holdfast"
if command -v ssh-keygen >/dev/null; then
    ssh-keygen -q -t ed25519 -N '' -C root@workstation -f "$WORK/ssh/identity" || fail "ssh-keygen"
else
    echo "stand-in private key" >"$WORK/ssh/identity"
    echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHoldfastEndToEnd root@workstation" >"$WORK/ssh/identity.pub"
fi
export PATH="$WORK/fake-ssh:$PATH"

# The emulator sends as fast as a pipe goes; a replication the GUI can watch needs a few seconds: 256 KiB every 50 ms.
# Size estimates (send -n...) pass untouched.
filter_sends '
    binmode STDIN; binmode STDOUT;
    while (($n = sysread(STDIN, $b, 65536)) > 0) {
        syswrite(STDOUT, $b) == $n or exit 1; $t += $n;
        if ($t >= 262144) { $t -= 262144; select(undef, undef, undef, 0.05) }
    }'

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
export HOLDFAST_E2E_WORK="$WORK"
export HOLDFAST_E2E_HOLDFAST="$HOLDFAST"
export HOLDFAST_E2E_SSH_IDENTITY="$WORK/ssh/identity"
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

# What the assistant wrote passes the daemon's own check, on this machine and on the server.
hf configcheck >"$WORK/configcheck.out" 2>&1 || fail "configcheck of the assistant's file: $(cat "$WORK/configcheck.out")"
"$HOLDFAST" --config "$WORK/server.yml" configcheck >"$WORK/configcheck.out" 2>&1 ||
    fail "configcheck of the server's file: $(cat "$WORK/configcheck.out")"
grep -q "name: docs_to_usbpool" "$WORK/holdfast.yml" || fail "the local pair is not in the file"
grep -q "type: ssh+stdinserver" "$WORK/holdfast.yml" || fail "the ssh push is not in the file"
# The replications ran with it: the received snapshots are the sources' (raw for the encrypted one).
for pair in "src/docs usbpool/holdfast" "src/secret srvpool/holdfast"; do
    set -- $pair
    received=$(zfs list -H -o name -t snapshot -r "$2" | grep "/$1@" | head -n 1)
    [ -n "$received" ] || fail "nothing of $1 received under $2: $(zfs list -H -o name -t snapshot -r "$2")"
    [ "$(zfs get -H -p -o value guid "$received")" = "$(zfs get -H -p -o value guid "$1@${received#*@}")" ] ||
        fail "$received does not have the guid of $1@${received#*@}"
done
[ "$(zfs get -H -o value encryption "$(zfs list -H -o name -r srvpool | grep '/src/secret$')")" != off ] ||
    fail "src/secret arrived unencrypted: not a raw send"
grep -q -- "-i $WORK/ssh/identity" "$WORK/ssh.log" && grep -q "root@backup-server" "$WORK/ssh.log" ||
    fail "the push did not go through ssh with the assistant's key: $(cat "$WORK/ssh.log" 2>/dev/null)"
for page in filesystems destination destination-local schedule encryption review applied; do
    [ -s "$(dirname "$FILESYSTEMS_SCREENSHOT")/new-backup-$page.png" ] || fail "no screenshot of the assistant's $page page"
done

# What a file manager runs: the option is offered, and the window stays (until closed) for a path it cannot help with.
"$GUI_BINARY" --help | grep -q -- "--versions <path>" || fail "holdfast-gui --help does not offer --versions"
timeout 5 "$GUI_BINARY" --versions "$WORK/not-on-zfs.txt" 2>"$WORK/versions.log"
status=$?
[ "$status" -eq 124 ] || fail "holdfast-gui --versions ended by itself (status $status): $(cat "$WORK/versions.log")"
echo "PASS: GUI end to end (screenshots: $SCREENSHOT, $FILESYSTEMS_SCREENSHOT, $HOLDS_SCREENSHOT, $FILE_HISTORY_SCREENSHOT, $FILE_DIFF_SCREENSHOT)"
