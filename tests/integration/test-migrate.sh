#!/usr/bin/env bash
# `holdfast migrate replication-cursor:v1-v2` on the OpenZFS emulator or real OpenZFS: a v1 cursor goes only when
# the owning job's v2 cursor is as new or newer; --dry-run changes nothing; a filesystem two jobs claim is refused.
#   test-migrate.sh HOLDFAST_BINARY EMULATOR_BIN_DIR|kernel
set -uo pipefail
source "$(dirname "$0")/emulator-env.sh" "$1" "$2" holdfast-migrate
bookmarks() { zfs list -H -o name -t bookmark -r "$1" | sort | tr '\n' ' '; }

make_pool mpool
for fs in a b c; do zfs create "mpool/$fs" || fail create; done
for fs in a b c; do
    zfs snapshot "mpool/$fs@1" && zfs snapshot "mpool/$fs@2" || fail snapshot
done
guid_of() { zfs get -H -p -o value guid "$1"; }
cursor() { printf 'zrepl_CURSOR_G_%016x_J_%s' "$(guid_of "$1")" "$2"; }
# a: v1 cursor at @1, v2 cursor of job "push" at @2 -> migrated
zfs bookmark mpool/a@1 "mpool/a#zrepl_replication_cursor"
zfs bookmark mpool/a@2 "mpool/a#$(cursor mpool/a@2 push)"
# b: v1 cursor at @2, v2 cursor at @1 -> refused, the v1 cursor is newer
zfs bookmark mpool/b@2 "mpool/b#zrepl_replication_cursor"
zfs bookmark mpool/b@1 "mpool/b#$(cursor mpool/b@1 push)"
# c: v1 cursor, but no v2 cursor of the owning job -> refused
zfs bookmark mpool/c@2 "mpool/c#zrepl_replication_cursor"

cat >"$WORK/holdfast.yml" <<YAML
jobs:
  - name: push
    type: push
    connect: {type: local, listener_name: x, client_identity: me}
    filesystems: {"mpool<": true}
    snapshotting: {type: manual}
    pruning:
      keep_sender: [{type: last_n, count: 10}]
      keep_receiver: [{type: last_n, count: 10}]
  - name: sink
    type: sink
    root_fs: "mpool/sink"
    serve: {type: local, listener_name: x}
YAML

before=$(bookmarks mpool)
out=$(hf migrate replication-cursor:v1-v2 --dry-run 2>&1)
rc=$?
[ "$rc" -eq 1 ] || fail "dry run: exit $rc (two filesystems cannot be migrated): $out"
grep -q "would destroy mpool/a#zrepl_replication_cursor" <<<"$out" || fail "dry run does not name a's cursor: $out"
grep -q "ignoring job sink" <<<"$out" || fail "sink job not ignored: $out"
[ "$(bookmarks mpool)" = "$before" ] || fail "dry run changed bookmarks"

out=$(hf migrate replication-cursor:v1-v2 2>&1)
rc=$?
[ "$rc" -eq 1 ] || fail "migration: exit $rc: $out"
grep -q "destroyed mpool/a#zrepl_replication_cursor" <<<"$out" || fail "a not migrated: $out"
grep -q "v1 cursor (createtxg [0-9]*) is newer" <<<"$out" || fail "b not refused: $out"
grep -q "job push has no v2 replication cursor" <<<"$out" || fail "c not refused: $out"
zfs list -t bookmark "mpool/a#zrepl_replication_cursor" >/dev/null 2>&1 && fail "a's v1 cursor still there"
zfs list -t bookmark "mpool/b#zrepl_replication_cursor" >/dev/null 2>&1 || fail "b's v1 cursor was destroyed"
zfs list -t bookmark "mpool/a#$(cursor mpool/a@2 push)" >/dev/null 2>&1 || fail "a's v2 cursor was destroyed"
grep -q "1 v1 cursor(s) destroyed, 2 failed" <<<"$out" || fail "summary: $out"
expect_usage=$(hf migrate 2>&1)
[ $? -eq 2 ] || fail "migrate without a migration name must be a usage error: $expect_usage"
echo "PASS: migrate replication-cursor:v1-v2"
