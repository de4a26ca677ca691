#!/usr/bin/env bash
# ./dev.sh package: the release build, then the Debian packages holdfast and holdfast-gui made from it by cpack
# (installer/CMakeLists.txt), in $RELEASE_BUILD_DIR/packages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

build_release

out="$RELEASE_BUILD_DIR/packages"
echo "==> packaging (cpack -G DEB) in $out"
rm -rf "$out"
cpack -G DEB -B "$out" --config "$RELEASE_BUILD_DIR/CPackConfig.cmake"
# cpack's staging tree; only the .debs are of use.
rm -rf "$out/_CPack_Packages"

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$RELEASE_BUILD_DIR/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
debs=()
for package in holdfast holdfast-gui; do
    deb="$out/${package}_${version}_${arch}.deb"
    [ -f "$deb" ] || { echo "cpack made no $deb" >&2; exit 1; }
    # apt takes a local file only as a path with a slash.
    case "$deb" in
    /*) debs+=("$deb") ;;
    *) debs+=("./$deb") ;;
    esac
done
echo "==> packages:"
printf '    %s\n' "${debs[@]}"
echo "==> install them with:"
echo "    sudo apt install ${debs[*]}"
