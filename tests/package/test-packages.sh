#!/usr/bin/env bash
# The Debian packages as a user gets them: cpack builds holdfast and holdfast-gui from a built tree, lintian finds
# no error, the contents and control fields are what installer/CMakeLists.txt promises, and an install works
# (group, conffile, CLI, man pages, desktop file, metainfo, GUI help without a display, the monitoring rules and
# dashboard, the file managers' actions) and a purge leaves nothing.
#   test-packages.sh BUILD_DIR SOURCE_DIR
# Needs root and must not meet an installed holdfast package (it would replace it): skips (77) otherwise.
set -euo pipefail

BUILD_DIR=$(realpath "$1")
SOURCE_DIR=$(realpath "$2")

skip() {
    echo "SKIP: $*"
    exit 77
}
step() { echo "==> $*"; }
ok() { echo "ok: $*"; }
note() { echo "note: $*"; }
fail() {
    echo "FAIL: $*"
    exit 1
}

[ "$(id -u)" -eq 0 ] || skip "needs root to install and purge the packages"
for tool in dpkg dpkg-deb dpkg-shlibdeps file cpack lintian; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done
for package in holdfast holdfast-gui; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    if [ -n "$status" ] && [ "$status" != "not-installed" ]; then
        skip "package $package is on this machine ($status); the test would replace and purge it"
    fi
done
[ -f "$BUILD_DIR/CPackConfig.cmake" ] || fail "no $BUILD_DIR/CPackConfig.cmake (is installer/ configured?)"

WORK=$(mktemp -d /tmp/holdfast-packages.XXXXXX)
INSTALLED=
SERVICE_PID=
DESKTOP_USER=
MADE_RUNDIR=
MADE_GROUP=
getent group holdfast >/dev/null || MADE_GROUP=1
cleanup() {
    local rc=$?
    set +e
    if [ -n "$SERVICE_PID" ]; then
        kill "$SERVICE_PID" 2>/dev/null
        wait "$SERVICE_PID" 2>/dev/null
    fi
    [ -n "$DESKTOP_USER" ] && getent passwd "$DESKTOP_USER" >/dev/null && userdel "$DESKTOP_USER"
    [ -n "$MADE_RUNDIR" ] && rm -rf /run/holdfast
    if [ -n "$INSTALLED" ]; then
        dpkg --purge holdfast-gui holdfast >/dev/null 2>&1
    fi
    # The package keeps its group on purge (Debian practice); the test leaves the machine as it found it.
    if [ -n "$MADE_GROUP" ] && getent group holdfast >/dev/null; then
        groupdel holdfast
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "cpack -G DEB"
cpack -G DEB -B "$WORK" --config "$BUILD_DIR/CPackConfig.cmake"
VERSION=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$BUILD_DIR/CPackConfig.cmake")
ARCH=$(dpkg --print-architecture)
DAEMON_DEB="$WORK/holdfast_${VERSION}_${ARCH}.deb"
GUI_DEB="$WORK/holdfast-gui_${VERSION}_${ARCH}.deb"
for deb in "$DAEMON_DEB" "$GUI_DEB"; do
    [ -f "$deb" ] || fail "cpack made no $(basename "$deb")"
done
ok "made $(basename "$DAEMON_DEB") and $(basename "$GUI_DEB")"

step "lintian --fail-on error (every tag shown)"
lintian --fail-on error --display-info "$DAEMON_DEB" "$GUI_DEB" || fail "lintian reports errors"
ok "no lintian error"

# expect_files DEB MODE PATH...: each PATH is in the package with the mode string MODE (as tar lists it).
expect_files() {
    local deb=$1 mode=$2 path listing
    shift 2
    listing=$(dpkg-deb -c "$deb" | awk '{print $1, $6}')
    for path in "$@"; do
        grep -qxF -- "$mode ./$path" <<<"$listing" || fail "$(basename "$deb"): no $path with mode $mode"
    done
}
# expect_field DEB FIELD REGEX: the control field matches.
expect_field() {
    local value
    value=$(dpkg-deb -f "$1" "$2")
    grep -qE "$3" <<<"$value" || fail "$(basename "$1"): $2 is '$value', expected /$3/"
    ok "$(basename "$1"): $2 has /$3/"
}

step "contents and control fields"
pages=(holdfast holdfast-daemon holdfast-status holdfast-signal holdfast-version holdfast-configcheck holdfast-holds
    holdfast-migrate holdfast-stdinserver)
expect_files "$DAEMON_DEB" -rwxr-xr-x usr/bin/holdfast
expect_files "$DAEMON_DEB" -rw-r--r-- lib/systemd/system/holdfast.service etc/holdfast/holdfast.yml \
    usr/share/doc/holdfast/copyright usr/share/doc/holdfast/changelog.gz \
    usr/share/holdfast/monitoring/holdfast-alerts.rules.yml usr/share/holdfast/monitoring/holdfast-dashboard.json
for page in "${pages[@]}"; do
    expect_files "$DAEMON_DEB" -rw-r--r-- "usr/share/man/man1/$page.1.gz"
done
expect_files "$GUI_DEB" -rwxr-xr-x usr/bin/holdfast-gui
expect_files "$GUI_DEB" -rw-r--r-- usr/share/applications/org.holdfast.Holdfast.desktop \
    usr/share/metainfo/org.holdfast.Holdfast.metainfo.xml usr/share/icons/hicolor/scalable/apps/holdfast.svg \
    usr/share/man/man1/holdfast-gui.1.gz usr/share/doc/holdfast-gui/copyright usr/share/doc/holdfast-gui/changelog.gz \
    usr/share/kio/servicemenus/holdfast-versions.desktop usr/share/file-manager/actions/holdfast-versions.desktop \
    usr/share/nemo/actions/holdfast-versions.nemo_action usr/share/nemo/actions/holdfast-versions-folder.nemo_action \
    usr/share/nautilus-python/extensions/holdfast_versions.py
ok "every file is there with its mode"
[ "$(dpkg-deb -I "$DAEMON_DEB" conffiles)" = "/etc/holdfast/holdfast.yml" ] ||
    fail "conffiles is not /etc/holdfast/holdfast.yml"
ok "conffiles: /etc/holdfast/holdfast.yml"
for script in postinst prerm postrm; do
    dpkg-deb -I "$DAEMON_DEB" "$script" >/dev/null || fail "holdfast has no $script"
done
expect_field "$DAEMON_DEB" Depends '(^|, )adduser(,|$)'
expect_field "$DAEMON_DEB" Depends 'libqt6core6 '
expect_field "$DAEMON_DEB" Depends 'libqt6network6 '
expect_field "$DAEMON_DEB" Depends 'libyaml-cpp'
expect_field "$DAEMON_DEB" Recommends '^zfsutils-linux \| zfs-fuse$'
expect_field "$DAEMON_DEB" Section '^admin$'
expect_field "$DAEMON_DEB" Priority '^optional$'
expect_field "$GUI_DEB" Depends '(^|, )libqt6svg6(,|$)'
expect_field "$GUI_DEB" Depends 'libqt6widgets6 '
expect_field "$GUI_DEB" Recommends "^holdfast \(= $VERSION\)$"
expect_field "$GUI_DEB" Suggests '(^|, )python3-nautilus(,|$)'
expect_field "$GUI_DEB" Suggests '(^|, )caja-actions(,|$)'

step "install both packages"
# The test installs nothing but its packages: their dependencies are on a machine that built the tree (the
# recommended ZFS is not needed here). apt's --no-download cannot install local .debs (apt 2.6), so a simulation
# says first what apt would do.
plan=$(apt-get -o DPkg::Lock::Timeout=600 install -s --no-install-recommends "$DAEMON_DEB" "$GUI_DEB") || {
    echo "$plan"
    fail "apt cannot install the packages"
}
others=$(awk '$1 == "Inst" && $2 != "holdfast" && $2 != "holdfast-gui" {print $2}' <<<"$plan" | tr '\n' ' ')
[ -z "$others" ] || skip "installing the packages would also install: $others"
INSTALLED=1
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$DAEMON_DEB" "$GUI_DEB" ||
    fail "apt-get install failed"
for package in holdfast holdfast-gui; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$package")" = "installed" ] || fail "$package is not installed"
done
ok "installed"

step "what postinst and dpkg did"
getent group holdfast >/dev/null || fail "postinst created no group holdfast"
ok "group: $(getent group holdfast)"
dpkg-query -W -f='${Conffiles}\n' holdfast | grep -q '^ /etc/holdfast/holdfast.yml ' ||
    fail "dpkg does not know /etc/holdfast/holdfast.yml as a conffile"
ok "dpkg knows /etc/holdfast/holdfast.yml as a conffile"
# deb-systemd-helper enables the unit even where systemd does not run, so it starts at the next boot.
[ -L /etc/systemd/system/multi-user.target.wants/holdfast.service ] || fail "holdfast.service is not enabled"
ok "holdfast.service is enabled"

step "the installed binaries"
/usr/bin/holdfast version --show client || fail "holdfast version --show client"
/usr/bin/holdfast configcheck || fail "holdfast configcheck of the installed default configuration"
help=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM /usr/bin/holdfast-gui --help) ||
    fail "holdfast-gui --help without a display"
grep -q -- '--minimized' <<<"$help" || fail "holdfast-gui --help says nothing of --minimized: $help"
ok "holdfast-gui --help without a display"
version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM /usr/bin/holdfast-gui --version)
[ "$version" = "holdfast-gui $VERSION" ] || fail "holdfast-gui --version printed '$version'"
ok "holdfast-gui --version: $version"

step "the monitoring files"
monitoring=/usr/share/holdfast/monitoring
if command -v promtool >/dev/null; then
    promtool check rules "$monitoring/holdfast-alerts.rules.yml" || fail "promtool check rules of the installed rules"
    ok "promtool check rules $monitoring/holdfast-alerts.rules.yml"
else
    note "promtool is not installed: the installed alerting rules were not checked"
fi
if command -v jq >/dev/null; then
    jq -e '.panels | length > 0' "$monitoring/holdfast-dashboard.json" >/dev/null ||
        fail "$monitoring/holdfast-dashboard.json is not a dashboard with panels"
    ok "$monitoring/holdfast-dashboard.json is a dashboard with panels"
else
    note "jq is not installed: the installed dashboard was not read"
fi

step "man pages, desktop file, metainfo"
if grep -qs '^path-exclude=\?/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
    # Minimal container images tell dpkg to leave out every man page.
    note "dpkg is configured to leave out /usr/share/man here: the man pages were checked in the .deb only"
elif command -v man >/dev/null; then
    for page in "${pages[@]}" holdfast-gui; do
        [ "$(man -w "$page")" = "/usr/share/man/man1/$page.1.gz" ] || fail "man does not find $page(1)"
        warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "/usr/share/man/man1/$page.1.gz" \
            2>&1 >/dev/null)
        [ -z "$warnings" ] || fail "$page(1) renders with warnings: $warnings"
    done
    ok "man finds and renders every page without warnings"
else
    note "man-db is not installed: the man pages were not rendered"
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/org.holdfast.Holdfast.desktop || fail "desktop-file-validate"
    ok "desktop-file-validate"
else
    note "desktop-file-utils is not installed: the desktop file was not validated"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net /usr/share/metainfo/org.holdfast.Holdfast.metainfo.xml ||
        fail "appstreamcli validate"
    ok "appstreamcli validate"
else
    note "appstream is not installed: the metainfo was not validated"
fi

step "the file managers' Show Previous Versions actions, as installed"
# Debian's python3: the one Nautilus runs the extension with, with PyGObject.
python3=/usr/bin/python3
[ -x "$python3" ] || python3=python3
"$python3" "$SOURCE_DIR/tests/filemanager/check-filemanager-actions.py" --installed / ||
    fail "the installed file manager actions"
ok "the installed file manager actions"

if [ -f "$SOURCE_DIR/tests/access/check-socket-access.sh" ]; then
    step "control socket access with the package's holdfast group"
    rc=0
    bash "$SOURCE_DIR/tests/access/check-socket-access.sh" --holdfast /usr/bin/holdfast --status-group holdfast || rc=$?
    case $rc in
    0) ok "socket access" ;;
    77) note "the socket access check skipped" ;;
    *) fail "the socket access check failed ($rc)" ;;
    esac
fi

if [ ! -d /run/systemd/system ] && [ ! -e /run/holdfast ]; then
    # What the unit does, by hand, where no systemd runs: RuntimeDirectory=holdfast (0750 root:root), the
    # ExecStartPre check, then the daemon on the installed default configuration. A desktop user in group holdfast
    # then reads the status with nothing but the defaults: the CLI finds the socket through the configuration.
    step "the installed daemon as the unit runs it, and a member of holdfast using the defaults"
    install -d -m 0750 /run/holdfast
    MADE_RUNDIR=1
    /usr/bin/holdfast configcheck >/dev/null || fail "ExecStartPre: holdfast configcheck"
    /usr/bin/holdfast daemon >"$WORK/service.log" 2>&1 &
    SERVICE_PID=$!
    for _ in $(seq 100); do
        /usr/bin/holdfast version --show daemon >/dev/null 2>&1 && break
        sleep 0.1
    done
    /usr/bin/holdfast status >/dev/null || fail "holdfast status as root: $(cat "$WORK/service.log")"
    [ "$(stat -c '%G %a' /run/holdfast)" = "holdfast 750" ] || fail "/run/holdfast is $(stat -c '%U:%G %a' /run/holdfast)"
    [ "$(stat -c '%G %a' /run/holdfast/control)" = "holdfast 660" ] ||
        fail "/run/holdfast/control is $(stat -c '%U:%G %a' /run/holdfast/control)"
    ok "/run/holdfast and its socket belong to group holdfast"
    DESKTOP_USER=hfdesk$$
    useradd --system --no-create-home --shell /usr/sbin/nologin --user-group --groups holdfast "$DESKTOP_USER" ||
        fail "cannot create a test user"
    as_desktop() { setpriv --reuid="$DESKTOP_USER" --regid="$DESKTOP_USER" --init-groups "$@"; }
    as_desktop /usr/bin/holdfast status >/dev/null || fail "a member of holdfast cannot run holdfast status"
    ok "a member of holdfast runs holdfast status with the defaults"
    out=$(as_desktop /usr/bin/holdfast signal wakeup none 2>&1) && fail "a member of holdfast could send a signal"
    grep -q "may read the status, but requests that change what the daemon does (signals, configuration, holds, mounts, the profiler) need root" <<<"$out" ||
        fail "the member's signal was refused with: $out"
    ok "and is refused signals: $out"
    kill "$SERVICE_PID" && wait "$SERVICE_PID" || fail "the daemon did not stop cleanly: $(cat "$WORK/service.log")"
    SERVICE_PID=
elif [ -d /run/systemd/system ]; then
    step "the service"
    systemctl is-active holdfast || fail "holdfast.service is not active after the install"
    /usr/bin/holdfast status || fail "holdfast status against the service"
    ok "holdfast.service runs and answers"
else
    note "/run/holdfast exists but systemd is not running: neither the service nor its set-up was checked"
fi

step "purge"
# Through apt, for its lock timeout: another apt may hold the dpkg lock for a while.
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -q holdfast-gui holdfast >/dev/null
INSTALLED=
for path in /usr/bin/holdfast /usr/bin/holdfast-gui /etc/holdfast /usr/share/holdfast /lib/systemd/system/holdfast.service \
    /etc/systemd/system/multi-user.target.wants/holdfast.service \
    /usr/share/nautilus-python/extensions/holdfast_versions.py \
    /usr/share/nautilus-python/extensions/__pycache__/holdfast_versions.cpython-*.pyc; do
    if [ -e "$path" ] || [ -L "$path" ]; then
        fail "$path is left after the purge"
    fi
done
ok "nothing left after the purge"
getent group holdfast >/dev/null || fail "the purge removed the group holdfast (Debian keeps it)"
ok "the group holdfast stays after the purge"

echo "PASS: holdfast and holdfast-gui $VERSION"
