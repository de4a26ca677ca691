#!/bin/bash
# Every message of every translation is translated: lrelease must report no unfinished entry.
#   check-translations.sh LRELEASE TS_FILE...
set -uo pipefail
lrelease=$1
shift
status=0
for ts in "$@"; do
    out=$("$lrelease" "$ts" -qm /dev/null 2>&1) || { echo "FAIL: lrelease failed on $ts: $out"; status=1; continue; }
    echo "$ts: $out"
    if ! grep -q "(\([0-9]*\) finished and 0 unfinished)" <<<"$out"; then
        echo "FAIL: $ts has unfinished translations; run the update_translations target and translate them"
        status=1
    fi
done
exit $status
