# shellcheck shell=bash
# Sourced by the integration tests of the ssh transport: a private sshd on 127.0.0.1 that lets one client key in,
# and for that key runs only a forced command (as `command="...",restrict` in authorized_keys does for zrepl's
# ssh+stdinserver).
#   source sshd-env.sh
#   sshd_start WORKDIR FORCED_COMMAND || fail "sshd did not start"
#   ssh -p "$SSHD_PORT" -i "$SSH_CLIENT_KEY" -o UserKnownHostsFile="$SSH_KNOWN_HOSTS" \
#       -o StrictHostKeyChecking=yes -o BatchMode=yes -T root@127.0.0.1 ANYTHING     (or: sshd_ssh ANYTHING)
#   sshd_stop
# sshd_start skips the test (prints "SKIP: reason", exit 77) when not root or openssh-server is missing, so call it
# from the test's main shell, not from a subshell. It writes into WORKDIR (created if missing) the host and client
# keys, authorized_keys, known_hosts, sshd_config, sshd.pid and sshd.log, and exports SSHD_PORT, SSH_CLIENT_KEY,
# SSH_KNOWN_HOSTS and SSHD_PID (and SSHD_DIR, SSHD_CONFIG, SSHD_LOG). It returns non-zero, with the log on stderr,
# when sshd does not come up within 10 s.
# The forced command runs through root's login shell with sshd's environment, not the test's: give it absolute
# paths and put whatever environment it needs into the command itself (`env VAR=value /path/to/prog ...`).
# sshd_stop kills sshd and the sessions it started, and waits for them. sshd_start also makes the shell's EXIT trap
# call sshd_stop, before whatever EXIT trap was already set (so source emulator-env.sh, which sets one, first).

SSHD_PID=
_SSHD_PREV_EXIT_TRAP=

_sshd_skip() {
    echo "SKIP: $*"
    exit 77
}

# The EXIT trap: stop sshd, then run the trap that was there before sshd_start, with the exit status intact.
_sshd_on_exit() {
    local rc=$?
    set +e # exiting anyway: the previous trap runs whatever fails here
    sshd_stop
    if [ -n "$_SSHD_PREV_EXIT_TRAP" ]; then
        (exit "$rc")
        eval "$_SSHD_PREV_EXIT_TRAP"
    fi
    return "$rc"
}

_sshd_install_exit_trap() {
    local prev words
    prev=$(trap -p EXIT)
    case $prev in
    *_sshd_on_exit*) return 0 ;;
    esac
    if [ -n "$prev" ]; then
        # `trap -- 'command' EXIT`: the third word is the command, shell-quoted.
        eval "words=($prev)"
        _SSHD_PREV_EXIT_TRAP=${words[2]}
    fi
    trap _sshd_on_exit EXIT
}

# A TCP port in 20000-40000 nobody listens on (sshd_start retries should another process take it first).
_sshd_free_port() {
    local port used
    if command -v ss >/dev/null 2>&1; then
        used=$(ss -ltn 2>/dev/null | awk 'NR > 1 { n = split($4, a, ":"); print a[n] }')
        for _ in $(seq 100); do
            port=$((20000 + RANDOM % 20001))
            if ! grep -qx "$port" <<<"$used"; then
                echo "$port"
                return 0
            fi
        done
    fi
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Whether sshd (PID $1) listens on 127.0.0.1:$2.
_sshd_listening() {
    if command -v ss >/dev/null 2>&1; then
        ss -ltnp "sport = :$2" 2>/dev/null | grep -q "pid=$1,"
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null
    fi
}

# The PIDs of all descendants of the given processes.
_sshd_descendants() {
    local pid child
    for pid in "$@"; do
        for child in $(pgrep -P "$pid"); do
            echo "$child"
            _sshd_descendants "$child"
        done
    done
}

# Whether process $1 runs: not gone and not a zombie (the exited listener stays one until `wait`).
_sshd_alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}

sshd_start() {
    if [ $# -ne 2 ]; then
        echo "usage: sshd_start WORKDIR FORCED_COMMAND" >&2
        return 2
    fi
    [ "$(id -u)" -eq 0 ] || _sshd_skip "sshd test needs root to run sshd"
    if [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
        _sshd_skip "openssh-server not installed"
    fi
    [ -z "$SSHD_PID" ] || sshd_stop

    mkdir -p "$1" || return 1
    local dir forced port attempt pubkey
    dir=$(cd "$1" && pwd) || return 1
    # In authorized_keys, only \" is an escape inside the quoted command.
    forced=${2//\"/\\\"}
    rm -f "$dir/ssh_host_ed25519_key" "$dir/ssh_host_ed25519_key.pub" "$dir/client_ed25519" "$dir/client_ed25519.pub"
    ssh-keygen -q -t ed25519 -N '' -C holdfast-test-host -f "$dir/ssh_host_ed25519_key" || return 1
    ssh-keygen -q -t ed25519 -N '' -C holdfast-test-client -f "$dir/client_ed25519" || return 1
    pubkey=$(cat "$dir/client_ed25519.pub")
    printf 'command="%s",restrict %s\n' "$forced" "$pubkey" >"$dir/authorized_keys"
    # sshd's privilege separation directory, missing where the sshd service never ran (containers).
    [ -d /run/sshd ] || mkdir -m 0755 /run/sshd

    export SSHD_DIR=$dir
    export SSHD_CONFIG=$dir/sshd_config
    export SSHD_LOG=$dir/sshd.log
    export SSH_CLIENT_KEY=$dir/client_ed25519
    export SSH_KNOWN_HOSTS=$dir/known_hosts
    : >"$SSHD_LOG"
    _sshd_install_exit_trap
    for attempt in 1 2 3 4 5; do
        port=$(_sshd_free_port) || return 1
        cat >"$SSHD_CONFIG" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey "$dir/ssh_host_ed25519_key"
PidFile "$dir/sshd.pid"
AuthorizedKeysFile "$dir/authorized_keys"
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
MaxStartups 64
LogLevel VERBOSE
EOF
        echo "--- sshd_start: port $port (attempt $attempt)" >>"$SSHD_LOG"
        /usr/sbin/sshd -D -e -f "$SSHD_CONFIG" >>"$SSHD_LOG" 2>&1 &
        SSHD_PID=$!
        for _ in $(seq 200); do
            if _sshd_listening "$SSHD_PID" "$port"; then
                export SSHD_PID SSHD_PORT=$port
                printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" \
                    >"$SSH_KNOWN_HOSTS"
                return 0
            fi
            _sshd_alive "$SSHD_PID" || break
            sleep 0.05
        done
        if _sshd_alive "$SSHD_PID"; then
            echo "sshd_start: sshd does not listen on 127.0.0.1:$port after 10 s" >&2
            break
        fi
        wait "$SSHD_PID" 2>/dev/null || true
        SSHD_PID=
        # Another process took the port between choosing and binding it: choose again.
        tail -n 3 "$SSHD_LOG" | grep -q "Address already in use" || break
    done
    echo "sshd_start: sshd did not start; --- $SSHD_LOG" >&2
    cat "$SSHD_LOG" >&2
    sshd_stop
    return 1
}

sshd_stop() {
    [ -n "${SSHD_PID:-}" ] || return 0
    local pid=$SSHD_PID pids p alive=
    SSHD_PID=
    # Stopped, the listener forks no new session while its sessions are collected; SIGTERM acts on SIGCONT.
    kill -STOP "$pid" 2>/dev/null || true
    pids=$(_sshd_descendants "$pid")
    # shellcheck disable=SC2086
    kill -TERM "$pid" $pids 2>/dev/null || true
    # shellcheck disable=SC2086
    kill -CONT "$pid" $pids 2>/dev/null || true
    for _ in $(seq 100); do
        alive=
        for p in $pid $pids; do
            if _sshd_alive "$p"; then alive="$alive $p"; fi
        done
        [ -n "$alive" ] || break
        sleep 0.05
    done
    # shellcheck disable=SC2086
    [ -z "$alive" ] || kill -KILL $alive 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 0
}

# ssh to the test sshd as root with the client key, the host key checked, and no prompts.
sshd_ssh() {
    ssh -p "$SSHD_PORT" -i "$SSH_CLIENT_KEY" -o UserKnownHostsFile="$SSH_KNOWN_HOSTS" -o StrictHostKeyChecking=yes \
        -o BatchMode=yes -o IdentitiesOnly=yes -T root@127.0.0.1 "$@"
}
