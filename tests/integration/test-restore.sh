#!/usr/bin/env bash
# Restoring from snapshots on real OpenZFS as a desktop user does it: `holdfast versions` and `holdfast restore`
# (the GUI's engine) run as unprivileged users and read through .zfs/snapshot, so the kernel's permissions decide.
#   test-restore.sh HOLDFAST_BINARY kernel
# The user's own files come back (replace keeps the current one beside it, copy, folder into a folder, with mode,
# times, symlinks and extended attributes); another user's files are refused; a cancelled restore leaves nothing;
# a full filesystem fails with a clear message and keeps the partial folder apart; a killed restore leaves no file
# under the real name. The emulator and zfs-fuse have no .zfs/snapshot: there it skips.
set -uo pipefail
if [ "${2:-}" != kernel ]; then
    echo "SKIP: restoring reads .zfs/snapshot, which only real OpenZFS has (not the emulator, not zfs-fuse)"
    exit 77
fi
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-restore
chmod 755 "$WORK"
# The users need no passwd entry: the kernel only checks the numbers.
ALICE=4242 BOB=4343
# At most 120 s each: a command that hangs (seen once on OpenZFS 2.1, not reproduced) says where each of its threads
# waits in the kernel, instead of the suite waiting for the VM's own timeout.
as() {
    local uid=$1 pid task
    shift
    setpriv --reuid="$uid" --regid="$uid" --clear-groups -- env HOME="$MP/$uid" LC_ALL=C.UTF-8 "$@" &
    pid=$!
    for _ in $(seq 1200); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "HANG: '$*' as $uid still runs after 120 s; where its threads wait:" >&2
        for task in /proc/"$pid"/task/*; do
            echo "--- thread ${task##*/}: wchan $(cat "$task/wchan" 2>/dev/null)" >&2
            cat "$task/stack" >&2 2>/dev/null
        done
        kill -9 "$pid"
    fi
    wait "$pid"
}
step() { echo "-- $*"; }
# The binary where the users can run it (the build tree may not be theirs to read).
cp "$HOLDFAST" "$WORK/holdfast" && chmod 755 "$WORK/holdfast"
HF=$WORK/holdfast

make_pool rpool "$WORK/mnt" 1G
zfs create rpool/home || fail "zfs create rpool/home"
MP=$WORK/mnt/home
mkdir -p "$MP/alice/docs/b" "$MP/bob" "$MP/alice/big"
# Alice's home: files she owns, a read-only one, a symlink, a folder of 96 MiB (for cancel and a full disk).
echo "version 1" >"$MP/alice/report.txt"
echo "a" >"$MP/alice/docs/a.txt"
echo "c" >"$MP/alice/docs/b/c.txt"
echo "read only" >"$MP/alice/docs/ro.txt" && chmod 444 "$MP/alice/docs/ro.txt"
ln -s a.txt "$MP/alice/docs/link"
chmod 750 "$MP/alice/docs/b"
touch -d '2026-11-20 08:30:00' "$MP/alice/docs/a.txt" "$MP/alice/report.txt"
for i in $(seq -w 1 24); do head -c 4M /dev/urandom >"$MP/alice/big/part$i"; done
head -c 64M /dev/urandom >"$MP/alice/huge.bin"  # one file that takes seconds to copy, to be killed in
chown -R $ALICE:$ALICE "$MP/alice"
chown -h $ALICE:$ALICE "$MP/alice/docs/link"
echo "bob's secret" >"$MP/bob/secret.txt"
chmod 600 "$MP/bob/secret.txt" && chmod 700 "$MP/bob" && chown -R $BOB:$BOB "$MP/bob"
XATTR=
if /usr/bin/python3 -c 'import os,sys; os.setxattr(sys.argv[1], "user.holdfast", b"kept")' "$MP/alice/docs/a.txt" 2>/dev/null; then
    XATTR=yes
fi
S1=zrepl_20261201_100000_000 S2=zrepl_20261202_100000_000 S3=zrepl_20261203_100000_000
zfs snapshot "rpool/home@$S1" || fail snapshot
as $ALICE sh -c "echo 'version 2' >'$MP/alice/report.txt'" || fail "alice cannot write her file"
zfs snapshot "rpool/home@$S2" && zfs snapshot "rpool/home@$S3" || fail snapshot
as $ALICE sh -c "echo 'version 3, current' >'$MP/alice/report.txt' && rm '$MP/alice/docs/b/c.txt'" || fail "alice's changes"

step "versions, as alice: two versions of report.txt, the newer in two snapshots"
as $ALICE "$HF" versions "$MP/alice/report.txt" --json >"$WORK/versions.json" || fail "holdfast versions: $(cat "$WORK/versions.json")"
as $ALICE "$HF" versions "$MP/alice/report.txt" || fail "holdfast versions (text)"
[ "$(jq '[.versions[] | select(.type != "missing")] | length' "$WORK/versions.json")" = 2 ] || fail "not 2 versions: $(cat "$WORK/versions.json")"
[ "$(jq -r '.versions[0] | "\(.newest_snapshot) \(.oldest_snapshot) \(.snapshots)"' "$WORK/versions.json")" = "$S3 $S2 2" ] ||
    fail "newest version's span: $(jq -c '.versions[0]' "$WORK/versions.json")"
[ "$(jq -r '.versions[1] | "\(.newest_snapshot) \(.snapshots) \(.size)"' "$WORK/versions.json")" = "$S1 1 10" ] ||
    fail "oldest version: $(jq -c '.versions[1]' "$WORK/versions.json")"
echo "   snapshot times from: $(jq -r '[.snapshots[].time_source] | unique | join(",")' "$WORK/versions.json") (zfs when /dev/zfs lets users list)"

step "replace, as alice: the old version takes the name, the current one is kept beside it"
as $ALICE "$HF" restore "$MP/alice/report.txt" --from $S1 --replace || fail "restore --replace"
[ "$(cat "$MP/alice/report.txt")" = "version 1" ] || fail "report.txt is not version 1: $(cat "$MP/alice/report.txt")"
kept=("$MP/alice/report (before restore "*").txt")
[ -f "${kept[0]}" ] && [ "$(cat "${kept[0]}")" = "version 3, current" ] || fail "the current version was not kept: $(ls "$MP/alice")"
[ "$(stat -c %Y "$MP/alice/report.txt")" = "$(stat -c %Y "$MP/.zfs/snapshot/$S1/alice/report.txt")" ] || fail "mtime not kept"
[ "$(stat -c %u "$MP/alice/report.txt")" = $ALICE ] || fail "restored file not alice's"

step "copy, as alice: next to the original, the original untouched"
as $ALICE "$HF" restore "$MP/alice/report.txt" --from $S2 || fail "restore (copy)"
copy=("$MP/alice/report (from 2026-12-02 "*").txt")
[ -f "${copy[0]}" ] && [ "$(cat "${copy[0]}")" = "version 2" ] || fail "no copy: $(ls "$MP/alice")"
[ "$(cat "$MP/alice/report.txt")" = "version 1" ] || fail "the original changed"

step "folder into a folder, as alice: the tree with modes, times, symlinks$( [ -n "$XATTR" ] && echo ", xattrs")"
as $ALICE mkdir "$MP/alice/restored"
as $ALICE "$HF" restore "$MP/alice/docs" --from $S1 --into "$MP/alice/restored" || fail "restore --into"
R=$MP/alice/restored/docs
[ "$(cat "$R/b/c.txt")" = c ] || fail "docs/b/c.txt (deleted since) not restored"
[ "$(readlink "$R/link")" = a.txt ] || fail "symlink not restored as a symlink"
[ "$(stat -c %a "$R/ro.txt")" = 444 ] && [ "$(stat -c %a "$R/b")" = 750 ] || fail "modes not kept: $(stat -c '%n %a' "$R/ro.txt" "$R/b")"
[ "$(stat -c %Y "$R/a.txt")" = "$(date -d '2026-11-20 08:30:00' +%s)" ] || fail "mtime of a.txt not kept"
if [ -n "$XATTR" ]; then
    [ "$(/usr/bin/python3 -c 'import os,sys; print(os.getxattr(sys.argv[1], "user.holdfast").decode())' "$R/a.txt")" = kept ] ||
        fail "user xattr not kept"
fi
[ -z "$(find "$MP/alice" -name '.*holdfast-restore-*')" ] || fail "temporary files left: $(find "$MP/alice" -name '.*holdfast-restore-*')"

step "another user's file: refused to alice by the kernel, restored by bob"
if as $ALICE "$HF" restore "$MP/bob/secret.txt" --from $S1 --into "$MP/alice" 2>"$WORK/refused.txt"; then
    fail "alice restored bob's file"
fi
grep -q "permission denied" "$WORK/refused.txt" || fail "no clear reason: $(cat "$WORK/refused.txt")"
[ ! -e "$MP/alice/secret.txt" ] || fail "bob's file appeared in alice's home"
echo "   alice was told: $(cat "$WORK/refused.txt")"
as $BOB rm "$MP/bob/secret.txt"
as $BOB "$HF" restore "$MP/bob/secret.txt" --from $S1 --replace || fail "bob cannot restore his own file"
[ "$(cat "$MP/bob/secret.txt")" = "bob's secret" ] || fail "bob's restore"

# Waits until the restore writing into FOLDER has started copying (its hidden temporary name exists).
wait_for_copy() {
    for _ in $(seq 1 600); do
        [ -n "$(find "$1" -maxdepth 1 -name '.*holdfast-restore-*' 2>/dev/null)" ] && return 0
        sleep 0.05
    done
    return 1
}
step "cancel halfway (Ctrl-C): nothing is left, not even the partial copy"
as $ALICE mkdir "$MP/alice/cancel"
# Not through `as`: a function in the background is a subshell, and the signal must reach holdfast itself
# (setpriv and env exec it, so $! is its PID).
as_background() {
    setpriv --reuid=$ALICE --regid=$ALICE --clear-groups -- env LC_ALL=C.UTF-8 "$HF" "$@" &
}
as_background restore "$MP/alice/big" --from $S1 --into "$MP/alice/cancel" >"$WORK/cancel.txt" 2>&1
pid=$!
wait_for_copy "$MP/alice/cancel" || fail "the restore never started copying"
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || fail "cancelled restore exited $rc: $(cat "$WORK/cancel.txt")"
[ -z "$(ls -A "$MP/alice/cancel")" ] || fail "a cancelled restore left: $(ls -A "$MP/alice/cancel")"
grep -q "cancelled" "$WORK/cancel.txt" || fail "no word of the cancel: $(cat "$WORK/cancel.txt")"

step "killed mid-copy (a crash): no file under the real name"
as_background restore "$MP/alice/huge.bin" --from $S1 --into "$MP/alice/cancel" >/dev/null 2>&1
pid=$!
wait_for_copy "$MP/alice/cancel" || fail "the restore never started copying"
kill -KILL $pid
wait $pid 2>/dev/null
[ ! -e "$MP/alice/cancel/huge.bin" ] || fail "a killed restore left a file under the real name"
echo "   left: $(ls -A "$MP/alice/cancel") (hidden, never taken for the file)"
as $ALICE "$HF" restore "$MP/alice/huge.bin" --from $S1 --into "$MP/alice/cancel" --dry-run >"$WORK/leftover.txt" 2>&1
grep -q "did not finish left .*huge.bin.holdfast-restore-" "$WORK/leftover.txt" || fail "the next plan does not name the leftover: $(cat "$WORK/leftover.txt")"

step "a full filesystem: a clear message, the partial folder kept apart, the original untouched"
zfs create -o quota=24M rpool/home/full || fail "zfs create rpool/home/full"
chown $ALICE:$ALICE "$MP/full"
if as $ALICE "$HF" restore "$MP/alice/big" --from $S1 --into "$MP/full" >"$WORK/full.txt" 2>&1; then
    fail "restoring 96 MiB into 24 MiB succeeded: $(cat "$WORK/full.txt")"
fi
grep -q "disk is full" "$WORK/full.txt" || fail "no clear message: $(cat "$WORK/full.txt")"
# The partial copy goes to "big (incomplete restore DATE)" where the filesystem still allows a rename; a ZFS
# filesystem over its quota refuses even that, and it stays under its hidden temporary name. Either way the
# message names it and nothing is under the real name.
partial=$(ls -A "$MP/full")
case $partial in
"big (incomplete restore "*")" | .big.holdfast-restore-*) ;;
*) fail "not one partial folder kept apart: $partial" ;;
esac
grep -qF "$partial" "$WORK/full.txt" || fail "the message does not name the partial copy $partial: $(cat "$WORK/full.txt")"
echo "   told: $(head -c 300 "$WORK/full.txt")"

echo "PASS: restore on real OpenZFS as users: versions, replace, copy, folder into a folder, another user's file refused, cancel, crash, full filesystem"
