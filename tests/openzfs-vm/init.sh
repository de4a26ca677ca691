#!/bin/busybox sh
# PID 1 of the OpenZFS VM's initramfs (busybox). It makes the guest's root: the host's whole tree read-only over
# virtio-9p, with a tmpfs laid over it so that the guest may write (its writes vanish at power-off), and the run's
# control directory read-write at /hfvm. Then PID 1 itself chroots into it and runs the guest side of run.sh.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
say() { echo "HFVM: $*" >/dev/console; }
fail() {
    say "FAILED: $*"
    echo o >/proc/sysrq-trigger
    sleep 60
}
while read -r m; do
    [ -f "/mods/$m.ko" ] || continue
    insmod "/mods/$m.ko" || say "insmod $m failed"
done </mods/order
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up
mkdir -p /lower /rw /newroot
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /lower ||
    fail "could not mount the host's tree over virtio-9p"
mount -t tmpfs -o size=80% tmpfs /rw
mkdir -p /rw/upper /rw/work
mount -t overlay overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work /newroot ||
    fail "could not lay the tmpfs over the host's tree"
mount -t proc proc /newroot/proc
mount -t sysfs sys /newroot/sys
mount -t devtmpfs dev /newroot/dev
mkdir -p /newroot/dev/pts /newroot/dev/shm /newroot/run /newroot/hfvm /newroot/tmp
# What udev would add: bash's process substitution needs /dev/fd.
ln -s /proc/self/fd /newroot/dev/fd
ln -s /proc/self/fd/0 /newroot/dev/stdin
ln -s /proc/self/fd/1 /newroot/dev/stdout
ln -s /proc/self/fd/2 /newroot/dev/stderr
mount -t devpts devpts /newroot/dev/pts
mount -t tmpfs tmpfs /newroot/dev/shm
mount -t tmpfs tmpfs /newroot/run
# /tmp holds the test pools' files: tmpfs, so that it is not the overlay's copy-up path for every write.
mount -t tmpfs -o size=80%,mode=1777 tmpfs /newroot/tmp
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 hfvmctl /newroot/hfvm ||
    fail "could not mount the run's control directory"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 hfvmout /newroot/hfvm/out ||
    fail "could not mount \$OUT"
# exec, not a child chroot: the kernel threads that open file-backed vdevs resolve paths from PID 1's root, so
# `zpool create` on a file fails unless PID 1 itself is in the new root.
exec chroot /newroot /bin/bash /hfvm/guest.sh
