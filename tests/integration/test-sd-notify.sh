#!/bin/bash
# The daemon as a systemd Type=notify service: with NOTIFY_SOCKET set it sends READY=1 only once its control
# socket answers, RELOADING=1 then READY=1 around a reload (SIGHUP), and STOPPING=1 when it is told to stop. A Unix datagram socket stands in for systemd. Also
# checks installer/holdfast.service with systemd-analyze where it is installed.
#   test-sd-notify.sh HOLDFAST_BINARY EMULATOR_BIN_DIR UNIT_FILE
set -uo pipefail
UNIT=$3
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-sdnotify
command -v python3 >/dev/null || { echo "SKIP: python3 is needed for the stand-in notify socket"; exit 77; }

zpool create -m none src "$WORK/src.img" || fail "zpool create"
{ global_yaml; cat <<YAML; } >"$WORK/holdfast.yml"
jobs:
  - name: snap
    type: snap
    filesystems: {"src<": true}
    snapshotting: {type: manual}
    pruning:
      keep: [{type: last_n, count: 5}]
YAML

# The stand-in for systemd: records every datagram, one per line, and notes whether the control socket answered
# at the moment READY=1 arrived.
python3 - "$WORK/notify" "$WORK/messages" "$HOLDFAST" "$WORK/holdfast.yml" <<'PY' &
import socket, subprocess, sys
path, out, holdfast, config = sys.argv[1:5]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(30)
with open(out, "w") as f:
    while True:
        try:
            data = s.recv(4096).decode()
        except socket.timeout:
            break
        f.write(data.replace("\n", " | ") + "\n")
        if "READY=1" in data:
            ok = subprocess.run([holdfast, "--config", config, "version", "--show", "daemon"],
                                capture_output=True).returncode == 0
            f.write("control socket answered at READY: %s\n" % ok)
        f.flush()
        if "STOPPING=1" in data:
            break
PY
LISTENER=$!
for _ in $(seq 50); do [ -S "$WORK/notify" ] && break; sleep 0.1; done
[ -S "$WORK/notify" ] || fail "the stand-in notify socket did not appear"

NOTIFY_SOCKET="$WORK/notify" "$HOLDFAST" --config "$WORK/holdfast.yml" daemon >>"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 100); do grep -q "READY=1" "$WORK/messages" 2>/dev/null && break; sleep 0.1; done
grep -q "READY=1 | STATUS=running 1 job(s)" "$WORK/messages" || fail "no READY=1 with its status: $(cat "$WORK/messages")"
for _ in $(seq 50); do grep -q "control socket answered" "$WORK/messages" && break; sleep 0.1; done
grep -q "control socket answered at READY: True" "$WORK/messages" || fail "READY=1 came before the control socket answered"

# A reload (SIGHUP, as `kill -HUP` and systemd's Type=notify-reload send it) is framed by RELOADING=1 and READY=1;
# with an invalid file the daemon keeps its jobs and says so in its status line.
sed -i 's/count: 5/count: 6/' "$WORK/holdfast.yml"
kill -HUP "$DAEMON_PID"
for _ in $(seq 100); do [ "$(grep -c "READY=1" "$WORK/messages")" -ge 2 ] && break; sleep 0.1; done
grep -q "RELOADING=1 | MONOTONIC_USEC=[0-9]* | STATUS=reloading the configuration" "$WORK/messages" \
    || fail "no RELOADING=1 on SIGHUP: $(cat "$WORK/messages")"
[ "$(grep -c "READY=1 | STATUS=running 1 job(s)" "$WORK/messages")" -ge 2 ] || fail "no READY=1 after the reload: $(cat "$WORK/messages")"
echo "jobs: [ {name: broken" >"$WORK/holdfast.yml"
kill -HUP "$DAEMON_PID"
for _ in $(seq 100); do grep -q "configuration not reloaded" "$WORK/messages" && break; sleep 0.1; done
grep -q "READY=1 | STATUS=running 1 job(s); configuration not reloaded: $WORK/holdfast.yml:[0-9]*:[0-9]*:" "$WORK/messages" \
    || fail "an invalid file on SIGHUP did not end in READY=1 with the problem: $(cat "$WORK/messages")"
kill -0 "$DAEMON_PID" || fail "the daemon died on SIGHUP with an invalid file"
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
code=$?
DAEMON_PID=
[ "$code" -eq 0 ] || fail "the daemon exited with $code on SIGTERM"
wait "$LISTENER"
grep -q "STOPPING=1" "$WORK/messages" || fail "no STOPPING=1: $(cat "$WORK/messages")"

# Without NOTIFY_SOCKET nothing changes: the daemon starts as before (the other integration tests run it so).
if command -v systemd-analyze >/dev/null; then
    # Only the unit's own syntax and settings: the binary paths it names are not installed here.
    out=$(systemd-analyze verify "$UNIT" 2>&1 | grep -v "is not executable\|No such file\|Command /usr/bin/holdfast" || true)
    [ -z "$out" ] || fail "systemd-analyze verify $UNIT: $out"
fi
echo "PASS: READY=1 after the control socket, RELOADING=1/READY=1 around a reload, STOPPING=1 on SIGTERM"
