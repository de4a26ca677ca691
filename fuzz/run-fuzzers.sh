#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded time.
#   fuzz/run-fuzzers.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${HOLDFAST_FUZZ_BUILD_DIR:-build-fuzz}
clang=${HOLDFAST_FUZZ_CXX:-clang++-14}
if ! command -v "$clang" >/dev/null; then
    echo "fuzz: $clang not found; install clang-14 and libclang-rt-14-dev" >&2
    exit 1
fi
CC=${clang/++/} CXX=$clang cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHOLDFAST_FUZZ=ON -DHOLDFAST_SANITIZE=ON -DHOLDFAST_BUILD_TESTS=OFF -DHOLDFAST_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target FuzzHttpRequestParser FuzzHttpResponseParser FuzzResumeToken -j "${HOLDFAST_JOBS:-$(nproc)}"
for target in FuzzHttpRequestParser:http-request FuzzHttpResponseParser:http-response FuzzResumeToken:resume-token; do
    name=${target%%:*}
    seeds=fuzz/corpus/${target##*:}
    work=$build/corpus/${target##*:}
    mkdir -p "$work"
    echo "==> $name for ${seconds}s"
    # The committed seeds stay read-only; what the fuzzer finds goes to the build directory.
    "$build/fuzz/$name" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "$work" "$seeds" 2>&1 | tail -n 12
    status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $name failed (exit $status); the crashing input is in the working directory" >&2
        exit "$status"
    fi
done
