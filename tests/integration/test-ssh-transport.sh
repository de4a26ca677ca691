#!/usr/bin/env bash
# The ssh+stdinserver transport end to end, on the OpenZFS emulator: daemon A serves a sink job over stdinserver,
# daemon B pushes to it through a private sshd whose authorized_keys runs `holdfast stdinserver client1` as the
# forced command of B's key. Checked: the first (full) and a second (incremental) replication arrive with the
# source's guids, the step holds are released and the last-received hold and replication cursor are in place, the
# status of B shows the attempts done with bytes replicated; a push job whose ssh key is not authorized fails
# planning with an ssh error while both daemons keep running; nothing (daemons, sshd, ssh, stdinserver) is left.
#   test-ssh-transport.sh HOLDFAST_BINARY EMULATOR_BIN_DIR
# Exit 0: pass, 77: skipped (the reason printed), 1: failure.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/integration/emulator-env.sh
source "$HERE/emulator-env.sh" "$1" "$2" holdfast-ssh
# shellcheck source=tests/integration/sshd-env.sh
source "$HERE/sshd-env.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 (to read holdfast status --raw) not installed"; exit 77; }
# The forced command runs with sshd's environment and working directory: absolute paths only.
HOLDFAST=$(cd "$(dirname "$HOLDFAST")" && pwd)/$(basename "$HOLDFAST")
EMULATOR_BIN=$(cd "$EMULATOR_BIN" && pwd)
START=$SECONDS

SINK_PID=
PUSH_PID=
# Replaces emulator-env.sh's cleanup (the EXIT trap calls it by name, after sshd_stop): both daemons and whatever
# they started (ssh, zfs) end by their PIDs.
cleanup() {
    local pid pids
    # shellcheck disable=SC2086 # empty when not running
    pids=$(_sshd_descendants $PUSH_PID $SINK_PID)
    # shellcheck disable=SC2086
    for pid in $PUSH_PID $SINK_PID $pids; do
        kill -9 "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
}

fail() {
    local f
    echo "FAIL: $*" >&2
    for f in "$WORK/sink.log" "$WORK/push.log" "$WORK/stdinserver.log" "${SSHD_LOG:-}"; do
        if [ -s "$f" ]; then
            echo "--- $f" >&2
            tail -n 150 "$f" >&2
        fi
    done
    exit 1
}

hfa() { "$HOLDFAST" --config "$WORK/sink.yml" "$@"; }
hfb() { "$HOLDFAST" --config "$WORK/push.yml" "$@"; }

# start_holdfast CONFIG LOG: starts a daemon, sets STARTED_PID once it answers on its control socket.
start_holdfast() {
    "$HOLDFAST" --config "$1" daemon >>"$2" 2>&1 &
    STARTED_PID=$!
    for _ in $(seq 100); do
        "$HOLDFAST" --config "$1" version --show daemon >/dev/null 2>&1 && return 0
        kill -0 "$STARTED_PID" 2>/dev/null || fail "the daemon of $1 exited"
        sleep 0.05
    done
    fail "the daemon of $1 did not start"
}

# stop_holdfast PID NAME: SIGTERM, and the daemon must be gone within 10 s.
stop_holdfast() {
    kill -TERM "$1" 2>/dev/null || fail "the $2 daemon is not running any more"
    for _ in $(seq 200); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "$1" 2>/dev/null && fail "the $2 daemon did not stop within 10 s of SIGTERM"
    wait "$1" 2>/dev/null
}

# job_state JOB: one line of the job's replication and pruning state from `holdfast status --raw` of daemon B:
#   ATTEMPT_STATE ATTEMPTS BYTES PRUNING_SENDER PRUNING_RECEIVER STEP_TARGETS|ERRORS
# ("-" for what is not there yet); ERRORS are the plan and step errors of the attempts, separated by " ## ".
job_state() {
    hfb status --raw 2>/dev/null | python3 -c '
import json, sys
job = sys.argv[1]
try:
    doc = json.load(sys.stdin)
except ValueError:
    print("- 0 0 - - -|status not readable"); sys.exit(0)
entry = doc.get(job) or {}
spec = entry.get(entry.get("type")) or {}
def state(x):
    return (x or {}).get("State") or "-"
repl = spec.get("Replication") or {}
attempts = repl.get("Attempts") or []
last = attempts[-1] if attempts else {}
nbytes = 0
targets = []
errors = []
for a in attempts:
    if a.get("PlanError"):
        errors.append("plan: " + a["PlanError"].get("Err", ""))
    for fs in a.get("Filesystems") or []:
        for key in ("PlanError", "StepError"):
            if fs.get(key):
                errors.append("%s %s: %s" % (fs.get("Info", {}).get("Name"), key, fs[key].get("Err", "")))
for fs in last.get("Filesystems") or []:
    for step in fs.get("Steps") or []:
        info = step.get("Info") or {}
        nbytes += info.get("BytesReplicated") or 0
        targets.append(info.get("To") or "?")
print(state(last), len(attempts), nbytes, state(spec.get("PruningSender")), state(spec.get("PruningReceiver")),
      ",".join(targets) or "-", end="|")
print(" ## ".join(e.replace("\n", " ") for e in errors))
' "$1"
}

# wait_round JOB SNAPSHOT: waits (60 s at most) until the job's last attempt is done with a step to SNAPSHOT and
# both prunings are done, or an attempt failed; sets STATE to the last job_state.
wait_round() {
    local deadline=$((SECONDS + 60))
    while [ "$SECONDS" -lt "$deadline" ]; do
        STATE=$(job_state "$1")
        case $STATE in
        *"|"?*) return 0 ;;  # errors
        done\ *"$2"*\|) [ "$(cut -d' ' -f4,5 <<<"$STATE")" = "Done Done" ] && return 0 ;;
        esac
        sleep 0.2
    done
    return 0
}

guid() { zfs get -H -p -o value guid "$1" 2>/dev/null; }

# --- pools and data
zpool create -m none src "$WORK/src.img" || fail "zpool create src"
zpool create -m none dst "$WORK/dst.img" || fail "zpool create dst"
zfs create -o holdfast:emulator:size=4000000 src/home || fail "zfs create src/home"
zfs create src/home/child || fail "zfs create src/home/child"
zfs snapshot -r src/home@snap1 || fail "zfs snapshot @snap1"
zfs snapshot -r src/home@snap2 || fail "zfs snapshot @snap2"
# What the push job with the unauthorized key would replicate.
zfs create src/other || fail "zfs create src/other"
zfs snapshot src/other@one || fail "zfs snapshot src/other@one"

# --- sshd, whose only key runs the stdinserver bridge to daemon A's client1 socket
SOCKDIR=$WORK/run/stdinserver
forced="env PATH=$EMULATOR_BIN:/usr/sbin:/usr/bin:/sbin:/bin HOLDFAST_ZFS_EMULATOR_DIR=$HOLDFAST_ZFS_EMULATOR_DIR"
forced="$forced $HOLDFAST stdinserver --config $WORK/sink.yml client1 2>>$WORK/stdinserver.log"
sshd_start "$WORK/sshd" "$forced" || fail "sshd_start"
ssh-keygen -q -t ed25519 -N '' -C holdfast-test-unauthorized -f "$WORK/unauthorized_ed25519" || fail "ssh-keygen"

# --- daemon A: the sink
{ global_yaml debug sink-control; cat <<YAML; } >"$WORK/sink.yml"
  serve:
    stdinserver:
      sockdir: $SOCKDIR
jobs:
  - name: sink
    type: sink
    root_fs: dst/sink
    serve:
      type: stdinserver
      client_identities: [client1]
YAML

# --- daemon B: the push over ssh+stdinserver, and one with a key the sshd does not know
push_job() {
    cat <<YAML
  - name: $1
    type: push
    connect:
      type: ssh+stdinserver
      host: 127.0.0.1
      user: root
      port: $SSHD_PORT
      identity_file: $2
      options:
        - "UserKnownHostsFile=$SSH_KNOWN_HOSTS"
        - "StrictHostKeyChecking=yes"
        - "IdentitiesOnly=yes"
    filesystems: {"$3<": true}
    snapshotting: {type: manual}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 10}]
      keep_receiver: [{type: last_n, count: 10}]
YAML
}
{
    global_yaml debug push-control
    echo "jobs:"
    push_job push "$SSH_CLIENT_KEY" src/home
    push_job unauthorized "$WORK/unauthorized_ed25519" src/other
} >"$WORK/push.yml"

hfa configcheck >"$WORK/configcheck.out" 2>&1 || fail "configcheck sink.yml: $(cat "$WORK/configcheck.out")"
hfb configcheck >"$WORK/configcheck.out" 2>&1 || fail "configcheck push.yml: $(cat "$WORK/configcheck.out")"
start_holdfast "$WORK/sink.yml" "$WORK/sink.log"
SINK_PID=$STARTED_PID
[ -S "$SOCKDIR/client1" ] || fail "daemon A does not listen on $SOCKDIR/client1"
start_holdfast "$WORK/push.yml" "$WORK/push.log"
PUSH_PID=$STARTED_PID

# --- 1: the full replication over ssh
hfb signal wakeup push || fail "wakeup push"
wait_round push snap2
echo "round 1: $STATE"
case $STATE in
*"|"?*) fail "the first replication failed: ${STATE#*|}" ;;
done\ *) ;;
*) fail "the first replication did not finish within 60 s: $STATE" ;;
esac
for fs in src/home src/home/child; do
    # As zrepl, the first replication sends only the newest snapshot.
    g=$(guid "$fs@snap2")
    [ -n "$g" ] || fail "no guid for $fs@snap2"
    [ "$(guid "dst/sink/client1/$fs@snap2")" = "$g" ] ||
        fail "dst/sink/client1/$fs@snap2 missing or with another guid than the source's ($g)"
    for snap in snap1 snap2; do
        if zfs holds -H "$fs@$snap" | grep -q zrepl_STEP; then
            fail "step hold left on $fs@$snap: $(zfs holds -H "$fs@$snap")"
        fi
    done
    zfs holds -H "dst/sink/client1/$fs@snap2" | grep -q zrepl_last_received_J_sink ||
        fail "no last-received hold on dst/sink/client1/$fs@snap2: $(zfs holds -H "dst/sink/client1/$fs@snap2")"
    zfs list -H -o name -t bookmark "$fs" | grep -q "$fs#zrepl_CURSOR_G_.*_J_push" ||
        fail "no replication cursor on $fs: $(zfs list -H -o name -t bookmark "$fs")"
done
bytes1=$(cut -d' ' -f3 <<<"$STATE")
[ "$bytes1" -gt 4000000 ] || fail "BytesReplicated of the first round is $bytes1, not above the 4 MB of src/home"
human=$(hfb status 2>&1)
if ! grep -q "Status: done" <<<"$human" || ! grep -Eq "src/home +DONE" <<<"$human"; then
    fail "holdfast status of B does not show the attempt done: $human"
fi
grep -q "Accepted publickey for root" "$SSHD_LOG" || fail "the replication did not go through the test's sshd"

# --- 2: an incremental round
zfs snapshot -r src/home@snap3 || fail "zfs snapshot @snap3"
hfb signal wakeup push || fail "second wakeup push"
wait_round push snap3
echo "round 2: $STATE"
case $STATE in
*"|"?*) fail "the incremental replication failed: ${STATE#*|}" ;;
done\ *) ;;
*) fail "the incremental replication did not finish within 60 s: $STATE" ;;
esac
for fs in src/home src/home/child; do
    [ "$(guid "dst/sink/client1/$fs@snap3")" = "$(guid "$fs@snap3")" ] ||
        fail "dst/sink/client1/$fs@snap3 missing or with another guid than the source's"
    if zfs holds -H "$fs@snap3" | grep -q zrepl_STEP; then fail "step hold left on $fs@snap3"; fi
    zfs holds -H "dst/sink/client1/$fs@snap3" | grep -q zrepl_last_received_J_sink ||
        fail "the last-received hold did not move to dst/sink/client1/$fs@snap3"
    if zfs holds -H "dst/sink/client1/$fs@snap2" | grep -q zrepl_last_received_J_sink; then
        fail "the last-received hold on dst/sink/client1/$fs@snap2 was not released"
    fi
done
bytes2=$(cut -d' ' -f3 <<<"$STATE")
targets2=$(cut -d'|' -f1 <<<"$STATE" | cut -d' ' -f6)
[ "$bytes2" -gt 0 ] || fail "BytesReplicated of the incremental round is $bytes2"
[ "$bytes2" -lt "$bytes1" ] || fail "the second round sent $bytes2 bytes, not less than the full $bytes1: not incremental?"
grep -q "snap2" <<<"$targets2" && fail "the second round replicated snap2 again: $targets2"

# --- 3: a key sshd does not know: planning fails with ssh's error, both daemons keep running
hfb signal wakeup unauthorized || fail "wakeup unauthorized"
deadline=$((SECONDS + 30))
while [ "$SECONDS" -lt "$deadline" ]; do
    STATE=$(job_state unauthorized)
    case $STATE in *"|"?*) break ;; esac
    sleep 0.2
done
echo "unauthorized: $STATE"
errors=${STATE#*|}
[ -n "$errors" ] || fail "no error for the push job with the unauthorized key within 30 s: $STATE"
case $STATE in
planning-error\ * | planning\ *) ;;  # planning, while it retries after the error
*) fail "the unauthorized push is not in planning/planning-error: $STATE" ;;
esac
grep -q "^plan: .*ssh" <<<"${errors// ## /$'\n'}" || fail "the planning error does not mention ssh: $errors"
grep -q "Permission denied" <<<"$errors" || fail "the planning error does not say why ssh failed: $errors"
zfs list -H -o name dst/sink/client1/src/other >/dev/null 2>&1 && fail "src/other arrived with an unauthorized key"
grep -q "Failed publickey for root\|Connection closed by authenticating user root\|no matching\|Received disconnect" \
    "$SSHD_LOG" || fail "sshd did not see the unauthorized key"
hfb version --show daemon >/dev/null 2>&1 || fail "daemon B does not answer after the refusal"
hfa version --show daemon >/dev/null 2>&1 || fail "daemon A does not answer after the refusal"
[ "$(job_state push | cut -d' ' -f1)" = "done" ] || fail "the push job's status changed: $(job_state push)"

# --- 4: stop everything; nothing of the test may run afterwards
stop_holdfast "$PUSH_PID" push
PUSH_PID=
stop_holdfast "$SINK_PID" sink
SINK_PID=
sshd_stop
left=
for _ in $(seq 50); do
    left=$(pgrep -af -- "$WORK")
    [ -z "$left" ] && break
    sleep 0.1
done
[ -z "$left" ] || fail "processes left after stopping the daemons and sshd: $left"
[ ! -S "$SOCKDIR/client1" ] || echo "NOTE: the stdinserver socket $SOCKDIR/client1 is left after daemon A stopped"
echo "PASS: ssh+stdinserver: full ($bytes1 bytes) and incremental ($bytes2 bytes) push between two daemons," \
    "unauthorized key refused in planning, nothing left running ($((SECONDS - START)) s)"
