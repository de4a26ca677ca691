#!/usr/bin/env bash
# End to end: `holdfast daemon` on a zrepl configuration in a temporary directory, driven by the `holdfast` CLI
# and by curl over the Unix socket, as a user and as zrepl's own client would.
#   test-cli-daemon.sh HOLDFAST_BINARY SOURCE_DIR
set -uo pipefail
HOLDFAST=$1
SRC=$2
WORK=$(mktemp -d /tmp/holdfast-it.XXXXXX)
DAEMON_PID=
failures=0

cleanup() {
    if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -9 "$DAEMON_PID"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() {
    echo "PASS: $*"
}
# expect EXIT_CODE PATTERN DESCRIPTION -- COMMAND...: runs COMMAND, checks its exit code and that its combined
# output matches PATTERN (grep -E).
expect() {
    local code=$1 pattern=$2 what=$3
    shift 4
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -ne "$code" ]; then
        fail "$what: exit code $rc, expected $code; output: $out"
    elif [ -n "$pattern" ] && ! grep -qE -- "$pattern" <<<"$out"; then
        fail "$what: output does not match /$pattern/: $out"
    else
        pass "$what"
    fi
}

CONFIG=$WORK/holdfast.yml
# No ZFS for this test: whatever the machine has (a zfs-fuse another test started), the jobs see the same thing.
export HOLDFAST_ZFS_BINARY=$WORK/no-zfs-here
export HOLDFAST_ZPOOL_BINARY=$WORK/no-zpool-here
SOCKET=$WORK/run/control
PROMETHEUS_PORT=$((20000 + RANDOM % 20000))
sed -e "s|@RUNDIR@|$WORK/run|g" -e "s|level: info|level: debug|" \
    -e "s|^global:|global:\n  monitoring:\n    - type: prometheus\n      listen: 127.0.0.1:$PROMETHEUS_PORT|" \
    "$SRC/tests/integration/cli-config.yml" >"$CONFIG"
hf() { "$HOLDFAST" --config "$CONFIG" "$@"; }
curl_unix() { curl -sS --max-time 5 --unix-socket "$SOCKET" "$@"; }

start_daemon() {
    "$HOLDFAST" --config "$CONFIG" daemon >>"$WORK/daemon.log" 2>&1 &
    DAEMON_PID=$!
    for _ in $(seq 100); do
        # A killed daemon leaves its socket behind: wait for an answer, not for the file.
        "$HOLDFAST" --config "$CONFIG" version --show daemon >/dev/null 2>&1 && return 0
        kill -0 "$DAEMON_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "daemon did not start:" >&2
    cat "$WORK/daemon.log" >&2
    exit 1
}

# --- without a daemon --------------------------------------------------------------------------------------------
expect 0 "ok, 3 job\(s\): demo_snap, demo_sink, demo_push" "configcheck on the demo config" -- hf configcheck
for sample in "$SRC"/tests/data/config/zrepl-samples/*.yml; do
    expect 0 ": ok, " "configcheck on zrepl sample $(basename "$sample")" -- "$HOLDFAST" --config "$sample" configcheck
done
printf 'jobs:\n  - name: a\n    type: snap\n    filesystems: {"p<": true}\n    snapshotting:\n      type: periodic\n      prefix: x_\n      interval: 10 minutes\n    pruning:\n      keep: []\n' >"$WORK/bad.yml"
expect 1 "bad.yml:8:17: jobs\[0\]\.snapshotting\.interval: " "configcheck names file, line, column and field" -- \
    "$HOLDFAST" --config "$WORK/bad.yml" configcheck
expect 1 "no daemon is running" "status without a daemon" -- hf status
expect 2 "Expected 2 arguments" "signal without arguments" -- hf signal
expect 2 "" "unknown subcommand" -- hf frobnicate
expect 0 "^client: holdfast version=v" "version --show client" -- hf version --show client

# --- with the daemon ---------------------------------------------------------------------------------------------
start_daemon
mode=$(stat -c %a "$SOCKET")
[ "$mode" = 600 ] && pass "socket mode 0600" || fail "socket mode is $mode"
mode=$(stat -c %a "$WORK/run")
[ "$mode" = 700 ] && pass "socket directory mode 0700" || fail "socket directory mode is $mode"

expect 0 "^server: holdfast version=v" "version reaches the daemon" -- hf version
expect 0 '"demo_snap":\{"snap":\{"Pruning":null,"Snapshotting":\{"State":2,"SleepUntil":"[0-9T:.Z-]+","Error":"cannot run no-zfs-here' \
    "status --raw (the snapper waits after its ZFS error, as zrepl's)" -- hf status --raw
expect 0 "Job: demo_snap" "status text" -- hf status
expect 0 "^Job: demo_sink" "status --job" -- hf status --job demo_sink
expect 0 "" "signal wakeup demo_snap" -- hf signal wakeup demo_snap
expect 1 'operation "bogus" is invalid' "signal with a bad operation" -- hf signal bogus demo_snap
expect 1 "Job nosuch does not exist" "signal to a missing job" -- hf signal wakeup nosuch
expect 1 "already woken up" "wakeup of a passive job" -- hf signal wakeup demo_sink

expect 0 '^\{"Version":"v[0-9.]+","RuntimeGOOS":"linux","RuntimeGOARCH":"[a-z0-9]+","RUNTIMECompiler":"gcc' \
    "curl GET /version" -- curl_unix http://unix/version
# zrepl's client: POST /version with the JSON string "" as body.
expect 0 '"Version"' "curl POST /version like zrepl's client" -- curl_unix -X POST -d '""' http://unix/version
expect 0 "^404 page not found$" "curl unknown path" -- curl_unix http://unix/nope
expect 0 "^405$" "curl wrong method" -- curl_unix -o /dev/null -w '%{http_code}' -X DELETE http://unix/status
expect 0 "^unexpected EOF$" "curl undecodable signal" -- curl_unix -X POST -d '{"Name":' http://unix/signal
expect 0 'zrepl_control_request_finished_count\{endpoint="/signal"\} [1-9]' "metrics count requests" -- curl_unix http://unix/metrics
expect 0 'zrepl_control_request_begin\{endpoint="/status"\}' "global.monitoring prometheus listener" -- \
    curl -sS --max-time 5 "http://127.0.0.1:$PROMETHEUS_PORT/metrics"
expect 0 "^400$" "request without Host" -- curl_unix -o /dev/null -w '%{http_code}' -H 'Host:' http://unix/version
expect 0 "^413$" "oversized body" -- curl_unix -o /dev/null -w '%{http_code}' -X POST -H 'Content-Length: 5000000' \
    --data-binary @/dev/null http://unix/signal
expect 0 '"snapjob"|"demo_snap"' "daemon still serves after bad requests" -- curl_unix http://unix/status
# The status feed: the whole status first, then a wait at that version.
FEED=/holdfast/v1/status/changes
expect 0 '^\{"version":[0-9]+,"changes":\[\{"base":0,"version":[0-9]+,"full":\{.*"demo_snap"' \
    "curl status feed since=0" -- curl_unix "http://unix$FEED?since=0&timeout=0"
# To a file first: grep on a pipe would end curl early with SIGPIPE under pipefail.
curl_unix -o "$WORK/feed.json" "http://unix$FEED?since=0&timeout=0"
feed_version=$(sed -E 's/^\{"version":([0-9]+),.*/\1/' "$WORK/feed.json")
# No change within the second: no changes at the same version; else the chain from it (a job may report meanwhile).
expect 0 "^\{\"version\":$feed_version,\"changes\":\[\]\}$|^\{\"version\":[0-9]+,\"changes\":\[\{\"base\":$feed_version," \
    "curl status feed waits at its version" -- curl_unix "http://unix$FEED?since=$feed_version&timeout=1"
expect 0 "^400$" "curl status feed with a malformed since" -- curl_unix -o /dev/null -w '%{http_code}' "http://unix$FEED?since=x"
expect 1 "another daemon is already listening" "second daemon on the same socket" -- hf daemon

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
    chmod 755 "$WORK"
    expect 1 "permission denied on the control socket" "status as an unprivileged user" -- \
        setpriv --reuid=65534 --regid=65534 --clear-groups "$HOLDFAST" --socket "$SOCKET" status
else
    echo "SKIP: permission test needs root and setpriv to switch to an unprivileged user"
fi

if grep -q '\[DEBG\]\[_control\]: start method="GET" url="/version"' "$WORK/daemon.log" \
    && grep -q '\[DEBG\]\[_control\]: finish method="POST" url="/signal"' "$WORK/daemon.log"; then
    pass "daemon logs every control request at debug level"
else
    fail "control requests missing from the debug log"
fi

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
rc=$?
[ "$rc" -eq 0 ] && pass "daemon exits 0 on SIGTERM" || fail "daemon exit code $rc on SIGTERM"
DAEMON_PID=
[ ! -e "$SOCKET" ] && pass "socket removed on exit" || fail "socket left behind"

# A daemon killed hard leaves its socket; the next one replaces it.
start_daemon
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=
[ -S "$SOCKET" ] && pass "stale socket left by a killed daemon" || fail "expected a stale socket"
expect 1 "no daemon is listening" "status on a stale socket" -- hf status
start_daemon
expect 0 "^server: " "a new daemon replaces the stale socket" -- hf version
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed; daemon log:" >&2
    cat "$WORK/daemon.log" >&2
    exit 1
fi
echo "all checks passed"
