#!/usr/bin/env bash
# build-image.sh --zfs 2.1|2.3 [--rebuild]
#
# Builds (once per machine) what the OpenZFS VM boots for one ZFS series, and prints the image's directory:
#   - Debian 12's own kernel (linux-image, downloaded and extracted, never installed) and the modules its
#     initramfs needs;
#   - the ZFS kernel modules built from Debian's zfs-dkms source against that kernel's headers, stripped;
#   - the ZFS userland (zfsutils-linux and its libraries), extracted.
# The packages come from a private apt configuration (lib.sh). OpenZFS is never installed on this machine: it
# would conflict with zfs-fuse, which the other suites use.
# Exit status 77: this machine cannot build the image (no apt, no package); the reason is on stderr.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

series="" rebuild=0
while [ $# -gt 0 ]; do
    case "$1" in
    --zfs) series=${2:-}; shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    *) hfvm_die "unknown argument '$1' (usage: build-image.sh --zfs 2.1|2.3 [--rebuild])" 2 ;;
    esac
done
suite=$(hfvm_series_suite "$series") || hfvm_die "--zfs takes 2.1 or 2.3, not '$series'" 2
[ "$(id -u)" -eq 0 ] || hfvm_skip "building the OpenZFS VM needs root (apt-get and the kernel headers)"
command -v apt-get >/dev/null || hfvm_skip "no apt-get: the OpenZFS VM is built from Debian's packages"

mkdir -p "$HFVM_CACHE"
exec 8>"$HFVM_CACHE/.lock-$series"
flock 8 # another build of the same series (a parallel test) waits here instead of building twice

started=$SECONDS
# The private lists serve both series: their builds (parallel tests) take turns at apt.
exec 7>"$HFVM_CACHE/.lock-apt"
flock 7
# Offline, or with the mirror down, an image already built still serves; only a first build needs the network.
use_cached_or_skip() {
    local cached
    if [ $rebuild -eq 0 ] && cached=$(hfvm_cached_image "$series"); then
        hfvm_log "warning: $1; using the image built before: $cached"
        echo "$cached"
        exit 0
    fi
    hfvm_skip "$1"
}
hfvm_apt_update || use_cached_or_skip "the private apt configuration could not read Debian's contrib and backports"
krel=$(hfvm_kernel_release) || use_cached_or_skip "no Debian 12 kernel (linux-image-amd64 6.1) in the package lists"
debver=$(hfvm_candidate zfs-dkms "$series" "$suite")
[ -n "$debver" ] || use_cached_or_skip "no zfs-dkms $series.* in $suite contrib"
image=$HFVM_CACHE/$(hfvm_image_name "$krel" "$debver")
if [ -f "$image/complete" ] && [ $rebuild -eq 0 ]; then
    echo "$image"
    exit 0
fi
hfvm_log "building the image for OpenZFS $debver on Linux $krel (the module build takes 10-20 minutes)"

# Host tools: qemu to boot, busybox and cpio for the initramfs, the headers and compiler for the modules.
needed=(qemu-system-x86 busybox-static cpio kmod build-essential "linux-headers-$krel")
missing=()
for p in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    hfvm_log "installing on this machine: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get "${HFVM_APT_OPTS[@]}" install -y -qq --no-install-recommends \
        "${missing[@]}" >"$HFVM_CACHE/apt-install.log" 2>&1 ||
        { tail -n 20 "$HFVM_CACHE/apt-install.log" >&2; hfvm_skip "could not install ${missing[*]}"; }
fi

# Downloads: apt-get download writes to the current directory.
debs=$HFVM_CACHE/debs
mkdir -p "$debs"
download() { # PACKAGE=VERSION
    local name=${1%%=*} ver=${1#*=} f
    f=$(ls "$debs/${name}_${ver//:/%3a}_"*.deb 2>/dev/null | head -n 1 || true)
    if [ -z "$f" ]; then
        (cd "$debs" && apt-get "${HFVM_APT_OPTS[@]}" download -qq "$1" >&2) || hfvm_skip "could not download $1"
        f=$(ls "$debs/${name}_${ver//:/%3a}_"*.deb | head -n 1)
    fi
    echo "$f"
}
kver=$(apt-cache "${HFVM_APT_OPTS[@]}" show "linux-image-$krel" | awk '/^Version:/ { print $2; exit }')
kernel_deb=$(download "linux-image-$krel=$kver")
libs=$(apt-cache "${HFVM_APT_OPTS[@]}" show "zfsutils-linux=$debver" |
    awk '/^Depends:/ { print; exit }' | grep -o 'lib[a-z0-9]*linux[0-9]*' | sort -u || true)
userland_debs=()
for p in zfsutils-linux $libs; do
    userland_debs+=("$(download "$p=$debver")")
done
dkms_deb=$(download "zfs-dkms=$debver")
flock -u 7 # the module build needs apt no more

work=$(mktemp -d "$HFVM_CACHE/.build-$series.XXXXXX")
trap 'rm -rf "$work"' EXIT
new=$work/image
mkdir -p "$new"

# The kernel, its modules (those the initramfs loads, and those ZFS depends on), and a depmod'ed module tree
# with the ZFS modules in updates/.
dpkg-deb -x "$kernel_deb" "$work/kernel"
cp "$work/kernel/boot/vmlinuz-$krel" "$new/vmlinuz"
modtree=$new/modules/lib/modules/$krel
mkdir -p "$modtree"
cp -a "$work/kernel/lib/modules/$krel/." "$modtree/"
rm -f "$modtree"/modules.{alias,dep,symbols,devname,softdep}*
mkdir -p "$modtree/updates/zfs"

# The ZFS modules from Debian's dkms source, configured for the kernel only (the userland comes from the .deb).
dpkg-deb -x "$dkms_deb" "$work/dkms"
src=$(echo "$work"/dkms/usr/src/zfs-*)
[ -x "$src/configure" ] || hfvm_die "zfs-dkms $debver has no configure script in /usr/src"
hdr_common=$(readlink -f "/lib/modules/$krel/source" 2>/dev/null || true)
[ -d "$hdr_common" ] || hdr_common=/usr/src/linux-headers-${krel%-amd64}-common
hfvm_log "configuring zfs $debver against $krel"
t=$SECONDS
(cd "$src" && ./configure --with-config=kernel --with-linux="$hdr_common" \
    --with-linux-obj="/usr/src/linux-headers-$krel") >"$work/configure.log" 2>&1 ||
    { tail -n 30 "$work/configure.log" >&2; hfvm_die "configure of the zfs $debver modules failed"; }
hfvm_log "configured in $((SECONDS - t)) s; building the modules"
t=$SECONDS
make -C "$src" -j"$(nproc)" >"$work/make.log" 2>&1 ||
    { tail -n 30 "$work/make.log" >&2; hfvm_die "the build of the zfs $debver modules failed"; }
hfvm_log "modules built in $((SECONDS - t)) s"
find "$src/module" -name '*.ko' -exec cp {} "$modtree/updates/zfs/" \;
[ -f "$modtree/updates/zfs/zfs.ko" ] || hfvm_die "the zfs $debver build made no zfs.ko"
# Debug info makes zfs.ko 60-90 MB; stripped it is about 9 MB, and loads in seconds under emulation.
strip --strip-debug "$modtree/updates/zfs/"*.ko
# The guest loads nothing but ZFS (whose only kernel dependencies are in lib/, crypto/ and fs/) after the
# initramfs: the rest of the tree (drivers, sound, net: most of its 400 MB) stays out of the cache.
find "$modtree/kernel" -mindepth 1 -maxdepth 1 ! -name lib ! -name crypto ! -name fs ! -name arch -exec rm -rf {} +
depmod -b "$new/modules" "$krel"

# The userland: zfs, zpool, zdb and their libraries, laid over the guest's root at boot.
mkdir -p "$new/userland"
for d in "${userland_debs[@]}"; do
    dpkg-deb -x "$d" "$new/userland"
done
rm -rf "$new/userland/usr/share/doc" "$new/userland/usr/share/man"

# The modules the initramfs loads to mount the host's tree over virtio-9p; run.sh packs them with init.sh and
# busybox at every boot, so that a change to init.sh needs no new image.
mkdir -p "$new/initramfs"
kmods=$work/kernel/lib/modules/$krel/kernel
for m in drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_legacy_dev \
    drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci drivers/char/hw_random/virtio-rng \
    fs/netfs/netfs fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p fs/overlayfs/overlay; do
    if [ -f "$kmods/$m.ko" ]; then
        cp "$kmods/$m.ko" "$new/initramfs/"
    elif [ -f "$kmods/$m.ko.xz" ]; then
        xz -dc "$kmods/$m.ko.xz" >"$new/initramfs/$(basename "$m").ko"
    fi # else built into this kernel
    basename "$m" >>"$new/initramfs/order"
done

cat >"$new/info" <<EOF
kernel=$krel
kernel_package=$kver
zfs_package=$debver
zfs_series=$series
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
build_seconds=$((SECONDS - started))
EOF
touch "$new/complete"
rm -rf "$image"
mv "$new" "$image"
hfvm_log "image ready in $((SECONDS - started)) s: $image ($(du -sh "$image" | cut -f1))"
echo "$image"
