#!/usr/bin/env bash
# Runs a command on a D-Bus session bus of its own (dbus-run-session), so that a test may own
# org.freedesktop.Notifications without touching the desktop session's. Skips (77) where there is no
# dbus-run-session, or where it cannot start a bus daemon.
#   with-session-bus.sh COMMAND [ARGS...]
set -uo pipefail

command -v dbus-run-session >/dev/null || { echo "SKIP: dbus-run-session is not installed (package dbus)"; exit 77; }
if ! out=$(dbus-run-session -- true 2>&1); then
    echo "SKIP: dbus-run-session cannot start a session bus: $out"
    exit 77
fi
exec dbus-run-session -- "$@"
