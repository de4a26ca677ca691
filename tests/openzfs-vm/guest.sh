#!/bin/bash
# The guest side of run.sh, run as PID 1 inside the VM's root (see init.sh). It lays the image's ZFS userland and
# modules over the host's tree, loads the module, then runs the host's command with the host's environment, in
# the host's working directory, and leaves its exit status in /hfvm/rc. run.sh copies this file into the run's
# control directory, next to `image` (the image's path), `cwd`, `env` and `argv` (NUL-separated).
say() { echo "HFVM: $*"; }
power_off() {
    sync
    echo o >/proc/sysrq-trigger
    sleep 60
}
fail() {
    say "FAILED: $*"
    printf '%s\n' "$*" >/hfvm/failed
    power_off
}
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
image=$(cat /hfvm/image)
krel=$(uname -r)
[ -d "$image/modules/lib/modules/$krel" ] || fail "the image has no modules for the running kernel $krel"
# zfsutils-linux 2.x installs into /sbin and /lib (usrmerge makes them /usr/...): laid over zfs-fuse's zfs and
# zpool, in the tmpfs only.
# One top-level directory at a time, with a trailing slash, so that the host's /sbin -> usr/sbin links are
# followed rather than replaced.
for d in "$image"/userland/*; do
    cp -a "$d/." "/${d##*/}/" || fail "could not lay the ZFS userland's /${d##*/} over the root"
done
mkdir -p "/lib/modules/$krel"
mount --bind "$image/modules/lib/modules/$krel" "/lib/modules/$krel"
modprobe zfs 2>/hfvm/modprobe.err || {
    dmesg | tail -n 20
    fail "modprobe zfs failed: $(cat /hfvm/modprobe.err)"
}
[ -e /dev/zfs ] || fail "the zfs module loaded but /dev/zfs did not appear"
# zfs-fuse's zfs has no `version`: this fails if it, not the image's, is first on PATH.
zfs version 2>&1 | grep -q "^zfs-kmod-" ||
    fail "the zfs command on PATH ($(command -v zfs)) is not the image's: $(zfs version 2>&1 | tr '\n' ' ')"
version=$(cat /sys/module/zfs/version)
hostname "openzfs-${version//[^a-zA-Z0-9]/-}"
touch /hfvm/started
say "OpenZFS $(cat /sys/module/zfs/version) loaded after $(cut -d' ' -f1 /proc/uptime) s; running the command"

# The host's environment, less what belongs to the host's session or machine.
while IFS= read -r -d '' kv; do
    case "${kv%%=*}" in
    PATH | HOME | TMPDIR | PWD | OLDPWD | SHLVL | _ | DISPLAY | XAUTHORITY | DBUS_SESSION_BUS_ADDRESS | \
        XDG_RUNTIME_DIR | SSH_AUTH_SOCK | SSH_CONNECTION | SSH_CLIENT | SSH_TTY | TERM) ;;
    *) export "$kv" ;;
    esac
done </hfvm/env
export HOME=/root TMPDIR=/tmp TERM=dumb OUT=/hfvm/out HOLDFAST_OPENZFS_VM=$(cat /sys/module/zfs/version)
argv=()
while IFS= read -r -d '' a; do argv+=("$a"); done </hfvm/argv
cd "$(cat /hfvm/cwd)" 2>/dev/null || cd /tmp
# A child, not exec: PID 1 must outlive the command to report its status and power the machine off.
if [ -f /hfvm/interactive ]; then
    # run.sh --shell: the console becomes the shell's controlling terminal (job control, Ctrl-C).
    setsid -c -w "${argv[@]}" </dev/ttyS0 >/dev/ttyS0 2>&1
else
    "${argv[@]}" </dev/null
fi
rc=$?
echo "$rc" >/hfvm/rc.tmp && mv /hfvm/rc.tmp /hfvm/rc
say "command exited with status $rc"
power_off
