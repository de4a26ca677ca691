#!/usr/bin/env bash
# Holdfast's two entry points on a fresh Debian 12 machine:
#   ./dev.sh run    install what is missing, build, and run the demo
#   ./dev.sh test   install what is missing, build, and run every test
# Both are safe to run again; they only install packages that are missing.
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
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
