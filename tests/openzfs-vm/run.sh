#!/usr/bin/env bash
# run.sh --zfs 2.1|2.3 [--out DIR] [--rebuild] [--timeout S] [--boot-timeout S] [--mem MiB] [--verbose]
#        -- COMMAND [ARGS...]
# run.sh --zfs 2.1|2.3 --shell     an interactive bash on the VM's console, in this terminal
#
# Boots Debian 12's kernel under qemu (software emulation: no KVM needed) with real OpenZFS of that series loaded,
# and runs COMMAND in it as root:
#   - the guest's root is this machine's whole tree, read-only, with a tmpfs over it: the repository and the build
#     trees are at the same paths, and what the guest writes outside $OUT vanishes at power-off;
#   - zfs and zpool on PATH are the image's, /tmp is an empty tmpfs (make pools there), loopback is up;
#   - the environment is this shell's (less PATH, HOME, TMPDIR, the display and the ssh agent), the working
#     directory this one; $OUT is writable and is DIR on this machine (a temporary directory without --out);
#   - COMMAND's output streams here, through the VM's console.
# Exit status: COMMAND's. 77: the VM cannot run on this machine (the reason is printed). 124: the VM did not boot,
# the module did not load, or the command outlived --timeout; the console's last lines are printed.
# The image is built on first use (build-image.sh) and cached; --rebuild builds it again.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() { hfvm_die "usage: run.sh --zfs 2.1|2.3 [--out DIR] [--rebuild] [--timeout S] [--boot-timeout S] [--mem MiB] [--verbose] -- COMMAND [ARGS...] | --shell" 2; }
series="" out="" rebuild=() timeout=${HOLDFAST_OPENZFS_VM_TIMEOUT:-3600} boot_timeout=240 mem=3072 verbose=0 shell=0
while [ $# -gt 0 ]; do
    case "$1" in
    --zfs) series=${2:-}; shift 2 ;;
    --out) out=${2:-}; shift 2 ;;
    --rebuild) rebuild=(--rebuild); shift ;;
    --timeout) timeout=${2:-}; shift 2 ;;
    --boot-timeout) boot_timeout=${2:-}; shift 2 ;;
    --mem) mem=${2:-}; shift 2 ;;
    --verbose) verbose=1; shift ;;
    --shell) shell=1; shift ;;
    --) shift; break ;;
    *) usage ;;
    esac
done
if [ $shell -eq 1 ]; then
    [ $# -eq 0 ] || usage
    [ -t 0 ] || hfvm_die "--shell needs a terminal" 2
    set -- bash -il
elif [ $# -eq 0 ]; then
    usage
fi
hfvm_series_suite "$series" >/dev/null || hfvm_die "--zfs takes 2.1 or 2.3, not '$series'" 2
command -v qemu-system-x86_64 >/dev/null || [ "$(id -u)" -eq 0 ] ||
    hfvm_skip "qemu-system-x86_64 is not installed, and only root may install it"

# The guest mounts its own tmpfs on /tmp: a tree, a build or a file below the host's /tmp is not there. Say so
# before booting, rather than let the command fail with "No such file or directory" inside.
for path in "$PWD" "$@"; do
    case $path in
    /tmp | /tmp/*)
        [ "$path" = "$PWD" ] || [ -e "$path" ] || continue  # a path the command makes in the guest's /tmp
        hfvm_die "$path is below /tmp, which the VM does not share (it has its own /tmp): use a checkout and build directory elsewhere" 2 ;;
    esac
done

# An image already built is used as it is, without asking apt; otherwise (or with --rebuild) build-image.sh
# fetches and builds one, and says why it could not.
image=""
[ ${#rebuild[@]} -gt 0 ] || image=$(hfvm_cached_image "$series" || true)
if [ -z "$image" ]; then
    image=$("$HFVM_DIR/build-image.sh" --zfs "$series" "${rebuild[@]}")
fi
command -v qemu-system-x86_64 >/dev/null || hfvm_skip "qemu-system-x86_64 is not installed"

run=$(mktemp -d "${TMPDIR:-/tmp}/holdfast-openzfs-vm.XXXXXX")
qemu_pid=""
cleanup() {
    if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
        kill "$qemu_pid" 2>/dev/null || true
    fi
    rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ctl=$run/ctl
mkdir -p "$ctl"
if [ -n "$out" ]; then
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
else
    out=$run/out
    mkdir -p "$out"
fi
cp "$HFVM_DIR/guest.sh" "$ctl/guest.sh"
echo "$image" >"$ctl/image"
pwd >"$ctl/cwd"
printf '%s\0' "$@" >"$ctl/argv"
env -0 >"$ctl/env"
console=$run/console.log

# The initramfs: busybox as PID 1 running init.sh, with the image's virtio and 9p modules (about 2 MB, packed in
# a fraction of a second).
[ -x /bin/busybox ] || hfvm_skip "busybox is not installed (Debian package busybox-static)"
mkdir -p "$run/initramfs/"{bin,mods,proc,sys,dev,lower,rw,newroot}
cp /bin/busybox "$run/initramfs/bin/busybox"
install -m 755 "$HFVM_DIR/init.sh" "$run/initramfs/init"
cp "$image/initramfs/." "$run/initramfs/mods/" -a
(cd "$run/initramfs" && find . | cpio -o -H newc --quiet | gzip -1 >"$run/initramfs.gz")

# One mount tag per share: the host's root read-only (multidevs=remap: it spans several filesystems), the run's
# control directory, and $OUT, mounted by guest.sh's caller at /hfvm/out.
mkdir -p "$ctl/out"
# One vCPU: the tests are mostly one `zfs` process after another, and two VMs with two vCPUs each on a 2-core
# machine (ctest -j2) spend their time waiting for each other's descheduled vCPUs (a guest spinlock held by a vCPU
# that is not running): the conformance scenarios took 140 s per VM that way, 45 s with one vCPU each, and 52 s
# in one VM alone with two. HOLDFAST_OPENZFS_VM_SMP sets another count.
qemu=(qemu-system-x86_64 -accel tcg,thread=multi -cpu max -smp "${HOLDFAST_OPENZFS_VM_SMP:-1}" -m "$mem"
    -nographic -no-reboot -nic none -device virtio-rng-pci
    -kernel "$image/vmlinuz" -initrd "$run/initramfs.gz"
    -append "console=ttyS0 quiet loglevel=3 panic=-1"
    -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap,id=hostroot"
    -virtfs "local,path=$ctl,mount_tag=hfvmctl,security_model=none,id=hfvmctl"
    -virtfs "local,path=$out,mount_tag=hfvmout,security_model=none,id=hfvmout"
    -pidfile "$run/qemu.pid")

# The console: all of it to console.log; from the command's start on, to this terminal too. One awk does it all
# and flushes every line: a `tr` or `tee` in between would hold the output back in its pipe buffer.
# mawk (Debian's awk) reads a pipe in blocks unless told it is interactive.
awk_lines=(awk)
awk -W version 2>&1 | grep -q mawk && awk_lines=(awk -W interactive)
show_from_start() {
    # The firmware's screen clearing has no newline: the marker may follow escape sequences on its line.
    "${awk_lines[@]}" -v verbose="$verbose" -v logfile="$console" '
        { sub(/\r$/, ""); print >> logfile; fflush(logfile) }
        verbose || (started && !finished) { print; fflush() }
        /HFVM: command exited/ { finished = 1 }
        !started && /HFVM: OpenZFS .* loaded/ {
            started = 1
            if (!verbose) { sub(/.*HFVM:/, "HFVM:"); print; fflush() }
        }'
}
hfvm_log "booting $(sed -n 's/^zfs_package=/OpenZFS /p' "$image/info") on Linux $(sed -n 's/^kernel=//p' "$image/info")"
if [ $shell -eq 1 ]; then
    # The console is this terminal (qemu puts it in raw mode); guest.sh gives the shell the console as its
    # controlling terminal. Ctrl-A X stops the VM from outside.
    touch "$ctl/interactive"
    "${qemu[@]}" -serial mon:stdio || true
    [ -f "$ctl/rc" ] && exit "$(cat "$ctl/rc")"
    exit 124
fi
timeout --kill-after=10 "$timeout" "${qemu[@]}" -monitor none -serial stdio </dev/null 2>&1 | show_from_start &
pipeline=$!
# The watchdog: a VM that has not loaded the module within the boot timeout is stopped, not waited on forever.
# Its output goes nowhere: a sleep left holding this script's stdout would keep a reader (ctest, a pipe) waiting.
(
    exec >/dev/null 2>&1
    sleep "$boot_timeout" &
    wait $!
    if [ ! -e "$ctl/started" ] && [ ! -e "$ctl/failed" ]; then
        echo boot >"$run/timed-out"
        pkill -F "$run/qemu.pid" || true
    fi
) &
watchdog=$!
wait "$pipeline" || true
pkill -P "$watchdog" sleep 2>/dev/null || true
kill "$watchdog" 2>/dev/null || true
wait "$watchdog" 2>/dev/null || true

if [ -f "$ctl/rc" ]; then
    exit "$(cat "$ctl/rc")"
fi
if [ -f "$ctl/failed" ]; then
    reason="the VM failed to start: $(cat "$ctl/failed")"
elif [ -f "$run/timed-out" ]; then
    reason="the VM did not load OpenZFS within $boot_timeout s"
elif [ -f "$ctl/started" ]; then
    reason="the command did not finish within $timeout s (or the VM stopped under it)"
else
    reason="the VM stopped before loading OpenZFS"
fi
{
    echo "openzfs-vm: error: $reason. The console's last lines:"
    tail -n 40 "$console" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1bc//g; s/^/    /'
} >&2
exit 124
