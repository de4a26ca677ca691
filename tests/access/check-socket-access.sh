#!/bin/bash
# The control socket's access rules with real users: a daemon (run as root, as the service runs) and the CLI and
# curl run as an outsider, a member of the status group and a member of the admin group.
#   check-socket-access.sh --holdfast BINARY [--status-group GROUP]
# Without --status-group a temporary group is made (and removed); the package test passes the real `holdfast`
# group its postinst created. The users and the admin group are always temporary. Needs root; exits 77 otherwise.
set -uo pipefail

HOLDFAST=
STATUS_GROUP=
while [ $# -gt 0 ]; do
    case "$1" in
    --holdfast) HOLDFAST=$2; shift 2 ;;
    --status-group) STATUS_GROUP=$2; shift 2 ;;
    *) echo "usage: $0 --holdfast BINARY [--status-group GROUP]" >&2; exit 2 ;;
    esac
done
[ -x "$HOLDFAST" ] || { echo "no holdfast binary at '$HOLDFAST'" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to create users and groups"; exit 77; }
for tool in useradd userdel groupadd groupdel setpriv curl; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing"; exit 77; }
done

FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }
pass() { echo "ok: $*"; }

# Short names: usernames are limited to 32 characters. The pid keeps parallel runs on one machine apart.
TAG=$$
OUTSIDER=hfout$TAG
MEMBER=hfmem$TAG
ADMIN=hfadm$TAG
ADMIN_GROUP=hfadmins$TAG
MADE_STATUS_GROUP=
RUN=$(mktemp -d /tmp/holdfast-access.XXXXXX)
DAEMON_PID=
cleanup() {
    set +e
    if [ -n "$DAEMON_PID" ]; then
        kill "$DAEMON_PID" 2>/dev/null
        wait "$DAEMON_PID" 2>/dev/null
    fi
    for user in "$OUTSIDER" "$MEMBER" "$ADMIN"; do
        getent passwd "$user" >/dev/null && userdel "$user"
    done
    getent group "$ADMIN_GROUP" >/dev/null && groupdel "$ADMIN_GROUP"
    [ -n "$MADE_STATUS_GROUP" ] && groupdel "$STATUS_GROUP"
    rm -rf "$RUN"
}
trap cleanup EXIT

if [ -z "$STATUS_GROUP" ]; then
    STATUS_GROUP=hfstatus$TAG
    groupadd --system "$STATUS_GROUP" || { echo "cannot create group $STATUS_GROUP"; exit 1; }
    MADE_STATUS_GROUP=1
fi
getent group "$STATUS_GROUP" >/dev/null || { echo "no group $STATUS_GROUP"; exit 1; }
groupadd --system "$ADMIN_GROUP" || { echo "cannot create group $ADMIN_GROUP"; exit 1; }
# Each user's primary group is its own: the memberships that count are supplementary, as on a desktop.
useradd --system --no-create-home --shell /usr/sbin/nologin --user-group "$OUTSIDER" &&
    useradd --system --no-create-home --shell /usr/sbin/nologin --user-group --groups "$STATUS_GROUP" "$MEMBER" &&
    useradd --system --no-create-home --shell /usr/sbin/nologin --user-group --groups "$STATUS_GROUP,$ADMIN_GROUP" "$ADMIN" ||
    { echo "cannot create the test users"; exit 1; }

# Everyone may pass /tmp/holdfast-access.*; the daemon creates sock/ itself, private, then gives it to the group.
chmod 0755 "$RUN"
SOCKET=$RUN/sock/control
cat >"$RUN/holdfast.yml" <<YAML
global:
  logging: [{type: stdout, level: info, format: human}]
  control:
    sockpath: $SOCKET
    status_group: $STATUS_GROUP
    admin_group: $ADMIN_GROUP
jobs:
  # Manual snapshotting: nothing runs until a signal wakes it, and a wake-up only has to be accepted here.
  - name: access_snap
    type: snap
    filesystems: {"holdfast-access-test-nonexistent<": true}
    snapshotting: {type: manual}
    pruning:
      keep: [{type: last_n, count: 1}]
  # A hook with a secret: the status group reads the configuration with it redacted.
  - name: access_hooked
    type: snap
    filesystems: {"holdfast-access-test-nonexistent<": true}
    snapshotting:
      type: periodic
      prefix: zrepl_
      interval: 24h
      hooks:
      - type: postgres-checkpoint
        dsn: "host=db user=backup password=access-secret"
        filesystems: {"holdfast-access-test-nonexistent<": true}
    pruning:
      keep: [{type: last_n, count: 1}]
YAML
chmod 0644 "$RUN/holdfast.yml"

"$HOLDFAST" --config "$RUN/holdfast.yml" daemon >"$RUN/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 100); do
    "$HOLDFAST" --socket "$SOCKET" version --show daemon >/dev/null 2>&1 && break
    sleep 0.1
done
"$HOLDFAST" --socket "$SOCKET" version --show daemon >/dev/null 2>&1 || { cat "$RUN/daemon.log"; echo "FAIL: the daemon did not start"; exit 1; }

as() { local user=$1; shift; setpriv --reuid="$user" --regid="$user" --init-groups "$@"; }
# HTTP status and Holdfast-Access header of one request, as "CODE LEVEL".
probe() {
    local user=$1 method=$2 path=$3
    as "$user" curl -s -o /dev/null -D - -X "$method" --unix-socket "$SOCKET" "http://unix$path" 2>/dev/null |
        awk 'NR==1 {code=$2} tolower($1)=="holdfast-access:" {level=$2} END {gsub(/\r/,"",level); print code, level}'
}
expect_probe() {
    local user=$1 method=$2 path=$3 want=$4 got
    got=$(probe "$user" "$method" "$path")
    if [ "$got" = "$want" ]; then pass "$user $method $path -> $got"; else fail "$user $method $path: expected '$want', got '$got'"; fi
}

grep -q "control socket access.*status: root and group '$STATUS_GROUP'; signals and pprof: root and group '$ADMIN_GROUP'" "$RUN/daemon.log" &&
    pass "the daemon logs its access rules" || fail "the access rules are not in the log: $(grep -i access "$RUN/daemon.log")"

# The file permissions: the group may reach the socket, others may not enter its directory.
[ "$(stat -c '%G %a' "$SOCKET")" = "$STATUS_GROUP 660" ] && pass "socket is $STATUS_GROUP 0660" ||
    fail "socket: $(stat -c '%U:%G %a' "$SOCKET")"
[ "$(stat -c '%G %a' "$RUN/sock")" = "$STATUS_GROUP 750" ] && pass "socket directory is $STATUS_GROUP 0750" ||
    fail "socket directory: $(stat -c '%U:%G %a' "$RUN/sock")"

# The outsider cannot even connect, and is told how to get in.
out=$(as "$OUTSIDER" "$HOLDFAST" --socket "$SOCKET" status 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q "permission denied" <<<"$out" && grep -q "usermod -aG holdfast" <<<"$out"; then
    pass "outsider: status refused: $out"
else
    fail "outsider status: rc=$rc: $out"
fi

# The member reads, and is refused signals and pprof with a 403 that says what would grant them.
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" status 2>&1) && grep -q access_snap <<<"$out" &&
    pass "member: status shows the job" || fail "member status: $out"
as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" version --show daemon >/dev/null 2>&1 && pass "member: version" ||
    fail "member: version"
expect_probe "$MEMBER" GET /status "200 status"
expect_probe "$MEMBER" GET /metrics "200 status"
expect_probe "$MEMBER" POST /debug/pprof "403 status"
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" signal wakeup access_snap 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q "may read the status, but requests that change what the daemon does (signals, configuration, holds, mounts, the profiler) need root or membership of group '$ADMIN_GROUP'" <<<"$out"; then
    pass "member: signal refused: $out"
else
    fail "member signal: rc=$rc: $out"
fi

# The holds actions and pause change the pools or what a job does: admin only, refused with the reason.
for path in /holdfast/v1/holds/release-stale /holdfast/v1/holds/abandon-resume /holdfast/v1/holds/stop-replicating; do
    expect_probe "$MEMBER" POST "$path" "403 status"
done
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" holds release-stale --dry-run 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q "need root or membership of group '$ADMIN_GROUP'" <<<"$out"; then
    pass "member: holds release-stale refused: $out"
else
    fail "member holds release-stale: rc=$rc: $out"
fi
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" abandon-resume pool/fs 2>&1) && fail "member: abandon-resume accepted: $out" ||
    pass "member: abandon-resume refused"
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" signal pause access_snap 2>&1) && fail "member: pause accepted: $out" ||
    pass "member: pause refused"

# Mounting a snapshot for browsing and releasing it are admin only; the leases and snapshot listings are readable.
expect_probe "$MEMBER" POST /holdfast/v1/browse "403 status"
expect_probe "$MEMBER" POST /holdfast/v1/browse/release "403 status"
expect_probe "$MEMBER" GET /holdfast/v1/browse "200 status"
# Past the access check the listing asks zfs: 404 for the missing filesystem, or 500 where no zfs runs here.
got=$(probe "$MEMBER" GET "/holdfast/v1/snapshots?filesystem=holdfast-access-test-nonexistent")
case $got in
"404 status" | "500 status") pass "member GET /holdfast/v1/snapshots -> $got" ;;
*) fail "member GET /holdfast/v1/snapshots: expected 404 or 500 with level status, got '$got'" ;;
esac
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" browse pool/fs@snap 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q "need root or membership of group '$ADMIN_GROUP'" <<<"$out"; then
    pass "member: browse refused: $out"
else
    fail "member browse: rc=$rc: $out"
fi
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" browse --release 0123456789abcdef 2>&1) &&
    fail "member: browse --release accepted: $out" || pass "member: browse --release refused"
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" browse --list 2>&1) && grep -q "No snapshot is mounted" <<<"$out" &&
    pass "member: browse --list" || fail "member browse --list: $out"

# The configuration: the status group reads it with the secrets redacted, and may neither validate, apply, reload
# nor test a connection.
for path in /holdfast/v1/config/validate /holdfast/v1/config/apply /holdfast/v1/reload /holdfast/v1/config/test-connect; do
    expect_probe "$MEMBER" POST "$path" "403 status"
done
expect_probe "$MEMBER" GET /holdfast/v1/config "200 status"
body=$(as "$MEMBER" curl -s --unix-socket "$SOCKET" -H "Holdfast-Peer-Level: admin" http://unix/holdfast/v1/config)
# (JSON escapes '<' and '>' as Go does.)
if grep -q '"redacted":true' <<<"$body" && grep -qF 'dsn: \u003credacted\u003e' <<<"$body" && ! grep -q access-secret <<<"$body" &&
    grep -q '"editable":false' <<<"$body" && grep -q "Only root and members of group “$ADMIN_GROUP” may change the configuration" <<<"$body"; then
    pass "member: the configuration, redacted, even when claiming to be an admin"
else
    fail "member GET /holdfast/v1/config: $body"
fi
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" config show 2>&1)
if grep -q "dsn: <redacted>" <<<"$out" && ! grep -q access-secret <<<"$out"; then
    pass "member: config show is redacted"
else
    fail "member config show: $out"
fi
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" reload 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q "need root or membership of group '$ADMIN_GROUP'" <<<"$out"; then
    pass "member: reload refused: $out"
else
    fail "member reload: rc=$rc: $out"
fi
cp "$RUN/holdfast.yml" "$RUN/proposed.yml"
out=$(as "$MEMBER" "$HOLDFAST" --socket "$SOCKET" config apply "$RUN/proposed.yml" 2>&1) &&
    fail "member: config apply accepted: $out" || pass "member: config apply refused"
# The pools and filesystems for a new backup: readable; 200, or 500 where no zfs runs here.
got=$(probe "$MEMBER" GET /holdfast/v1/filesystems)
case $got in
"200 status" | "500 status") pass "member GET /holdfast/v1/filesystems -> $got" ;;
*) fail "member GET /holdfast/v1/filesystems: expected 200 or 500 with level status, got '$got'" ;;
esac
# The admin sees the secret and may validate and reload.
body=$(as "$ADMIN" curl -s --unix-socket "$SOCKET" http://unix/holdfast/v1/config)
grep -q 'access-secret' <<<"$body" && grep -q '"editable":true' <<<"$body" && pass "admin: the configuration as it is" ||
    fail "admin GET /holdfast/v1/config: $body"
out=$(as "$ADMIN" "$HOLDFAST" --socket "$SOCKET" config validate "$RUN/proposed.yml" 2>&1) &&
    pass "admin: config validate: $(head -1 <<<"$out")" || fail "admin config validate: $out"
out=$(as "$ADMIN" "$HOLDFAST" --socket "$SOCKET" reload 2>&1) && pass "admin: reload: $(head -1 <<<"$out")" ||
    fail "admin reload: $out"

# The admin group's member and root may signal.
expect_probe "$ADMIN" GET /status "200 admin"
out=$(as "$ADMIN" "$HOLDFAST" --socket "$SOCKET" signal wakeup access_snap 2>&1) && pass "admin: signal accepted" ||
    fail "admin signal: $out"
# The job may still be busy with the admin's wake-up: the daemon then refuses with zrepl's reason, not for access.
out=$("$HOLDFAST" --socket "$SOCKET" signal wakeup access_snap 2>&1)
rc=$?
if [ $rc -eq 0 ] || grep -q "already woken up" <<<"$out"; then
    pass "root: signal accepted${out:+ ($out)}"
else
    fail "root signal: rc=$rc: $out"
fi
expect_probe root GET /status "200 admin"
# Admins get past the access check: the daemon answers the empty request itself.
expect_probe "$ADMIN" POST /holdfast/v1/browse "400 admin"

# The check is on the peer's credentials, not on the file: with the permissions opened to everyone, the outsider
# connects but is answered 403 for everything, and the daemon keeps serving.
chmod 0755 "$RUN/sock" && chmod 0666 "$SOCKET"
expect_probe "$OUTSIDER" GET /status "403 none"
expect_probe "$OUTSIDER" POST /signal "403 none"
body=$(as "$OUTSIDER" curl -s --unix-socket "$SOCKET" http://unix/status)
grep -q "permission denied: $OUTSIDER (uid [0-9]*) may not use this control socket; reading the status needs root or membership of group '$STATUS_GROUP'" <<<"$body" &&
    pass "outsider with open permissions: $body" || fail "outsider 403 body: $body"
chmod 0750 "$RUN/sock" && chmod 0660 "$SOCKET"
"$HOLDFAST" --socket "$SOCKET" status >/dev/null 2>&1 && pass "the daemon still serves" || fail "the daemon stopped serving"
kill -0 "$DAEMON_PID" 2>/dev/null || fail "the daemon died"

# A group that does not exist is a configuration error naming the field, not a silent lock-out.
sed "s/admin_group: $ADMIN_GROUP/admin_group: no-such-group-$TAG/" "$RUN/holdfast.yml" >"$RUN/bad.yml"
out=$("$HOLDFAST" --config "$RUN/bad.yml" configcheck 2>&1)
grep -q "admin_group: no such group .no-such-group-$TAG." <<<"$out" && pass "configcheck: $out" ||
    fail "configcheck of a missing group: $out"

if [ $FAILED -ne 0 ]; then
    echo "--- daemon log"
    cat "$RUN/daemon.log"
    exit 1
fi
echo "all socket access checks passed"
