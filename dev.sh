#!/usr/bin/env bash
# Holdfast's entry points on a fresh Debian 12 machine:
#   ./dev.sh run      install what is missing, build, and run the demo
#   ./dev.sh test     install what is missing, build, and run every test
#   ./dev.sh package  install what is missing, build a release, and make the Debian packages from it
#   ./dev.sh demo-remove  stop and remove what a killed demo left behind (a demo that ends removes itself)
# All are safe to run again; they only install packages that are missing.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

case "${1:-}" in
run)
    install_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
    build_release
    exec scripts/demo.sh "$RELEASE_BUILD_DIR"
    ;;
test)
    install_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    exec scripts/test-all.sh
    ;;
package)
    install_packages "${BUILD_PACKAGES[@]}"
    exec scripts/package.sh
    ;;
demo-remove)
    exec scripts/demo.sh --remove
    ;;
*)
    echo "usage: $0 run|test|package|demo-remove" >&2
    exit 2
    ;;
esac
