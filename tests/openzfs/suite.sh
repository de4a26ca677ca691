#!/usr/bin/env bash
# Everything that runs the real daemon on real OpenZFS, in one VM boot: the replication cases of
# test-replication.sh, then the integration tests that also run on the emulator (a daemon killed mid-step and
# resumed; the v1-to-v2 cursor migration), here on the kernel's OpenZFS.
#   suite.sh HOLDFAST_BINARY     (inside the VM: tests/openzfs-vm/run.sh --zfs 2.1 -- suite.sh ...)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
holdfast=$1
echo "== OpenZFS $(cat /sys/module/zfs/version 2>/dev/null || echo '(none)'): $(zfs version 2>&1 | head -n 1)"
passed=0 failed=0 skipped=0
for t in "$HERE/test-replication.sh" "$HERE/../integration/test-replication-crash.sh" \
    "$HERE/../integration/test-migrate.sh"; do
    echo "== ${t##*/}"
    start=$SECONDS
    if [ "${t##*/}" = test-replication.sh ]; then
        bash "$t" "$holdfast"
    else
        bash "$t" "$holdfast" kernel
    fi
    rc=$?
    case $rc in
    0) passed=$((passed + 1)); echo "== ${t##*/}: passed in $((SECONDS - start)) s" ;;
    77) skipped=$((skipped + 1)); echo "== ${t##*/}: skipped" ;;
    *) failed=$((failed + 1)); echo "== ${t##*/}: FAILED (exit $rc) after $((SECONDS - start)) s" ;;
    esac
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
