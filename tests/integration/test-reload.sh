#!/usr/bin/env bash
# Live reload on the OpenZFS emulator. A push job replicates a large filesystem; in the middle of its step the file
# is rewritten (the push and sink jobs reformatted, moved and commented but unchanged, a snap job removed, another
# added) and the daemon gets SIGHUP: the replication goes on in the same attempt and succeeds, the removed job is
# gone, the added one runs. An invalid file leaves everything running and names its line and column. A change to the
# push job during a run waits for the run to end, then restarts the job; with restart "now" it restarts at once and
# the next run resumes the interrupted receive.
#   test-reload.sh HOLDFAST_BINARY EMULATOR_BIN_DIR|kernel
set -uo pipefail
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-reload
command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 77; }

api() { curl -s --unix-socket "$WORK/run/control" "$@"; }
status() { api http://holdfast/status; }
attempts() { status | jq -r '.push.push.Replication.Attempts | length'; }
attempt_start() { status | jq -r '.push.push.Replication.Attempts[0].StartAt'; }
# Through the socket the daemon listens on, whatever the file says by now.
replicated_bytes() { status | grep -o '"BytesReplicated":[0-9]*' | cut -d: -f2 | sort -n | tail -n 1; }
jobs_listed() { status | jq -r 'keys | map(select(startswith("_") | not)) | join(",")'; }
wait_log() { # PATTERN [COUNT]: until the daemon's log has COUNT (1) lines matching PATTERN
    for _ in $(seq 1200); do
        [ "$(grep -c -- "$1" "$WORK/daemon.log")" -ge "${2:-1}" ] && return 0
        sleep 0.05
    done
    fail "the log never said: $1"
}
# zfs recv is given a moment to end on its own after its input closes, so the partial state of a receive that was
# stopped shows up a little after the job is gone: wait for it, and say so if the step had finished instead.
wait_token() { # DATASET WHAT
    local token=
    for _ in $(seq 400); do
        token=$(zfs get -H -o value receive_resume_token "$1" 2>/dev/null)
        [ -n "$token" ] && [ "$token" != "-" ] && return 0
        sleep 0.05
    done
    if zfs list -H -o name "$1@one" >/dev/null 2>&1; then
        fail "no resume token $2: the step had already finished ($1@one arrived whole)"
    fi
    fail "no resume token $2 (${token:-the dataset is missing}): $(zfs list -H -r -t all -o name dst 2>&1 | tr '\n' ' ')"
}
RELOADS=0
wait_reload() { # until the daemon logged the next "configuration reloaded"
    RELOADS=$((RELOADS + 1))
    wait_log "configuration reloaded" "$RELOADS"
}
# SIGHUP for a changed push job, then a wakeup for it. A push still at work (pruning after a step that arrived) is
# restarted when idle: the wakeup goes to the job that runs after the restart, not to the one that ends.
reload_push_and_wake() {
    local restarts
    restarts=$(grep -c "job restarted with its new settings: its work is done" "$WORK/daemon.log")
    kill -HUP "$DAEMON_PID"
    wait_reload
    if grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1 | grep -q 'restart_when_idle="push"'; then
        wait_log "job restarted with its new settings: its work is done" $((restarts + 1))
    fi
    api -X POST -d '{"Name":"push","Op":"wakeup"}' http://holdfast/signal >/dev/null || fail "wakeup"
}
wait_bytes() { # N: until the running step moved more than N bytes (at most 3 minutes: a status call in the VM is slow)
    local bytes= deadline=$((SECONDS + 180))
    while [ "$SECONDS" -lt "$deadline" ]; do
        bytes=$(replicated_bytes)
        [ -n "$bytes" ] && [ "$bytes" -gt "$1" ] && return 0
        sleep 0.02
    done
    fail "the step did not move past $1 bytes (at ${bytes:-nothing})"
}

# A filesystem whose full stream is still on its way when the reload comes: 200 MB on the emulator, 32 MB of random
# (incompressible) data on real OpenZFS under emulation (a few seconds there).
if [ "$ZFS_BACKEND" = kernel ]; then
    make_pool src "$WORK/mnt/src" 1G
    make_pool dst none 1G
    STEP_BYTES=1000000
else
    make_pool src
    make_pool dst
    STEP_BYTES=5000000
fi
make_big() {
    if [ "$ZFS_BACKEND" = kernel ]; then
        zfs create "$1" || fail "zfs create $1"
        head -c 32000000 /dev/urandom >"$WORK/mnt/$1/data" || fail "writing $1"
    else
        zfs create -o holdfast:emulator:size=200000000 "$1" || fail "zfs create $1"
    fi
}
# A step that must still be under way when a reload lands is held at a gate: on the emulator a 200 MB step takes
# about 2 s, and on real OpenZFS under emulation the 32 MB one a few, either as long as a reload on a loaded
# machine (CI's 2.1 run once saw the step arrive whole before the sink was removed). `zfs send` goes through a
# filter that stops writing once it has written more than the number in $WORK/send-gate, until the file goes (size
# estimates, `send -n`, pass as they are).
filter_sends '
    binmode STDIN; binmode STDOUT; my $gate = "'"$WORK"'/send-gate"; my $sent = 0;
    while ((my $n = sysread(STDIN, my $b, 65536)) > 0) {
        while (open(my $g, "<", $gate)) { my $limit = <$g>; close $g; last if $sent < $limit; select(undef, undef, undef, 0.05) }
        syswrite(STDOUT, $b) == $n or exit 1; $sent += $n;
    }'
hold_sends() { # BYTES: a send that has written more than BYTES waits until release_sends
    echo "$1" >"$WORK/send-gate"
}
release_sends() { rm -f "$WORK/send-gate"; }

make_big src/big
zfs snapshot src/big@one || fail "zfs snapshot"

jobs_v1() {
    cat <<YAML
jobs:
  - name: push
    type: push
    connect: {type: local, listener_name: backup, client_identity: ws}
    filesystems: {"src/big": true}
    snapshotting: {type: manual}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 10}]
      keep_receiver: [{type: last_n, count: ${1:-10}}]
  - name: sink
    type: sink
    root_fs: dst/sink
    serve: {type: local, listener_name: backup}
  - name: hourly
    type: snap
    filesystems: {"src<": true}
    snapshotting: {type: manual}
    pruning:
      keep: [{type: last_n, count: 24}]
YAML
}
# The same push and sink jobs written another way, in another order, with comments; "hourly" removed, "daily" added.
jobs_v2() {
    cat <<YAML
# Edited while the daemon runs.
jobs:
  - name: daily   # new
    type: snap
    filesystems: {"src<": true}
    snapshotting: {type: manual}
    pruning:
      keep: [{type: last_n, count: 7}]
  - type: sink
    name: sink
    serve:
      type: local
      listener_name: backup
    root_fs: "dst/sink"
  # The laptop's backup.
  - name: push
    type: push
    connect:
      type: local
      listener_name: backup
      client_identity: ws
    filesystems:
      "src/big": true
    snapshotting:
      type: manual
    pruning:
      keep_sender:
        - type: not_replicated
        - {type: last_n, count: 10}
      keep_receiver:
        - type: last_n
          count: ${1:-10}
YAML
}

{ global_yaml; jobs_v1; } >"$WORK/holdfast.yml"
start_daemon
[ "$(jobs_listed)" = "hourly,push,sink" ] || fail "jobs at start: $(jobs_listed)"
hold_sends $((2 * STEP_BYTES))
hf signal wakeup push || fail "wakeup"
wait_bytes "$STEP_BYTES"
start_at=$(attempt_start)

# 1. SIGHUP in the middle of the step, with the push and sink jobs unchanged in substance.
{ global_yaml; jobs_v2; } >"$WORK/holdfast.yml"
kill -HUP "$DAEMON_PID"
wait_reload
grep "configuration reloaded" "$WORK/daemon.log" | grep -q 'added="daily" removed="hourly" restarted="none" restart_when_idle="none" unchanged="sink, push"'  \
    || fail "the reload did not keep push and sink: $(grep "configuration reloaded" "$WORK/daemon.log")"
[ "$(jobs_listed)" = "daily,push,sink" ] || fail "jobs after the reload: $(jobs_listed)"
release_sends
# The step goes on: more bytes, or (on a slow machine, where it may end before this looks) the run done in the
# same attempt, checked below.
before=$(replicated_bytes)
deadline=$((SECONDS + 180))
until now=$(replicated_bytes); [ "${now:-0}" -gt "${before:-0}" ] || grep -q 'finished replication and pruning invocation="1"' "$WORK/daemon.log"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "the step stopped after the reload at $before bytes"
    sleep 0.05
done
[ "$(attempts)" = 1 ] && [ "$(attempt_start)" = "$start_at" ] || fail "the replication was restarted by the reload: $(status | jq -c .push)"
hf signal wakeup daily || fail "the added job does not take signals"
wait_run push 1
[ "$(zfs get -H -p -o value guid dst/sink/ws/src/big@one)" = "$(zfs get -H -p -o value guid src/big@one)" ] \
    || fail "src/big@one did not arrive"
grep -q "aborted" "$WORK/daemon.log" && fail "something was aborted: $(grep aborted "$WORK/daemon.log")"
echo "unchanged jobs kept their replication through SIGHUP; hourly stopped, daily started"

# Parts 2-4 are the daemon's own logic (an invalid file, a changed job waiting for its run, global settings): on
# real OpenZFS, where a part costs minutes, only the parts that keep or cut a real receive run (1, 5, 6).
if [ "$ZFS_BACKEND" != kernel ] || [ -n "${HOLDFAST_OPENZFS_ALL_CASES:-}" ]; then
# 2. An invalid file: nothing changes, the problem is logged with its position, the daemon goes on serving.
cp "$WORK/holdfast.yml" "$WORK/good.yml"
sed -i 's/count: 7}/count: seven}/' "$WORK/holdfast.yml"
line=$(grep -n "count: seven" "$WORK/holdfast.yml" | cut -d: -f1)
kill -HUP "$DAEMON_PID"
wait_log "configuration not reloaded"
grep "configuration not reloaded" "$WORK/daemon.log" | grep -q "holdfast.yml:$line:[0-9]*: jobs\[0\].pruning.keep\[0\].count" \
    || fail "the refusal does not name line $line: $(grep "configuration not reloaded" "$WORK/daemon.log")"
kill -0 "$DAEMON_PID" || fail "the daemon died on an invalid file"
# The same through the CLI (what `systemctl reload` runs): exit 1 with the position; and `holdfast status` says so.
out=$(hf reload 2>&1)
[ $? -eq 1 ] || fail "holdfast reload of an invalid file did not exit 1: $out"
grep -q "holdfast.yml:$line:[0-9]*: jobs\[0\].pruning.keep\[0\].count" <<<"$out" || fail "holdfast reload did not name the position: $out"
out=$(hf status 2>&1) || fail "holdfast status with an invalid file: $out"
grep -q "Configuration not reloaded at .*holdfast.yml:$line:" <<<"$out" || fail "holdfast status does not report the failed reload: $out"
[ "$(jobs_listed)" = "daily,push,sink" ] || fail "jobs after an invalid file: $(jobs_listed)"
cp "$WORK/good.yml" "$WORK/holdfast.yml"
echo "an invalid file left the jobs running and named line $line"

# 3. The push job changed during a run: it restarts when the run is done, not before.
make_big src/big2
zfs snapshot src/big2@one || fail "zfs snapshot"
sed -i 's|"src/big": true|"src/big": true\n      "src/big2": true|' "$WORK/holdfast.yml"
kill -HUP "$DAEMON_PID"
wait_reload
grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1 | grep -q 'restarted="push"' || fail "an idle changed job was not restarted at once"
hold_sends $((2 * STEP_BYTES))
hf signal wakeup push || fail "wakeup"
wait_bytes "$STEP_BYTES"
{ global_yaml; jobs_v2 11; } >"$WORK/holdfast.yml"
sed -i 's|"src/big": true|"src/big": true\n      "src/big2": true|' "$WORK/holdfast.yml"
kill -HUP "$DAEMON_PID"
wait_reload
grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1 | grep -q 'restarted="none" restart_when_idle="push"'  \
    || fail "a busy changed job was not left to finish: $(grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1)"
[ "$(attempts)" = 1 ] || fail "the running replication was disturbed"
release_sends
# The job object is replaced right after its run: its run counter starts again, so the run is judged by its data.
wait_log "job restarted with its new settings: its work is done"
grep -q "aborted" "$WORK/daemon.log" && fail "something was aborted: $(grep aborted "$WORK/daemon.log")"
[ "$(zfs get -H -p -o value guid dst/sink/ws/src/big2@one)" = "$(zfs get -H -p -o value guid src/big2@one)" ] \
    || fail "src/big2@one did not arrive"
echo "a changed push job finished its run, then restarted"

# 4. Global settings: a Prometheus listener starts without a restart; a new control socket path waits for one (the
# daemon keeps answering where it listens, and says so).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
{ global_yaml debug; echo "  monitoring: [{type: prometheus, listen: \"127.0.0.1:$port\"}]"; jobs_v2 11; } >"$WORK/holdfast.yml"
sed -i 's|"src/big": true|"src/big": true\n      "src/big2": true|; s|sockpath: .*|sockpath: '"$WORK"'/run/elsewhere|' "$WORK/holdfast.yml"
kill -HUP "$DAEMON_PID"
wait_reload
grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1 \
    | grep -q 'unchanged="daily, sink, push" global_applied="global.logging, global.monitoring" global_needs_restart="global.control.sockpath"' \
    || fail "global changes: $(grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1)"
grep -q "some global settings take effect at the daemon's next start.*global.control.sockpath" "$WORK/daemon.log" \
    || fail "no warning about the socket path"
curl -sf "http://127.0.0.1:$port/metrics" >"$WORK/metrics" || fail "the Prometheus listener did not start on :$port"
grep -q "^zrepl_daemon_log_entries" "$WORK/metrics" || fail "no metrics on :$port: $(head -c 300 "$WORK/metrics")"
api http://holdfast/version >/dev/null || fail "the control socket stopped answering at its path"
grep -q "\[DEBG\]" "$WORK/daemon.log" || fail "the debug level was not taken"
echo "monitoring and logging changed live; the socket path waits for a restart"
fi

# 5. The sink removed while the push replicates through it: the push's run is aborted first (it holds the sink's
# receiver), the sink stops, the daemon serves on; with the sink back, the next run resumes the partial receive.
make_big src/big3
zfs snapshot src/big3@one || fail "zfs snapshot"
sed -i 's|"src/big": true|"src/big": true\n      "src/big3": true|' "$WORK/holdfast.yml"
cp "$WORK/holdfast.yml" "$WORK/with-sink.yml"
hold_sends $((2 * STEP_BYTES))
reload_push_and_wake
wait_bytes "$STEP_BYTES"
python3 - "$WORK/holdfast.yml" <<'PY' || fail "removing the sink from the file"
import re, sys
path = sys.argv[1]
text = open(path).read()
start = text.index("  - type: sink")
end = text.index("  # The laptop's backup.")
open(path, "w").write(text[:start] + text[end:])
PY
kill -HUP "$DAEMON_PID"
wait_reload
grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1 | grep -q 'removed="sink"' || fail "the sink was not removed"
grep -q "replication aborted: the local job it replicates through restarts or was removed" "$WORK/daemon.log" \
    || fail "the push was not stopped before its sink"
[ "$(jobs_listed)" = "daily,push" ] || fail "jobs without the sink: $(jobs_listed)"
wait_token dst/sink/ws/src/big3 "after the sink stopped"
release_sends
cp "$WORK/with-sink.yml" "$WORK/holdfast.yml"
kill -HUP "$DAEMON_PID"
wait_reload
api -X POST -d '{"Name":"push","Op":"wakeup"}' http://holdfast/signal >/dev/null || fail "wakeup"
for _ in $(seq 1200); do
    [ "$(zfs get -H -p -o value guid dst/sink/ws/src/big3@one 2>/dev/null)" = "$(zfs get -H -p -o value guid src/big3@one)" ] && break
    sleep 0.1
done
[ "$(zfs get -H -p -o value guid dst/sink/ws/src/big3@one 2>/dev/null)" = "$(zfs get -H -p -o value guid src/big3@one)" ] \
    || fail "src/big3@one did not arrive after the sink came back"
grep -q 'start step step="src/big3@one (full)" resumed="true"' "$WORK/daemon.log" || fail "the receive was not resumed"
echo "a sink removed mid-step stopped its push first; back again, the push resumed"

# 6. `holdfast reload --now`: a changed job restarts at once, its run aborted; the next run resumes the receive.
zfs snapshot src/big3@two || fail "zfs snapshot"
make_big src/big4
zfs snapshot src/big4@one || fail "zfs snapshot"
sed -i 's|"src/big3": true|"src/big3": true\n      "src/big4": true|' "$WORK/holdfast.yml"
hold_sends $((2 * STEP_BYTES))
reload_push_and_wake
for _ in $(seq 1500); do grep -q 'start step step="src/big4@one (full)"' "$WORK/daemon.log" && break; sleep 0.02; done
wait_bytes "$STEP_BYTES"
sed -i -E 's/^(          count: )[0-9]+$/\112/' "$WORK/holdfast.yml"  # keep_receiver's last_n
out=$("$HOLDFAST" --config "$WORK/holdfast.yml" --socket "$WORK/run/control" reload --now 2>&1) || fail "reload --now: $out"
grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1 | grep -q 'restarted="push" restart_when_idle="none"' \
    || fail "reload --now did not restart the busy job: $(grep "configuration reloaded" "$WORK/daemon.log" | tail -n 1)"
wait_token dst/sink/ws/src/big4 "after the restart"
release_sends
api -X POST -d '{"Name":"push","Op":"wakeup"}' http://holdfast/signal >/dev/null || fail "wakeup"
for _ in $(seq 1200); do
    [ "$(zfs get -H -p -o value guid dst/sink/ws/src/big4@one 2>/dev/null)" = "$(zfs get -H -p -o value guid src/big4@one)" ] && break
    sleep 0.1
done
[ "$(zfs get -H -p -o value guid dst/sink/ws/src/big4@one 2>/dev/null)" = "$(zfs get -H -p -o value guid src/big4@one)" ] \
    || fail "src/big4@one did not arrive after the restart"
grep -q 'start step step="src/big4@one (full)" resumed="true"' "$WORK/daemon.log" || fail "the receive was not resumed after --now"
echo "reload --now restarted the busy push at once; its next run resumed"

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=
echo "PASS: reload keeps unchanged jobs running, stops removed ones, starts added ones, refuses invalid files"
