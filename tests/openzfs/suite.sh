#!/usr/bin/env bash
# Everything that runs on real OpenZFS, in one VM boot per series (a boot costs 10-40 s of emulated CPU):
#   suite.sh SERIES HOLDFAST TESTZFSCLIENT TESTZFSCONFORMANCE [BENCH_SCRIPT]   (inside the VM: run.sh --zfs SERIES -- ...)
# 1. the daemon's ZFS layer (TestZfsClient) and the command scenarios (TestZfsConformance) on this OpenZFS;
# 2. the real daemon replicating (test-replication.sh), then the integration tests that also run on the emulator
#    (a daemon killed mid-step and resumed; the v1-to-v2 cursor migration; the holds view, its actions and pausing;
#    restoring from .zfs/snapshot as unprivileged users; browsing a backup through the daemon's mount);
# 3. with BENCH_SCRIPT, the OpenZFS bench in its smallest form, so that it keeps working (no timing is judged).
# Which replication cases run where: every case on 2.1 (Debian 12's, what most users have); on 2.3 the cases whose
# ZFS behaviour differs between the versions (resume tokens, raw encrypted sends, holds and their listing and
# times, the capability detection). The ZFS commands under the others are the same on both and are held to each version by
# the conformance scenarios. The integration parts are shared out so that the two VMs, which ctest runs side by side,
# take about as long: crash, migrate, restore (through .zfs/snapshot as users; 2.1 has no renameat2 flags, so the
# engine's fallbacks run there; 2.3's RENAME_EXCHANGE path is the one the unit tests take on other filesystems) and
# browse (the daemon's read-only mount of a backup's snapshot) and reload (jobs stopped mid-step keep a resumable
# receive) on 2.1, holds (minutes of emulated sends) on 2.3.
# HOLDFAST_OPENZFS_ALL_CASES=1 runs every case and every part on both.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
series=$1 holdfast=$2 client=$3 conformance=$4 bench=${5:-}
echo "== OpenZFS $(cat /sys/module/zfs/version 2>/dev/null || echo '(none)'): $(zfs version 2>&1 | head -n 1)"

cases=()
if [ "$series" != 2.1 ] && [ -z "${HOLDFAST_OPENZFS_ALL_CASES:-}" ]; then
    cases=(killed_send_resumes raw_encrypted pruning_skips_held holds_list capabilities freshness)
fi
parts=(client conformance replication)
if [ -n "${HOLDFAST_OPENZFS_ALL_CASES:-}" ]; then
    parts+=(crash migrate holds restore browse reload)
elif [ "$series" = 2.1 ]; then
    parts+=(crash migrate restore browse reload)
else
    parts+=(holds)
fi
[ -n "$bench" ] && parts+=(bench)

passed=0 failed=0 skipped=0 failures=()
for part in "${parts[@]}"; do
    echo "== $part"
    start=$SECONDS
    case $part in
    client) env HOLDFAST_TEST_BACKEND=openzfs "$client" ;;
    conformance) env HOLDFAST_CONFORMANCE_BACKEND=openzfs "$conformance" ;;
    replication) bash "$HERE/test-replication.sh" "$holdfast" ${cases[@]+"${cases[@]}"} ;;
    crash) bash "$HERE/../integration/test-replication-crash.sh" "$holdfast" kernel ;;
    holds) bash "$HERE/../integration/test-holds.sh" "$holdfast" kernel ;;
    migrate) bash "$HERE/../integration/test-migrate.sh" "$holdfast" kernel ;;
    restore) bash "$HERE/../integration/test-restore.sh" "$holdfast" kernel ;;
    browse) bash "$HERE/../integration/test-browse.sh" "$holdfast" kernel ;;
    reload) bash "$HERE/../integration/test-reload.sh" "$holdfast" kernel ;;
    bench) bash "$bench" "$holdfast" --quick --filesystems 1 --stream-mib 16 ;;
    esac
    rc=$?
    case $rc in
    0) passed=$((passed + 1)); echo "== $part: passed in $((SECONDS - start)) s" ;;
    77) skipped=$((skipped + 1)); echo "== $part: skipped" ;;
    *) failed=$((failed + 1)); failures+=("$part"); echo "== $part: FAILED (exit $rc) after $((SECONDS - start)) s" ;;
    esac
done
echo "OpenZFS $series: $passed passed, $failed failed${failures[*]:+ (${failures[*]})}, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
