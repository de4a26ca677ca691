#!/usr/bin/env bash
# The demo behind `./dev.sh run`: a daemon on a sample configuration in a temporary directory, shown through the
# command-line client. Everything it creates goes away when it ends.
set -euo pipefail
BUILD_DIR=${1:-build-release}
HOLDFAST="$PWD/$BUILD_DIR/daemon/holdfast"

DEMO_DIR=$(mktemp -d /tmp/holdfast-demo.XXXXXX)
DAEMON_PID=
cleanup() {
    if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill "$DAEMON_PID"
        wait "$DAEMON_PID" 2>/dev/null || true
    fi
    rm -rf "$DEMO_DIR"
}
trap cleanup EXIT

CONFIG="$DEMO_DIR/holdfast.yml"
sed "s|@RUNDIR@|$DEMO_DIR/run|g" scripts/demo-config.yml >"$CONFIG"

echo "==> holdfast configcheck"
"$HOLDFAST" --config "$CONFIG" configcheck

echo "==> starting the daemon (log: $DEMO_DIR/daemon.log)"
"$HOLDFAST" --config "$CONFIG" daemon >"$DEMO_DIR/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 50); do
    [ -S "$DEMO_DIR/run/control" ] && break
    sleep 0.1
done

echo "==> holdfast version"
"$HOLDFAST" --config "$CONFIG" version
echo "==> holdfast signal wakeup demo_snap"
"$HOLDFAST" --config "$CONFIG" signal wakeup demo_snap
echo "==> holdfast status"
"$HOLDFAST" --config "$CONFIG" status
echo "==> the same over plain HTTP: curl --unix-socket $DEMO_DIR/run/control http://unix/status"
curl -s --unix-socket "$DEMO_DIR/run/control" http://unix/status
echo "==> metrics (first lines)"
curl -s --unix-socket "$DEMO_DIR/run/control" http://unix/metrics | grep -v '^#' | head -n 5
echo "==> demo done; stopping the daemon"
