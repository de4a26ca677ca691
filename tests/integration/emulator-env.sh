# Sourced by the integration tests that run the real daemon on the OpenZFS emulator or on real OpenZFS:
#   source emulator-env.sh HOLDFAST_BINARY EMULATOR_BIN_DIR|kernel WORK_PREFIX
# With EMULATOR_BIN_DIR: skips (exit 77) when the emulator is not built; sets PATH and HOLDFAST_ZFS_EMULATOR_DIR.
# With `kernel`: the kernel's OpenZFS (the test VM of tests/openzfs-vm/); skips where there is none. The tests'
# pools then live in the kernel: ZFS_BACKEND=kernel tells the tests, and the pools named in $WORK/pools are
# destroyed on exit.
# Sets HOLDFAST, WORK (removed on exit, with the daemon killed); defines fail, hf, global_yaml and start_daemon for
# a configuration in $WORK/holdfast.yml.
HOLDFAST=$1
EMULATOR_BIN=$2
if [ "$EMULATOR_BIN" = kernel ]; then
    ZFS_BACKEND=kernel
    if [ ! -e /dev/zfs ] || ! zfs version >/dev/null 2>&1; then
        echo "SKIP: no kernel OpenZFS here (run it in the VM: tests/openzfs-vm/run.sh --zfs 2.1 -- $0 ...)"
        exit 77
    fi
elif [ ! -x "$EMULATOR_BIN/zfs" ]; then
    echo "SKIP: the OpenZFS emulator is not built ($EMULATOR_BIN/zfs)"
    exit 77
else
    ZFS_BACKEND=emulator
fi
WORK=$(mktemp -d "/tmp/$3.XXXXXX")
DAEMON_PID=
cleanup() {
    if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -9 "$DAEMON_PID"
        wait "$DAEMON_PID" 2>/dev/null
    fi
    if [ "$ZFS_BACKEND" = kernel ] && [ -f "$WORK/pools" ]; then
        while read -r pool; do zpool destroy -f "$pool" 2>/dev/null; done <"$WORK/pools"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
# The daemon's state (paused jobs) stays with the test.
export HOLDFAST_STATE_DIR=$WORK/state-dir
if [ "$ZFS_BACKEND" = emulator ]; then
    export PATH="$EMULATOR_BIN:$PATH"
    export HOLDFAST_ZFS_EMULATOR_DIR=$WORK/state
    mkdir -p "$HOLDFAST_ZFS_EMULATOR_DIR"
fi

# make_pool NAME [MOUNTPOINT [SIZE]]: a file-backed pool (a sparse file of SIZE, 512M by default: OpenZFS keeps
# at least 128 MiB of slop space), not mounted unless MOUNTPOINT is given; destroyed on exit.
make_pool() {
    truncate -s "${3:-512M}" "$WORK/$1.img" || fail "truncate $WORK/$1.img"
    zpool create -m "${2:-none}" "$1" "$WORK/$1.img" || fail "zpool create $1"
    echo "$1" >>"$WORK/pools"
}

fail() {
    echo "FAIL: $*" >&2
    if [ -f "$WORK/daemon.log" ]; then
        echo "--- daemon log" >&2
        cat "$WORK/daemon.log" >&2
    fi
    exit 1
}

hf() { "$HOLDFAST" --config "$WORK/holdfast.yml" "$@"; }

# filter_sends PERL_PROGRAM: from now on every `zfs send` of this test and of the daemons it starts writes its stream
# through `perl -e PERL_PROGRAM` (stdin to stdout, binary); size estimates (`send -n...`) pass as they are. For a
# stream slowed down or held at a point (a step that must still be under way when something happens to it).
filter_sends() {
    mkdir -p "$WORK/filtered-zfs"
    printf '%s\n' "$1" >"$WORK/filtered-zfs/send-filter.pl"
    cat >"$WORK/filtered-zfs/zfs" <<ZFS
#!/bin/bash
set -o pipefail
if [ "\$1" = send ]; then
    for arg in "\$@"; do
        [[ \$arg =~ ^-[A-Za-z]*n[A-Za-z]*\$ ]] && exec "$(command -v zfs)" "\$@"
    done
    "$(command -v zfs)" "\$@" | perl "$WORK/filtered-zfs/send-filter.pl"
    exit
fi
exec "$(command -v zfs)" "\$@"
ZFS
    chmod +x "$WORK/filtered-zfs/zfs"
    export PATH="$WORK/filtered-zfs:$PATH"
}

# The start of every test's configuration: human-readable logs on stdout (LEVEL, default info) and the control
# socket $WORK/run/NAME (default control; two daemons need two). The test appends more of `global` or its `jobs:`.
global_yaml() {
    cat <<YAML
global:
  logging:
    - type: stdout
      level: ${1:-info}
      format: human
  control:
    sockpath: $WORK/run/${2:-control}
YAML
}

# push_sink_jobs_yaml FILTER [CONNECT SERVE [EXTRA]]: a push job replicating FILTER ("src<") to a sink under
# dst/sink, snapshots taken only on wake-up, both sides keeping ten; over the local transport unless CONNECT and
# SERVE (flow-style YAML maps) name another; EXTRA is one more line of the push job ("send: {encrypted: true}").
push_sink_jobs_yaml() {
    cat <<YAML
jobs:
  - name: push
    type: push
    connect: ${2:-{type: local, listener_name: backup, client_identity: ws\}}
    filesystems: {"$1": true}
    snapshotting: {type: manual}
    ${4:-}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 10}]
      keep_receiver: [{type: last_n, count: 10}]
  - name: sink
    type: sink
    root_fs: dst/sink
    serve: ${3:-{type: local, listener_name: backup\}}
YAML
}

# The jobs of the tests that replicate one way over the local transport and watch it.
local_push_sink_jobs_yaml() { push_sink_jobs_yaml "$1"; }

# The most bytes a step of the daemon's replication has moved so far, from its status ("" before any).
replicated_bytes() {
    hf status --raw | grep -o '"BytesReplicated":[0-9]*' | cut -d: -f2 | sort -n | tail -n 1
}

# kill_daemon_mid_step BYTES: waits (8 s at most) until a step moved more than BYTES, then kills the daemon with
# SIGKILL, as a crash would (the zfs processes lose their pipes); KILLED_AT is what had moved.
kill_daemon_mid_step() {
    local bytes=
    for _ in $(seq 400); do
        bytes=$(replicated_bytes)
        [ -n "$bytes" ] && [ "$bytes" -gt "$1" ] && break
        sleep 0.02
    done
    [ -n "$bytes" ] && [ "$bytes" -gt 0 ] || fail "no progress before the kill"
    kill -9 "$DAEMON_PID"
    wait "$DAEMON_PID" 2>/dev/null
    DAEMON_PID=
    KILLED_AT=$bytes
    echo "killed after $bytes bytes"
}

# wait_run JOB N: until run N of JOB finished (real OpenZFS under emulation is slow); fails unless it succeeded.
wait_run() {
    local runs
    for _ in $(seq 3000); do
        runs=$(curl -s --unix-socket "$WORK/run/control" http://unix/holdfast/v1/runs)
        jq -e --arg j "$1" --argjson n "$2" '.jobs[] | select(.job == $j and .last_finished >= $n and (.running | not))' <<<"$runs" >/dev/null && break
        sleep 0.1
    done
    jq -e --arg j "$1" --argjson n "$2" '.jobs[] | select(.job == $j and .last_finished >= $n and .last_succeeded)' <<<"$runs" >/dev/null ||
        fail "run $2 of $1 did not succeed: $runs"
}

start_daemon() {
    "$HOLDFAST" --config "$WORK/holdfast.yml" daemon >>"$WORK/daemon.log" 2>&1 &
    DAEMON_PID=$!
    for _ in $(seq 100); do
        # A killed daemon leaves its socket behind: wait for an answer, not for the file.
        hf version --show daemon >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    fail "daemon did not start"
}
