#!/usr/bin/env bash
# Replication with the real daemon on real OpenZFS: run inside the OpenZFS VM (tests/openzfs-vm/run.sh), where
# `zfs` is OpenZFS 2.1 or 2.3 in the kernel. Each case gets its own pools, daemon and directory, and reports
# PASS or FAIL; the last line counts them.
#   test-replication.sh HOLDFAST_BINARY [CASE...]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../integration/emulator-env.sh" "$1" kernel holdfast-openzfs
shift
command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }

# --- helpers (each case runs in a subshell with WORK set to its own directory) ---------------------------------

# Data in a mounted filesystem: N MiB of random (incompressible) bytes in FILE.
write_data() { head -c "$(($2 * 1048576))" /dev/urandom >"$1" || fail "writing $1"; }
guid() { zfs get -H -p -o value guid "$1"; }
# `zfs holds` takes snapshots, not filesystems: every hold on every snapshot of the given filesystems and their
# children, as "snapshot<TAB>tag" lines; holds_on: of the filesystem's own snapshots only.
holds_of() { zfs list -H -o name -t snapshot -r "$@" | xargs -r zfs holds -H | cut -f 1,2; }
holds_on() { zfs list -H -o name -t snapshot -d 1 "$1" | xargs -r zfs holds -H | cut -f 1,2; }
cursor_name() { printf 'zrepl_CURSOR_G_%016x_J_%s' "$(guid "$1")" "$2"; }
# The replication report of JOB (KIND: push or pull).
report() { hf status --raw | jq --arg j "$1" --arg k "$2" '.[$j][$k]'; }

# Wakes JOB up and waits until the run it starts has replicated and pruned both sides: one client process that
# asks the daemon for its runs, where polling the whole status with a client and jq per poll cost as much CPU as
# the daemon's own work under emulation. Whether the run succeeded, the callers' checks tell in detail.
wakeup_and_wait() { # JOB KIND
    local out rc
    out=$(hf signal wakeup "$1" --wait --timeout 300s 2>&1)
    rc=$?
    [ "$rc" -ne 124 ] || fail "the run of $1 did not finish within 300 s: $out"
    [ "$rc" -eq 0 ] || echo "    run of $1: $out"
    return 0
}

# The last attempt of JOB's replication finished without error, with every filesystem done.
expect_replication_done() { # JOB KIND
    local st
    st=$(report "$1" "$2")
    jq -e '.Replication.Attempts[-1].State == "done" and
        ([.Replication.Attempts[-1].Filesystems[] | select(.State != "done")] | length == 0)' <<<"$st" >/dev/null ||
        fail "the replication of $1 did not end done: $(jq -c '.Replication.Attempts[-1]' <<<"$st")"
}

# The received filesystem (and its children) holds the source's files, byte for byte. The daemon receives with
# `-u`, and the received filesystems inherit mountpoint=none from their placeholder parents (as with zrepl): they
# are mounted read-only by hand, without changing a property, and unmounted again (a read-write mount's atime
# updates would make the next incremental receive fail: "destination has been modified").
expect_same_files() { # SOURCE_FS RECEIVED_FS
    local fs dir mounted=() src top=$WORK/received/$2
    for fs in $(zfs list -H -o name -r "$2"); do
        dir=$top${fs#"$2"}
        mkdir -p "$dir" 2>/dev/null
        mount -t zfs -o ro,zfsutil "$fs" "$dir" || fail "cannot mount $fs read-only at $dir"
        mounted=("$dir" ${mounted[@]+"${mounted[@]}"})
    done
    src=$(zfs get -H -o value mountpoint "$1")
    diff -r "$src" "$top" >/dev/null || fail "$2 differs from $1: $(diff -rq "$src" "$top" 2>&1 | head -n 5)"
    for dir in "${mounted[@]}"; do umount "$dir" || fail "cannot unmount $dir"; done
}

expect_same_guid() { # SRC_SNAPSHOT DST_SNAPSHOT
    local a b
    a=$(guid "$1") b=$(guid "$2" 2>/dev/null)
    [ -n "$a" ] && [ "$a" = "$b" ] || fail "$2 (guid ${b:-none}) is not $1 (guid $a)"
}

# After a completed step: the sender's only v2 cursor of JOB is on SNAPSHOT, the receiver's last-received hold of
# JOB is on RECEIVED only, and no step hold or step bookmark is left on either pool.
expect_cursor_and_holds() { # SENDER_SNAPSHOT SENDING_JOB RECEIVED_SNAPSHOT RECEIVING_JOB
    local fs=${1%@*} rfs=${3%@*} cursors held
    cursors=$(zfs list -H -o name -t bookmark "$fs" | grep "#zrepl_CURSOR_G_.*_J_$2\$" | tr '\n' ' ')
    [ "$cursors" = "$fs#$(cursor_name "$1" "$2") " ] || fail "cursors of $fs: '$cursors', expected the one of $1"
    held=$(holds_on "$rfs" | awk -F '\t' -v t="zrepl_last_received_J_$4" '$2 == t { print $1 }' | tr '\n' ' ')
    [ "$held" = "$3 " ] || fail "last-received holds of job $4 on $rfs: '$held', expected $3"
    holds_of "${fs%%/*}" "${rfs%%/*}" | grep -q zrepl_STEP && fail "step holds left: $(holds_of "${fs%%/*}" "${rfs%%/*}" | grep zrepl_STEP)"
    zfs list -H -o name -t bookmark -r "${fs%%/*}" | grep -q '#zrepl_STEP' && fail "step bookmarks left"
    return 0
}

free_port() {
    local port
    for port in $(seq 21000 21100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# --- cases ---------------------------------------------------------------------------------------------------

# A full and then an incremental round over the local transport; parents the filter leaves out become placeholders.
case_local_push_sink() {
    make_pool src "$WORK/mnt/src"
    make_pool dst "$WORK/mnt/dst"
    zfs create -p src/home/docs || fail "zfs create"
    write_data "$WORK/mnt/src/home/a" 4
    write_data "$WORK/mnt/src/home/docs/b" 2
    zfs snapshot -r src/home@hf_1 || fail snapshot
    { global_yaml; push_sink_jobs_yaml "src/home<"; } >"$WORK/holdfast.yml"
    start_daemon
    wakeup_and_wait push push
    expect_replication_done push push
    local r=dst/sink/ws/src/home
    expect_same_files src/home dst/sink/ws/src/home
    for fs in home home/docs; do
        expect_same_guid "src/$fs@hf_1" "dst/sink/ws/src/$fs@hf_1"
        expect_cursor_and_holds "src/$fs@hf_1" push "dst/sink/ws/src/$fs@hf_1" sink
    done
    [ "$(zfs get -H -o value -s local zrepl:placeholder dst/sink/ws/src)" = on ] ||
        fail "dst/sink/ws/src is not a placeholder: $(zfs get -H zrepl:placeholder dst/sink/ws/src)"
    # Children inherit the user property; only a local value marks a placeholder.
    [ -z "$(zfs get -H -o value -s local zrepl:placeholder $r)" ] || fail "$r is marked a placeholder"

    write_data "$WORK/mnt/src/home/c" 3
    rm "$WORK/mnt/src/home/a"
    zfs snapshot -r src/home@hf_2 || fail snapshot
    wakeup_and_wait push push
    expect_replication_done push push
    expect_same_files src/home dst/sink/ws/src/home
    for fs in home home/docs; do
        expect_same_guid "src/$fs@hf_2" "dst/sink/ws/src/$fs@hf_2"
        expect_same_guid "src/$fs@hf_1" "dst/sink/ws/src/$fs@hf_1"
        expect_cursor_and_holds "src/$fs@hf_2" push "dst/sink/ws/src/$fs@hf_2" sink
    done
    # The incremental round sent only what changed: far less than the 9 MiB written.
    local bytes
    bytes=$(report push push | jq '[.Replication.Attempts[-1].Filesystems[].Steps[]?.Info.BytesReplicated] | add')
    [ "$bytes" -lt 6000000 ] || fail "the incremental round sent $bytes bytes"
}

# The same over tcp to a sink in the same daemon: the stream goes through the protocol and a socket.
case_tcp_push_sink() {
    make_pool src "$WORK/mnt/src"
    make_pool dst "$WORK/mnt/dst"
    zfs create src/data || fail "zfs create"
    write_data "$WORK/mnt/src/data/a" 6
    zfs snapshot src/data@t1 || fail snapshot
    local port
    port=$(free_port)
    { global_yaml; push_sink_jobs_yaml src/data "{type: tcp, address: \"127.0.0.1:$port\"}" \
        "{type: tcp, listen: \"127.0.0.1:$port\", clients: {\"127.0.0.1\": \"lan\"}}"; } >"$WORK/holdfast.yml"
    start_daemon
    wakeup_and_wait push push
    expect_replication_done push push
    expect_same_guid src/data@t1 dst/sink/lan/src/data@t1
    write_data "$WORK/mnt/src/data/b" 2
    zfs snapshot src/data@t2 || fail snapshot
    wakeup_and_wait push push
    expect_replication_done push push
    expect_same_files src/data dst/sink/lan/src/data
    expect_cursor_and_holds src/data@t2 push dst/sink/lan/src/data@t2 sink
}

# A pull job fetching from a source job over tcp: the cursor is the source job's, the hold the pull job's.
case_pull_source() {
    make_pool src "$WORK/mnt/src"
    make_pool dst "$WORK/mnt/dst"
    zfs create src/data || fail "zfs create"
    write_data "$WORK/mnt/src/data/a" 5
    zfs snapshot src/data@p1 || fail snapshot
    local port
    port=$(free_port)
    {
        global_yaml
        cat <<YAML
jobs:
  - name: source
    type: source
    serve: {type: tcp, listen: "127.0.0.1:$port", clients: {"127.0.0.1": "puller"}}
    filesystems: {"src/data": true}
    snapshotting: {type: manual}
  - name: pull
    type: pull
    connect: {type: tcp, address: "127.0.0.1:$port"}
    root_fs: dst/pulled
    interval: manual
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 10}]
      keep_receiver: [{type: last_n, count: 10}]
YAML
    } >"$WORK/holdfast.yml"
    start_daemon
    wakeup_and_wait pull pull
    expect_replication_done pull pull
    expect_same_guid src/data@p1 dst/pulled/src/data@p1
    write_data "$WORK/mnt/src/data/b" 1
    zfs snapshot src/data@p2 || fail snapshot
    wakeup_and_wait pull pull
    expect_replication_done pull pull
    expect_same_files src/data dst/pulled/src/data
    expect_cursor_and_holds src/data@p2 source dst/pulled/src/data@p2 pull
}

# The sender's `zfs send` killed in the middle of a full stream: the attempt fails temporarily, the next attempt
# resumes from the receiver's real receive_resume_token, and the data arrives whole.
# The daemon runs `zfs` through a wrapper that makes the stream trickle while $WORK/slow exists: how long a real
# stream takes depends on the machine (16 MiB went by within a second on CI), and a cut must land in the middle.
case_killed_send_resumes() {
    make_pool src "$WORK/mnt/src" 1G
    make_pool dst "$WORK/mnt/dst" 1G
    zfs create src/big || fail "zfs create"
    write_data "$WORK/mnt/src/big/data" 16
    zfs snapshot src/big@k1 || fail snapshot
    { global_yaml; push_sink_jobs_yaml src/big; } >"$WORK/holdfast.yml"
    cat >"$WORK/zfs-trickle" <<'WRAPPER'
#!/usr/bin/env bash
# `zfs send` of a stream (not a dry run such as -nvP) at about 1 MiB/s while the flag file exists.
flag=${0%/*}/slow
if [ "$1" = send ] && [ -e "$flag" ] && ! printf '%s\n' "$@" | grep -q '^-[a-zA-Z]*n[a-zA-Z]*$'; then
    set -o pipefail
    zfs "$@" | perl -e '$| = 1; while (sysread(STDIN, $b, 65536)) { syswrite(STDOUT, $b); select(undef, undef, undef, 0.06); }'
    exit
fi
exec zfs "$@"
WRAPPER
    chmod +x "$WORK/zfs-trickle"
    touch "$WORK/slow"
    HOLDFAST_ZFS_BINARY=$WORK/zfs-trickle start_daemon
    hf signal wakeup push >/dev/null || fail wakeup
    # Watching the process is cheap, where asking the daemon for its progress takes longer under emulation.
    local bytes pid=
    stream_pid() { pgrep -af "^zfs send .*src/big@k1" | grep -v -- ' -[a-zA-Z]*n' | cut -d' ' -f1 | head -n 1; }
    for _ in $(seq 1200); do
        pid=$(stream_pid)
        [ -n "$pid" ] && break
        sleep 0.05
    done
    [ -n "$pid" ] || fail "no zfs send of src/big@k1 started within 60 s"
    sleep 2
    # The resumed stream runs at full speed.
    rm "$WORK/slow"
    kill -KILL "$pid" || fail "zfs send ended within 2 s even at 1 MiB/s: nothing to cut"
    bytes=$(report push push | jq '[.Replication.Attempts[-1].Filesystems[]?.Steps[]?.Info.BytesReplicated] | add // 0')
    echo "    killed zfs send after $bytes bytes"
    for _ in $(seq 900); do
        report push push | jq -e '(.PruningReceiver.State // "") | IN("Done", "PlanErr", "ExecErr")' >/dev/null && break
        sleep 0.2
    done
    local st
    st=$(report push push)
    if ! jq -e '.Replication.Attempts[-1].State == "done"' <<<"$st" >/dev/null; then
        # The cut attempt ended the round: the next wakeup must resume it.
        wakeup_and_wait push push
        st=$(report push push)
    fi
    expect_replication_done push push
    jq -e '[.Replication.Attempts[].Filesystems[].Steps[]?.Info.Resumed] | any' <<<"$st" >/dev/null ||
        fail "the step was not resumed from the token: $(jq -c '.Replication.Attempts' <<<"$st")"
    expect_same_guid src/big@k1 dst/sink/ws/src/big@k1
    expect_same_files src/big dst/sink/ws/src/big
    expect_cursor_and_holds src/big@k1 push dst/sink/ws/src/big@k1 sink
}

# A raw send of an encrypted filesystem: the receiver gets the ciphertext, its key is not loaded there, and the
# received data is the sender's once the key is loaded by hand.
case_raw_encrypted() {
    make_pool src "$WORK/mnt/src"
    make_pool dst "$WORK/mnt/dst"
    printf 'correct horse battery staple' >"$WORK/key"
    zfs create -o encryption=on -o keyformat=passphrase -o keylocation="file://$WORK/key" src/secret ||
        fail "zfs create encrypted"
    write_data "$WORK/mnt/src/secret/a" 3
    zfs snapshot src/secret@e1 || fail snapshot
    { global_yaml; push_sink_jobs_yaml src/secret "" "" "send: {encrypted: true}"; } >"$WORK/holdfast.yml"
    start_daemon
    wakeup_and_wait push push
    expect_replication_done push push
    write_data "$WORK/mnt/src/secret/b" 1
    zfs snapshot src/secret@e2 || fail snapshot
    wakeup_and_wait push push
    expect_replication_done push push
    local r=dst/sink/ws/src/secret
    expect_same_guid src/secret@e2 "$r@e2"
    expect_cursor_and_holds src/secret@e2 push "$r@e2" sink
    [ "$(zfs get -H -o value encryption $r)" = aes-256-gcm ] || fail "$r is not encrypted: $(zfs get -H encryption $r)"
    [ "$(zfs get -H -o value keystatus $r)" = unavailable ] || fail "the key of $r is loaded on the receiver"
    report push push | jq -e '[.Replication.Attempts[-1].Filesystems[].Steps[].Info.Encrypted] | all(. == "yes")' \
        >/dev/null || fail "the report does not say the steps were encrypted: $(report push push | jq -c .Replication)"
    zfs load-key -L "file://$WORK/key" "$r" || fail "load-key on the receiver"
    expect_same_files src/secret "$r"
}

# Pruning the sender to the newest two snapshots destroys the others, except one with a user's hold.
case_pruning_skips_held() {
    make_pool src "$WORK/mnt/src"
    make_pool dst
    zfs create src/p || fail "zfs create"
    for n in 1 2 3 4 5; do
        write_data "$WORK/mnt/src/p/f$n" 1
        zfs snapshot "src/p@s$n" || fail snapshot
    done
    zfs hold keepme src/p@s1 || fail hold
    {
        global_yaml
        push_sink_jobs_yaml src/p | sed 's/keep_sender: .*/keep_sender: [{type: not_replicated}, {type: last_n, count: 2}]/'
    } >"$WORK/holdfast.yml"
    start_daemon
    wakeup_and_wait push push
    expect_replication_done push push
    local left
    left=$(zfs list -H -o name -t snapshot -s createtxg src/p | tr '\n' ' ')
    [ "$left" = "src/p@s1 src/p@s4 src/p@s5 " ] || fail "sender keeps '$left', expected s1 (held), s4 and s5"
    report push push | jq -e '.PruningSender | tostring | test("held")' >/dev/null ||
        fail "the sender's pruning report does not say s1 was held: $(report push push | jq -c .PruningSender)"
    # The first replication is a full send of the newest snapshot only (zrepl's policy).
    [ "$(zfs list -H -o name -t snapshot dst/sink/ws/src/p | tr '\n' ' ')" = "dst/sink/ws/src/p@s5 " ] ||
        fail "receiver: $(zfs list -H -o name -t snapshot dst/sink/ws/src/p | tr '\n' ' ')"
}

# `holdfast holds list` names exactly the holds and bookmarks of Holdfast's (and zrepl's) that zfs shows, with the
# v1 cursor a zrepl of old left.
case_holds_list() {
    make_pool src "$WORK/mnt/src"
    make_pool dst
    zfs create src/h || fail "zfs create"
    zfs snapshot src/h@a || fail snapshot
    zfs snapshot src/h@b || fail snapshot
    zfs bookmark src/h@a "src/h#zrepl_replication_cursor" || fail bookmark
    zfs hold zrepl_STEP_J_other src/h@a || fail hold
    zfs hold unrelated src/h@a || fail hold
    { global_yaml; push_sink_jobs_yaml src/h; } >"$WORK/holdfast.yml"
    start_daemon
    wakeup_and_wait push push
    expect_replication_done push push
    local listing
    listing=$(hf holds list --zrepl) || fail "holds list failed"
    jq . <<<"$listing" >/dev/null || fail "holds list is not JSON: $listing"
    # Every zrepl hold zfs shows, and every zrepl bookmark, appears in the listing; the user's own hold does not.
    [ "$(holds_of src dst | grep -c zrepl_)" -ge 2 ] || fail "expected the step and last-received holds: $(holds_of src dst)"
    while IFS=$'\t' read -r snap tag; do
        case $tag in
        zrepl_*) grep -q "$tag" <<<"$listing" && grep -q "${snap#*@}" <<<"$listing" ||
            fail "holds list misses $tag on $snap: $listing" ;;
        *) grep -q "\"$tag\"" <<<"$listing" && fail "holds list shows the user's hold $tag" ;;
        esac
    done < <(holds_of src dst)
    while read -r bm; do
        grep -q "${bm#*#}" <<<"$listing" || fail "holds list misses the bookmark $bm: $listing"
    done < <(zfs list -H -o name -t bookmark -r src | grep '#zrepl_')
    grep -q zrepl_replication_cursor <<<"$listing" || fail "the v1 cursor is not listed"
    grep -q zrepl_last_received_J_sink <<<"$listing" || fail "the last-received hold is not listed"
    # The filter narrows it to the receiver: no sender state.
    listing=$(hf holds list --zrepl "dst<:ok") || fail "holds list with a filter"
    grep -q 'src/h#' <<<"$listing" && fail "the filtered listing shows the sender's bookmarks"
    return 0
}

# A snap job's hooks run around each snapshot, with zrepl's environment.
case_snapshot_hooks() {
    make_pool src "$WORK/mnt/src"
    zfs create src/s || fail "zfs create"
    cat >"$WORK/hook.sh" <<EOF
#!/bin/sh
echo "\$ZREPL_HOOKTYPE \$ZREPL_FS \$ZREPL_SNAPNAME \$ZREPL_DRYRUN" >>"$WORK/hook.log"
EOF
    chmod +x "$WORK/hook.sh"
    {
        global_yaml
        cat <<YAML
jobs:
  - name: snaps
    type: snap
    filesystems: {"src/s": true}
    snapshotting:
      type: periodic
      prefix: hf_
      interval: 1h
      hooks:
        - {type: command, path: "$WORK/hook.sh", timeout: 30s, err_is_fatal: true}
    pruning:
      keep: [{type: last_n, count: 5}]
YAML
    } >"$WORK/holdfast.yml"
    start_daemon
    for _ in $(seq 300); do
        [ "$(grep -c . "$WORK/hook.log" 2>/dev/null)" = 2 ] && break
        sleep 0.1
    done
    local snap
    snap=$(zfs list -H -o name -t snapshot src/s | head -n 1)
    [ -n "$snap" ] || fail "no snapshot taken: $(cat "$WORK/daemon.log")"
    # ZREPL_DRYRUN is "true" in a dry run and empty otherwise, as zrepl sets it.
    [ "$(cat "$WORK/hook.log")" = "pre_snapshot src/s ${snap#*@} 
post_snapshot src/s ${snap#*@} " ] || fail "hook log: $(cat "$WORK/hook.log" 2>&1)"
}

# The daemon detects what this OpenZFS can do, and says so.
case_capabilities() {
    make_pool src
    zfs create src/c || fail "zfs create"
    zfs snapshot src/c@one || fail snapshot
    { global_yaml debug; push_sink_jobs_yaml src/c; } >"$WORK/holdfast.yml"
    sed -i 's|root_fs: dst/sink|root_fs: src/sink|' "$WORK/holdfast.yml"
    start_daemon
    wakeup_and_wait push push
    expect_replication_done push push
    local kernel
    kernel=$(cat /sys/module/zfs/version)
    grep -q "OpenZFS ${kernel%%-*}" "$WORK/daemon.log" || fail "the daemon does not log the OpenZFS version ${kernel%%-*}"
    grep -i "capabilit" "$WORK/daemon.log" | head -n 3 | sed 's/^/    /'
    grep -q "no feature@\|cannot resume\|are unavailable" "$WORK/daemon.log" &&
        fail "the daemon thinks this OpenZFS lacks something: $(grep -i 'feature@\|unavailable' "$WORK/daemon.log")"
    return 0
}

# Freshness from the real pools: after a replication the push job's filesystems show the replica and the sink its
# receive; a restarted daemon finds both again, the replica from the replication cursor and the time of the receive
# from the last-received hold's timestamp (`zfs holds` text on 2.1, -p on 2.2+).
case_freshness() {
    make_pool src "$WORK/mnt/src"
    make_pool dst
    zfs create src/f || fail "zfs create"
    write_data "$WORK/mnt/src/f/a" 1
    zfs snapshot src/f@f1 || fail snapshot
    { global_yaml; push_sink_jobs_yaml src/f; } >"$WORK/holdfast.yml"
    start_daemon
    wakeup_and_wait push push
    expect_replication_done push push
    zfs snapshot src/f@f2 || fail snapshot
    local fresh sock=$WORK/run/control before
    fresh() { curl -sf --unix-socket "$sock" http://holdfast/holdfast/v1/freshness; }
    fs_field() { fresh | jq -r --arg j "$1" --arg f "$2" ".jobs[] | select(.job == \$j) | .filesystems[] | select(.filesystem == \$f) | $3"; }
    [ "$(fs_field push src/f .replicated_snapshot.name)" = f1 ] || fail "push replica: $(fresh)"
    [ "$(fs_field sink dst/sink/ws/src/f .replicated_snapshot.name)" = f1 ] || fail "sink replica: $(fresh)"
    before=$(date +%s)
    kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null
    start_daemon
    for _ in $(seq 150); do
        [ "$(fs_field sink dst/sink/ws/src/f .replicated_snapshot.name 2>/dev/null)" = f1 ] &&
            [ "$(fs_field push src/f .unreplicated_snapshots 2>/dev/null)" = 1 ] && break
        sleep 0.2
    done
    [ "$(fs_field push src/f .replicated_snapshot.name)" = f1 ] || fail "push replica after a restart: $(fresh)"
    [ "$(fs_field push src/f .unreplicated_snapshots)" = 1 ] || fail "f2 not counted as unreplicated: $(fresh)"
    [ "$(fs_field push src/f .snapshots)" = 2 ] || fail "snapshot count after a restart: $(fresh)"
    [ "$(fs_field sink dst/sink/ws/src/f .replicated_snapshot.name)" = f1 ] || fail "sink replica after a restart: $(fresh)"
    # The hold was taken during the replication, at most a few minutes before the restart.
    local received
    received=$(fs_field sink dst/sink/ws/src/f .last_success_at | jq -Rr 'sub("\\.[0-9]+";"") | fromdateiso8601' 2>/dev/null)
    [ -n "$received" ] && [ "$received" -le "$before" ] && [ "$received" -ge $((before - 600)) ] ||
        fail "the sink's receive time after a restart is not the hold's: $(fs_field sink dst/sink/ws/src/f .last_success_at), restart at $before"
    [ "$(fs_field sink dst/sink/ws/src/f .health)" = ok ] || fail "sink health: $(fresh)"
}

# --- runner --------------------------------------------------------------------------------------------------

all_cases=(local_push_sink tcp_push_sink pull_source killed_send_resumes raw_encrypted pruning_skips_held holds_list
    snapshot_hooks capabilities freshness)
[ $# -gt 0 ] && all_cases=("$@")
passed=0 failed=0 failures=()
for c in "${all_cases[@]}"; do
    start=$SECONDS
    (
        WORK=$WORK/$c
        mkdir -p "$WORK"
        DAEMON_PID=
        trap cleanup EXIT
        "case_$c"
    )
    if [ $? -eq 0 ]; then
        echo "PASS: $c ($((SECONDS - start)) s)"
        passed=$((passed + 1))
    else
        echo "FAIL: $c ($((SECONDS - start)) s)"
        failed=$((failed + 1))
        failures+=("$c")
    fi
done
echo "openzfs $(cat /sys/module/zfs/version) replication: ${failures[*]:+failed: ${failures[*]}}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
