# Shared by dev.sh and the scripts it calls.

# What building needs.
# qt6-tools-dev and qt6-l10n-tools: Qt Linguist for the GUI's translations.
# libsystemd-dev: sd_notify for the systemd unit's Type=notify.
# help2man: the man pages; dpkg-dev (dpkg-shlibdeps) and file: what cpack needs for the packages' Depends.
BUILD_PACKAGES=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-tools-dev qt6-l10n-tools libyaml-cpp-dev
    prometheus-cpp-dev zlib1g-dev libsystemd-dev help2man dpkg-dev file)
# What the demo needs besides the build (zfs-fuse only serves where the kernel has no ZFS module; the demo checks).
# libqt6svg6 draws the GUI's SVG icons.
RUN_PACKAGES=(curl libqt6svg6)
# What the tests need: clang for libFuzzer, curl for the raw socket checks, zfs-fuse as the real-ZFS test backend.
# openssh-server/openssl for the ssh and tls transports; xvfb, xauth and dbus for the GUI's end-to-end tests;
# lintian, desktop-file-utils and appstream to check the Debian packages.
# qemu-system-x86, busybox-static, cpio and kmod boot real OpenZFS in the test VM (tests/openzfs-vm/; the kernel
# headers it builds the modules against are installed by its build-image.sh, which knows their version); jq reads
# the daemon's status in the OpenZFS replication suite.
# prometheus: promtool and the prometheus server for the alerting rules' tests (tests/monitoring/); its own service
# is stopped and disabled after install_packages installs it (see quiet_prometheus_service).
# python3-nautilus: Nautilus' API, which the file manager actions' test runs holdfast-gui's Nautilus extension on.
TEST_PACKAGES=(clang-14 libclang-rt-14-dev curl zfs-fuse openssh-server openssh-client openssl libqt6svg6 xvfb xauth
    dbus lintian desktop-file-utils appstream qemu-system-x86 busybox-static cpio kmod build-essential jq prometheus
    python3-nautilus)

RELEASE_BUILD_DIR=${HOLDFAST_BUILD_DIR:-build-release}
TEST_BUILD_DIR=${HOLDFAST_TEST_BUILD_DIR:-build-test}
JOBS=${HOLDFAST_JOBS:-$(nproc)}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "need root to run: $*" >&2
        return 1
    fi
}

install_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    # De-duplicate while keeping the order.
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
    echo "==> installing: ${missing[*]}"
    # Another apt (unattended-upgrades, a second terminal) may hold the lock: wait for it rather than fail.
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        --no-install-recommends "${missing[@]}"
    if printf '%s\n' "${missing[@]}" | grep -qx prometheus; then
        quiet_prometheus_service
    fi
}

# Debian's prometheus package starts and enables a system Prometheus on :9090 (through systemd, or through its
# init.d script where systemd does not run, e.g. in a CI container without a policy-rc.d). The tests only need the
# binaries and start their own on a free loopback port: when install_packages has just installed the package, its
# service is stopped and disabled, so nothing is left listening and it does not come back at boot.
quiet_prometheus_service() {
    echo "==> stopping and disabling the prometheus service the package started (the tests run their own)"
    if [ -d /run/systemd/system ]; then
        as_root systemctl disable --now prometheus.service >/dev/null 2>&1 || true
    else
        if [ -x /etc/init.d/prometheus ]; then
            as_root /etc/init.d/prometheus stop >/dev/null 2>&1 || true
        fi
        as_root update-rc.d prometheus disable >/dev/null 2>&1 || true
        # The postinst's deb-systemd-helper enabled the unit for a later boot with systemd.
        as_root deb-systemd-helper disable prometheus.service >/dev/null 2>&1 || true
    fi
}

build_release() {
    echo "==> building (RelWithDebInfo) in $RELEASE_BUILD_DIR"
    cmake -S . -B "$RELEASE_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DHOLDFAST_BUILD_TESTS=OFF -DHOLDFAST_BUILD_BENCH=OFF >/dev/null
    cmake --build "$RELEASE_BUILD_DIR" -j "$JOBS"
}
