# Shared by build-image.sh and run.sh: where images live, how a series (2.1, 2.3) maps to Debian's packages, and
# the private apt configuration that reads Debian's contrib and backports without touching the machine's own.

HFVM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HFVM_CACHE=${HOLDFAST_OPENZFS_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/holdfast/openzfs-vm}
HFVM_APT_DIR=$HFVM_CACHE/apt

hfvm_log() { printf 'openzfs-vm: %s\n' "$*" >&2; }
hfvm_die() { printf 'openzfs-vm: error: %s\n' "$1" >&2; exit "${2:-1}"; }
# Exit status 77 means "this machine cannot run the VM": the test suites turn it into a skip with the reason.
hfvm_skip() { printf 'openzfs-vm: SKIP: %s\n' "$*" >&2; exit 77; }

# The suite a series comes from. 2.1 is Debian 12's own, 2.3 comes from bookworm-backports; 2.2 (Ubuntu 24.04's)
# is not packaged for Debian 12 at all.
hfvm_series_suite() {
    case "$1" in
    2.1) echo bookworm ;;
    2.3) echo bookworm-backports ;;
    *) return 1 ;;
    esac
}

# The machine's Debian sources with contrib added and backports beside the release: a private sources file, read
# with private lists, so that `apt-get update` of the machine itself never sees them.
hfvm_write_apt_sources() {
    mkdir -p "$HFVM_APT_DIR/lists/partial"
    local src=()
    shopt -s nullglob
    src=(/etc/apt/sources.list.d/*.sources)
    shopt -u nullglob
    [ ${#src[@]} -gt 0 ] || return 1
    awk '
        /^Components:/ { if ($0 !~ / contrib/) $0 = $0 " contrib" }
        /^Suites:/ && / bookworm-updates/ && !/bookworm-backports/ { $0 = $0 " bookworm-backports" }
        { print }
        END { print "" }
    ' "${src[@]}" >"$HFVM_APT_DIR/sources.tmp"
    grep -q '^Types: deb' "$HFVM_APT_DIR/sources.tmp" || return 1
    mv "$HFVM_APT_DIR/sources.tmp" "$HFVM_APT_DIR/holdfast-openzfs.sources"
}

HFVM_APT_OPTS=(-o DPkg::Lock::Timeout=600 -o "Dir::Etc::sourcelist=$HFVM_APT_DIR/holdfast-openzfs.sources"
    -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$HFVM_APT_DIR/lists" -o Acquire::Retries=3
    -o APT::Sandbox::User=root)

hfvm_apt_update() {
    hfvm_write_apt_sources || return 1
    apt-get "${HFVM_APT_OPTS[@]}" update -qq >&2
}

# The newest Debian version of PACKAGE whose upstream version starts with SERIES, from SUITE.
hfvm_candidate() {
    local package=$1 series=$2 suite=$3
    apt-cache "${HFVM_APT_OPTS[@]}" madison "$package" 2>/dev/null |
        awk -F' *[|] *' -v s="$series." -v suite="$suite" \
            'index($2, s) == 1 && $3 ~ ("(^| )" suite "/") { print $2 }' |
        sort -V | tail -n 1
}

# The kernel the guest boots: Debian 12's own (6.1), never the backports kernel, whose newer ABI the modules of
# 2.1 do not build against.
hfvm_kernel_release() {
    local v
    v=$(apt-cache "${HFVM_APT_OPTS[@]}" madison linux-image-amd64 2>/dev/null |
        awk -F' *[|] *' '$3 !~ /backports/ && $2 ~ /^6\.1\./ { print $2 }' | sort -V | tail -n 1)
    [ -n "$v" ] || return 1
    apt-cache "${HFVM_APT_OPTS[@]}" show "linux-image-amd64=$v" 2>/dev/null |
        awk '/^Depends:/ { sub(/^Depends: */, ""); sub(/[ ,].*/, ""); sub(/^linux-image-/, ""); print; exit }'
}

hfvm_image_name() { # KREL DEBVER
    local v=$2
    v=${v//\~/_}
    v=${v//+/_}
    echo "image-$1-zfs-$v"
}

# The most recently built complete image of SERIES in the cache, without asking apt: what run.sh uses when it can.
hfvm_cached_image() {
    local series=$1 d
    shopt -s nullglob
    for d in "$HFVM_CACHE"/image-*-zfs-"$series".*; do
        [ -f "$d/complete" ] && printf '%s\t%s\n' "$(stat -c %Y "$d/complete")" "$d"
    done | sort -n | tail -n 1 | cut -f 2- | grep .
    shopt -u nullglob
}
