#!/usr/bin/env bash
# Self-test of the transport test set-up: pki.sh makes certificates that verify against their CA (and a rogue client
# certificate that does not); sshd-env.sh starts a private sshd whose client key runs only the forced command, passes
# stdin and stdout through unchanged, and leaves no process behind.
#   test-sshd-env.sh
# Exit 0: pass, 77: skipped (the reason printed), 1: failure.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/holdfast-sshd-env.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

fail() {
    echo "FAIL: $*" >&2
    if [ -s "${SSHD_LOG:-}" ]; then
        echo "--- sshd log" >&2
        cat "$SSHD_LOG" >&2
    fi
    exit 1
}

# --- pki.sh
command -v openssl >/dev/null 2>&1 || { echo "SKIP: openssl not installed"; exit 77; }
PKI=$WORK/pki
bash "$HERE/pki.sh" "$PKI" || fail "pki.sh"
first_ca=$(cat "$PKI/ca.crt")
bash "$HERE/pki.sh" "$PKI" || fail "pki.sh run again over its own output"
[ "$(cat "$PKI/ca.crt")" != "$first_ca" ] || fail "pki.sh run again did not make a new CA"
for f in ca rogue-ca server client1 client2 rogue; do
    if [ ! -s "$PKI/$f.crt" ] || [ ! -s "$PKI/$f.key" ]; then fail "pki.sh made no $f.crt/$f.key"; fi
done
out=$(openssl verify -CAfile "$PKI/ca.crt" "$PKI/server.crt" "$PKI/client1.crt" "$PKI/client2.crt" 2>&1) ||
    fail "server/client certificates do not verify against ca.crt: $out"
out=$(openssl verify -CAfile "$PKI/ca.crt" -purpose sslserver "$PKI/server.crt" 2>&1) || fail "server.crt: $out"
out=$(openssl verify -CAfile "$PKI/ca.crt" -purpose sslclient "$PKI/client1.crt" 2>&1) || fail "client1.crt: $out"
out=$(openssl verify -CAfile "$PKI/ca.crt" "$PKI/rogue.crt" 2>&1) && fail "rogue.crt verifies against ca.crt: $out"
out=$(openssl verify -CAfile "$PKI/rogue-ca.crt" "$PKI/rogue.crt" 2>&1) || fail "rogue.crt, rogue-ca.crt: $out"
subject() { openssl x509 -in "$PKI/$1.crt" -noout -subject -nameopt multiline | sed -n 's/^ *commonName *= *//p'; }
[ "$(subject server)" = sink.holdfast.test ] || fail "server CN: $(subject server)"
[ "$(subject client1)" = client1 ] || fail "client1 CN: $(subject client1)"
[ "$(subject client2)" = client2 ] || fail "client2 CN: $(subject client2)"
[ "$(subject rogue)" = client1 ] || fail "rogue CN: $(subject rogue)"
san=$(openssl x509 -in "$PKI/server.crt" -noout -ext subjectAltName)
grep -q "DNS:sink.holdfast.test, DNS:localhost, IP Address:127.0.0.1" <<<"$san" || fail "server SAN: $san"
# Both ends of each pair belong together.
for f in ca server client1 client2 rogue-ca rogue; do
    [ "$(openssl x509 -in "$PKI/$f.crt" -noout -pubkey)" = "$(openssl pkey -in "$PKI/$f.key" -pubout)" ] ||
        fail "$f.key is not the key of $f.crt"
done
echo "ok: pki.sh"

# --- sshd-env.sh
source "$HERE/sshd-env.sh"
# Running sshd processes; not zombies, which their new parent (pid 1) may reap only a little later.
sshd_processes() {
    local p
    for p in $(pgrep -x sshd | sort); do
        if _sshd_alive "$p"; then echo "$p"; fi
    done
}
before=$(sshd_processes)

sshd_start "$WORK/sshd" "/bin/echo forced" || fail "sshd_start"
for v in SSHD_PORT SSH_CLIENT_KEY SSH_KNOWN_HOSTS SSHD_PID; do
    [ -n "${!v:-}" ] || fail "$v not set"
    [ "$(bash -c "echo \"\${$v:-}\"")" = "${!v}" ] || fail "$v not exported"
done
first_pid=$SSHD_PID
out=$(ssh -p "$SSHD_PORT" -i "$SSH_CLIENT_KEY" -o UserKnownHostsFile="$SSH_KNOWN_HOSTS" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -T root@127.0.0.1 "touch $WORK/not-forced" </dev/null 2>&1) || fail "ssh: $out"
[ "$out" = forced ] || fail "the forced command did not run: '$out'"
[ ! -e "$WORK/not-forced" ] || fail "the client's command ran instead of the forced one"

# Restart with another forced command: stdin and stdout of the session are a clean byte pipe (the transport's stream).
sshd_start "$WORK/sshd" cat || fail "sshd_start again"
_sshd_alive "$first_pid" && fail "sshd_start did not stop the previous sshd"
head -c 1048576 /dev/urandom >"$WORK/data"
sshd_ssh anything <"$WORK/data" >"$WORK/echoed" 2>"$WORK/ssh.err" || fail "ssh cat: $(cat "$WORK/ssh.err")"
cmp -s "$WORK/data" "$WORK/echoed" || fail "the forced cat did not echo stdin ($(stat -c %s "$WORK/echoed") bytes back)"
grep -q "Accepted publickey for root" "$SSHD_LOG" || fail "no accepted login in the sshd log"

# A session still open when sshd_stop comes is ended too.
mkfifo "$WORK/stdin"
sshd_ssh anything <"$WORK/stdin" >/dev/null 2>&1 &
client=$!
exec 3>"$WORK/stdin" # the session's stdin, held open until the end
session_runs() {
    local p
    for p in $(_sshd_descendants "$SSHD_PID"); do
        [ "$(cat "/proc/$p/comm" 2>/dev/null)" = cat ] && return 0
    done
    return 1
}
for _ in $(seq 200); do
    session_runs && break
    sleep 0.05
done
session_runs || fail "the forced cat of the open session does not run under sshd"
session=$(_sshd_descendants "$SSHD_PID")
pid=$SSHD_PID
sshd_stop
[ -z "$SSHD_PID" ] || fail "sshd_stop left SSHD_PID set"
wait "$client" 2>/dev/null
exec 3>&-
for p in $pid $session; do
    _sshd_alive "$p" && fail "process $p of the test's sshd survived sshd_stop: $(ps -o pid=,args= -p "$p")"
done
after=$(sshd_processes)
[ "$after" = "$before" ] || fail "sshd processes before: [$before], after: [$after]"
pgrep -af "$WORK" && fail "processes of the test's sshd left"
echo "ok: sshd-env.sh"
echo "PASS: transport test set-up (pki.sh, sshd-env.sh)"
