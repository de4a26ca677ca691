#!/usr/bin/env bash
# Builds with warnings as errors and runs every test suite, then the fuzzers for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

echo "==> building (Debug, -Werror) in $TEST_BUILD_DIR"
cmake -S . -B "$TEST_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$TEST_BUILD_DIR" -j "$JOBS"

echo "==> tests"
ctest --test-dir "$TEST_BUILD_DIR" --output-on-failure -j "$JOBS"

echo "==> fuzzers (${HOLDFAST_FUZZ_SECONDS:-60} s each)"
fuzz/run-fuzzers.sh "${HOLDFAST_FUZZ_SECONDS:-60}"

echo "==> all tests passed"
