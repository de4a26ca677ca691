#!/usr/bin/env bash
# bench-openzfs: the real daemon replicating on real OpenZFS, next to the least a shell does for the same, measured
# in the same run (bench/README.md). Run it inside the OpenZFS VM:
#   tests/openzfs-vm/run.sh --zfs 2.3 -- bash bench/replication/bench-openzfs.sh HOLDFAST_BINARY [--quick]
#       [--filesystems N] [--stream-mib M]
# Exits 1 when a result is wrong (a round not done, a received snapshot whose guid is not the sender's), never on a
# timing; 77 where there is no kernel OpenZFS or no jq. With $OUT set, the table is also written to $OUT.
set -uo pipefail
export LC_ALL=C # a decimal point in $EPOCHREALTIME and awk
HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: bench-openzfs.sh HOLDFAST_BINARY [--quick] [--filesystems N] [--stream-mib M]" >&2; exit 2; }
source "$HERE/../../tests/integration/emulator-env.sh" "$1" kernel holdfast-bench
shift
# 10 filesystems, not 100: under qemu's emulation a zfs process takes 0.5-2 s and a Holdfast step runs 14 of them,
# so a round of 100 takes 15-30 minutes and the bench well over an hour (bench/README.md).
N=10 BIG_MIB=256 NOOP_ROUNDS=3
while [ $# -gt 0 ]; do
    case $1 in
    --quick) BIG_MIB=32 NOOP_ROUNDS=1; shift ;;
    --filesystems) N=$2; shift 2 ;;
    --stream-mib) BIG_MIB=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }
unset HOLDFAST_ZFS_BINARY HOLDFAST_ZPOOL_BINARY # the daemon must run zfs from PATH, where the counting wrapper goes
SRC=hfbench_src DST=hfbench_dst
ROUND_TIMEOUT=$((120 + 30 * N + BIG_MIB)) # seconds; under TCG a zfs command takes 0.3-2 s, a step 14 of them
LOG=$WORK/daemon.log
keep_logs() { [ -n "${OUT:-}" ] && cp "$WORK"/daemon*.log "$WORK"/calls.log "$OUT/" 2>/dev/null; return 0; }
fail() {
    echo "FAIL: $*" >&2
    [ -f "$LOG" ] && { echo "--- last lines of $LOG" >&2; tail -n 30 "$LOG" >&2; }
    keep_logs
    exit 1
}
now() { echo "$EPOCHREALTIME"; }
say() { echo "[$((SECONDS / 60))m$(printf '%02d' $((SECONDS % 60)))s] $*"; }
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# RFC 3339 (the daemon's report and JSON log) to Unix seconds, in jq.
JQ_TS='def ts: capture("^(?<d>[0-9-]+T[0-9:]+)(?<f>\\.[0-9]+)?(?<z>Z|[+-][0-9:]+)$")
    | ((.d + "Z") | fromdateiso8601) + (if .f then ("0" + .f | tonumber) else 0 end)
    - (if .z == "Z" then 0 else (.z[0:1] + "1" | tonumber) * ((.z[1:3] | tonumber) * 3600 + (.z[4:6] | tonumber) * 60) end);'
pad() { printf '%03d' "$1"; }
FS=()
for i in $(seq "$N"); do FS+=("f$(pad "$i")"); done

# --- the result table ---------------------------------------------------------------------------------------------
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 |"); } # FIGURE VALUE BASELINE RATIO
fmt_s() { awk -v v="$1" 'BEGIN { printf (v >= 100 || v <= -100) ? "%.0f s" : (v >= 10 || v <= -10) ? "%.1f s" : "%.2f s", v }'; }
secs_row() { row "$1" "$(fmt_s "$2")" "$(fmt_s "$3")" "$(printf '%.2f' "$(calc "$2 / $3")")"; }

# --- pools and data -------------------------------------------------------------------------------------------------
make_sized_pool() { # NAME SIZE MOUNTPOINT
    truncate -s "$2" "$WORK/$1.img" || fail "truncate $WORK/$1.img"
    zpool create -m "$3" "$1" "$WORK/$1.img" || fail "zpool create $1"
    echo "$1" >>"$WORK/pools"
}
write_round_data() { # K: 64 KiB of new random data in every bench filesystem
    local fs
    for fs in "${FS[@]}"; do
        head -c 65536 /dev/urandom >"$WORK/mnt/bench/$fs/d$1" || fail "writing data $1 of $fs"
    done
}

# --- the daemon ---------------------------------------------------------------------------------------------------
write_config() {
    cat >"$WORK/holdfast.yml" <<YAML
global:
  logging:
    - {type: stdout, level: info, format: json}
  control:
    sockpath: $WORK/run/control
jobs:
  - name: push
    type: push
    connect: {type: local, listener_name: backup, client_identity: ws}
    filesystems: {"$SRC/bench<": true, "$SRC/bench": false}
    snapshotting: {type: manual}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 100}]
      keep_receiver: [{type: last_n, count: 100}]
  - name: pushbig
    type: push
    connect: {type: local, listener_name: backup, client_identity: big}
    filesystems: {"$SRC/big": true}
    snapshotting: {type: manual}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 100}]
      keep_receiver: [{type: last_n, count: 100}]
  - name: sink
    type: sink
    root_fs: $DST/sink
    serve: {type: local, listener_name: backup}
YAML
}
start_bench_daemon() { # [ENV=VALUE...]: starts the daemon and waits for its three jobs' ZFS probes
    : >"$LOG"
    env "$@" "$HOLDFAST" --config "$WORK/holdfast.yml" daemon >>"$LOG" 2>&1 &
    DAEMON_PID=$!
    local i
    for i in $(seq 1200); do
        [ "$(grep -c '"msg":"zfs detected' "$LOG")" -ge 3 ] && hf version --show daemon >/dev/null 2>&1 && return 0
        kill -0 "$DAEMON_PID" 2>/dev/null || fail "the daemon exited at start"
        sleep 0.1
    done
    fail "the daemon did not start and probe ZFS within 120 s"
}
stop_bench_daemon() {
    kill -TERM "$DAEMON_PID" 2>/dev/null
    local i
    for i in $(seq 300); do
        kill -0 "$DAEMON_PID" 2>/dev/null || { wait "$DAEMON_PID" 2>/dev/null; DAEMON_PID=; return 0; }
        sleep 0.1
    done
    fail "the daemon did not stop within 30 s of SIGTERM"
}
# Wakes JOB and waits for the end of its round (the job logs "wait for wakeups" when replication and both prunings
# are over). Sets R_WALL (woken up -> wait for wakeups, the daemon's log), R_REPL (Replication StartAt -> FinishAt,
# the daemon's report), R_START/R_END (that window, Unix seconds), R_STEPS (the log's step times, one a line).
round() { # JOB EXPECTED_STEPS
    local job=$1 before i st from
    from=$(($(wc -l <"$LOG") + 1))
    before=$(grep -c "\"job\":\"$job\".*\"msg\":\"wait for wakeups\"" "$LOG")
    hf signal wakeup "$job" >/dev/null || fail "wakeup $job"
    for i in $(seq $((ROUND_TIMEOUT * 10))); do
        [ "$(grep -c "\"job\":\"$job\".*\"msg\":\"wait for wakeups\"" "$LOG")" -gt "$before" ] && break
        kill -0 "$DAEMON_PID" 2>/dev/null || fail "the daemon died during the round of $job"
        sleep 0.1
    done
    [ "$i" -lt $((ROUND_TIMEOUT * 10)) ] || fail "the round of $job did not finish within $ROUND_TIMEOUT s"
    st=$(hf status --raw | jq --arg j "$job" '.[$j].push') || fail "status"
    jq -e '.Replication.Attempts[-1].State == "done"
        and ([.Replication.Attempts[-1].Filesystems[] | select(.State != "done")] | length == 0)
        and .PruningSender.State == "Done" and .PruningReceiver.State == "Done"' <<<"$st" >/dev/null ||
        fail "the round of $job did not end done: $(jq -c '{a: .Replication.Attempts[-1], s: .PruningSender, r: .PruningReceiver}' <<<"$st" | head -c 3000)"
    [ "$(jq '[.Replication.Attempts[-1].Filesystems[].Steps[]?] | length' <<<"$st")" = "$2" ] ||
        fail "the round of $job had $(jq '[.Replication.Attempts[-1].Filesystems[].Steps[]?] | length' <<<"$st") steps, expected $2"
    [ "$(jq '.Replication.Attempts | length' <<<"$st")" = 1 ] && [ -z "$(tail -n +"$from" "$LOG" | grep '"level":"error"')" ] ||
        fail "the round of $job needed retries or logged errors: $(tail -n +"$from" "$LOG" | grep '"level":"\(error\|warn\)"' | head -n 5)"
    R_STATUS=$st
    # (no process substitution: the VM has no /dev/fd)
    read -r R_START R_END <<<"$(jq -r "$JQ_TS"' [(.Replication.StartAt | ts), (.Replication.FinishAt | ts)] | @tsv' <<<"$st")"
    R_REPL=$(calc "$R_END - $R_START")
    R_WALL=$(tail -n +"$from" "$LOG" | jq -R 'fromjson? // empty' | jq -rs --arg j "$job" "$JQ_TS"'
        [.[] | select(.job == $j)] | ((map(select(.msg == "wait for wakeups"))[0].time | ts)
        - (map(select(.msg | startswith("woken up")))[0].time | ts))')
    R_STEPS=$(tail -n +"$from" "$LOG" | jq -R 'fromjson? // empty' | jq -rs --arg j "$job" "$JQ_TS"'
        [.[] | select(.job == $j)] as $l | $l[] | select(.msg == "step done") | . as $d
        | ($l[] | select(.msg == "start step" and .step == $d.step) | ($d.time | ts) - (.time | ts))')
    [ "$(grep -c . <<<"$R_STEPS")" = "$2" ] || fail "the log of the round of $job has $(grep -c . <<<"$R_STEPS") step times, expected $2"
}

# Writes "FIRST LAST" to FILE: the first and the last moment (Unix seconds, every 50 ms) at which a child of the daemon
# was a `zfs send` (not -n) or `zfs recv`, i.e. how long the stream's two processes lived. Builtins only (no process
# per poll); stops when $WORK/stop-watch appears.
watch_stream() { # FILE
    local first="" last="" c pid seen dry sfd pids argv a
    rm -f "$WORK/stop-watch" "$WORK/tick"
    mkfifo "$WORK/tick" && exec {sfd}<>"$WORK/tick" || return 1
    while [ ! -e "$WORK/stop-watch" ]; do
        seen=0
        for c in /proc/"$DAEMON_PID"/task/*/children; do
            read -r -a pids 2>/dev/null <"$c"
            for pid in ${pids[@]+"${pids[@]}"}; do
                mapfile -d "" -t argv 2>/dev/null <"/proc/$pid/cmdline" || continue
                [ "${argv[0]:-}" != "" ] && [ "${argv[0]##*/}" = zfs ] || continue
                case ${argv[1]:-} in
                send)
                    dry=0
                    for a in "${argv[@]:2}"; do [[ $a =~ ^-[[:alpha:]]*n ]] && dry=1; done
                    [ $dry = 1 ] || seen=1 ;;
                recv | receive) seen=1 ;;
                esac
            done
        done
        [ $seen = 1 ] && { first=${first:-$EPOCHREALTIME}; last=$EPOCHREALTIME; }
        read -r -t 0.05 -u "$sfd"
    done
    echo "$first $last" >"$1"
}

# --- counting zfs processes ------------------------------------------------------------------------------------------
# A PATH directory whose zfs and zpool append "UPTIME BINARY ARGS" to calls.log and exec the real ones (dash and
# builtins: one small shell per call), used only in the counting daemon run, never in a timed one. calls_epoch turns
# the uptimes (10 ms steps) into Unix seconds.
make_wrappers() {
    mkdir -p "$WORK/wrap"
    local b real
    for b in zfs zpool; do
        real=$(command -v $b) || fail "no $b on PATH"
        printf '#!/bin/sh\nread -r up _ </proc/uptime\nprintf "%%s %s %%s\\n" "$up" "$*" >>%s\nexec %s "$@"\n' \
            "$b" "$WORK/calls.log" "$real" >"$WORK/wrap/$b"
        chmod +x "$WORK/wrap/$b"
    done
}
calls_epoch() {
    local up
    read -r up _ </proc/uptime
    awk -v off="$(calc "$EPOCHREALTIME - $up")" '{ $1 = sprintf("%.2f", $1 + off); print }' "$WORK/calls.log" >"$WORK/calls.tmp" &&
        mv "$WORK/calls.tmp" "$WORK/calls.log"
}
# The calls between FROM and TO (Unix seconds), by subcommand: "KIND count in-window(START..END)".
count_calls() { # FROM TO START END
    awk -v from="$1" -v to="$2" -v s="$3" -v e="$4" '$1 >= from && $1 <= to {
        k = ($2 == "zpool" ? "zpool " : "") $3
        if ($3 == "send") { for (i = 4; i <= NF; i++) if ($i ~ /^-[a-zA-Z]*n/) { k = "send -n (size estimate)"; break }
                            else if ($i == "-t") k = "send -t (resume)" }
        n[k]++; total++; if ($1 >= s && $1 <= e) { r[k]++; rt++ } }
        END { for (k in n) printf "%s\t%d\t%d\n", k, n[k], r[k]; printf "TOTAL\t%d\t%d\n", total, rt }' "$WORK/calls.log"
}
# The command lines between FROM and TO with dataset names as <ds>, most frequent first.
call_shapes() { # FROM TO
    awk -v from="$1" -v to="$2" '$1 >= from && $1 <= to { line = $2; prev = 0
        for (i = 3; i <= NF; i++) { if ($i ~ /hfbench_/) { if (!prev) line = line " <ds>"; else if (prev == 1) line = line "+"; prev++ }
                                    else { line = line " " $i; prev = 0 } }
        print line }' "$WORK/calls.log" | sort | uniq -c | sort -rn
}
print_calls() { # TITLE FROM TO START END PER
    local title=$1 per=$6
    echo
    echo "zfs processes, $title (total / during Replication StartAt->FinishAt / after it, i.e. pruning):"
    echo
    echo "| subcommand | processes | per filesystem | during replication | after |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    count_calls "$2" "$3" "$4" "$5" | sort -t$'\t' -k2,2nr |
        awk -F'\t' -v per="$per" '{ printf "| %s | %d | %.2f | %d | %d |\n", $1, $2, $2 / per, $3, $2 - $3 }'
    echo
    echo "Command lines (<ds> a dataset, <ds>+ several):"
    call_shapes "$2" "$3" | sed 's/^ */    /'
}

# --- set-up ----------------------------------------------------------------------------------------------------------
echo "== bench-openzfs: OpenZFS $(cat /sys/module/zfs/version), $N filesystems, ${BIG_MIB} MiB stream, $(nproc) CPUs"
t0=$(now)
make_sized_pool $SRC $((BIG_MIB + 512))M "$WORK/mnt"
make_sized_pool $DST $((2 * BIG_MIB + 512))M none
zfs create $SRC/bench && zfs create $DST/base && zfs create $DST/base2 && zfs create $SRC/big || fail "zfs create"
for fs in "${FS[@]}"; do zfs create "$SRC/bench/$fs" || fail "zfs create $fs"; done
write_round_data 1
zfs snapshot -r $SRC/bench@s1 || fail snapshot
head -c $((BIG_MIB * 1048576)) /dev/urandom >"$WORK/mnt/big/data" || fail "writing the stream's data"
zfs snapshot $SRC/big@s || fail snapshot
say "set-up: $(printf '%.1f' "$(calc "$(now) - $t0")") s"
write_config
make_wrappers

# --- daemon run 1: timed ---------------------------------------------------------------------------------------------
start_bench_daemon
t0=$(now)
round push "$N"
say "initial full round of $N filesystems (not timed as a figure): $(printf '%.1f' "$R_REPL") s replicating, $(printf '%.1f' "$(calc "$(now) - $t0")") s in all"
# The baseline runs once before and once after Holdfast's round (the machine's load drifts), each into a receiver of
# its own that gets the same start in one stream.
for b in base base2; do
    timeout "$ROUND_TIMEOUT" bash -c 'zfs send -R "$1/bench@s1" | zfs recv -u -d "$2"' _ $SRC "$DST/$b" ||
        fail "seeding the baseline's receiver $DST/$b failed or took over $ROUND_TIMEOUT s"
done
baseline_incremental() { # RECEIVER: sets B_SECS
    local t0
    t0=$(now)
    timeout "$ROUND_TIMEOUT" bash -c 'for fs in "${@:3}"; do zfs send -i @s1 "$1/bench/$fs@s2" | zfs recv -u "$2/bench/$fs" || exit 1; done' \
        _ $SRC "$DST/$1" "${FS[@]}" || fail "the baseline's incremental sends failed or took over $ROUND_TIMEOUT s"
    B_SECS=$(calc "$(now) - $t0")
}
baseline_full() { # sets B_SECS: the pipe into base/big, checked and destroyed
    local t0
    t0=$(now)
    timeout "$ROUND_TIMEOUT" bash -c 'zfs send "$1/big@s" | zfs recv -u "$2/base/big"' _ $SRC $DST ||
        fail "the baseline's full send failed or took over $ROUND_TIMEOUT s"
    B_SECS=$(calc "$(now) - $t0")
    [ "$(zfs get -H -p -o value guid $DST/base/big@s)" = "$(zfs get -H -p -o value guid $SRC/big@s)" ] || fail "$DST/base/big@s has the wrong guid"
    zfs destroy -r $DST/base/big || fail "zfs destroy $DST/base/big"
}

# 1. One new snapshot on every filesystem.
write_round_data 2
zfs snapshot -r $SRC/bench@s2 || fail snapshot
baseline_incremental base
b_before=$B_SECS
round push "$N"
inc_repl=$R_REPL inc_wall=$R_WALL
inc_step_mean=$(awk '{ s += $1 } END { print s / NR }' <<<"$R_STEPS")
say "timed incremental round: $(fmt_s "$inc_repl") replicating, $(fmt_s "$inc_wall") in all"
baseline_incremental base2
base_inc=$(calc "($b_before + $B_SECS) / 2")
say "baseline incremental sends: $(fmt_s "$b_before") before, $(fmt_s "$B_SECS") after"
secs_row "incremental round, $N fs: Replication StartAt→FinishAt (vs \`zfs send -i \| zfs recv -u\` per fs, one after the other, mean of 2)" "$inc_repl" "$base_inc"
secs_row "incremental round, $N fs: woken up→wait for wakeups, pruning included (vs the same)" "$inc_wall" "$base_inc"
secs_row "incremental round: one step, start step→step done, mean (vs one fs of the baseline)" "$inc_step_mean" "$(calc "$base_inc / $N")"

# 2. Nothing to do: NOOP_ROUNDS rounds, the median.
reps=() walls=() lists=()
for _ in $(seq $NOOP_ROUNDS); do
    round push 0
    reps+=("$R_REPL") walls+=("$R_WALL")
    t0=$(now)
    timeout 120 zfs list -H -t all -r $SRC $DST >/dev/null || fail "zfs list -t all -r"
    lists+=("$(calc "$(now) - $t0")")
done
base_list=$(median "${lists[@]}")
say "no-op rounds: ${walls[*]} s (zfs list: ${lists[*]} s)"
secs_row "no-op round, $N fs up to date: Replication StartAt→FinishAt, median of $NOOP_ROUNDS (vs one \`zfs list -H -t all -r\` of both pools)" "$(median "${reps[@]}")" "$base_list"
secs_row "no-op round: woken up→wait for wakeups, median of $NOOP_ROUNDS (vs the same)" "$(median "${walls[@]}")" "$base_list"

# 3. One full stream of random data: the baseline's pipe before and after Holdfast's step.
base_bytes=$(zfs send -nvP $SRC/big@s | awk '$1 == "size" { print $2 }')
baseline_full
b_before=$B_SECS
watch_stream "$WORK/stream" &
watcher=$!
round pushbig 1
touch "$WORK/stop-watch"
wait "$watcher"
read -r s_first s_last <"$WORK/stream"
big_step=$R_STEPS big_repl=$R_REPL
baseline_full
base_big=$(calc "($b_before + $B_SECS) / 2")
say "baseline full stream: $(fmt_s "$b_before") before, $(fmt_s "$B_SECS") after"
say "Holdfast full stream: step $(fmt_s "$big_step"), round $(fmt_s "$R_WALL")"
big_bytes=$(jq '[.Replication.Attempts[-1].Filesystems[].Steps[].Info.BytesReplicated] | add' <<<"$R_STATUS")
[ "$big_bytes" -gt $((BIG_MIB * 1048576)) ] || fail "the full step moved $big_bytes bytes, less than the ${BIG_MIB} MiB written"
payload=$((BIG_MIB * 1048576))
secs_row "full stream, ${BIG_MIB} MiB random: the step, start step→step done (vs \`zfs send \| zfs recv -u\`, mean of 2)" "$big_step" "$base_big"
row "full stream: throughput, payload MB/s (the step vs the pipe)" "$(printf '%.1f MB/s' "$(calc "$payload / 1e6 / $big_step")")" \
    "$(printf '%.1f MB/s' "$(calc "$payload / 1e6 / $base_big")")" "$(printf '%.2f' "$(calc "$base_big / $big_step")")"
secs_row "full stream: the whole replication, StartAt→FinishAt (vs the pipe)" "$big_repl" "$base_big"
if [ -n "${s_first:-}" ]; then
    big_stream=$(calc "$s_last - $s_first")
    secs_row "full stream: its \`zfs send\` and \`zfs recv\` alive under Holdfast (vs the pipe)" "$big_stream" "$base_big"
    row "full stream: throughput of that, payload MB/s (vs the pipe)" "$(printf '%.1f MB/s' "$(calc "$payload / 1e6 / $big_stream")")" \
        "$(printf '%.1f MB/s' "$(calc "$payload / 1e6 / $base_big")")" "$(printf '%.2f' "$(calc "$base_big / $big_stream")")"
else
    echo "note: no zfs send/recv seen among the daemon's children (/proc/PID/task/*/children): no stream-alone figure"
fi
row "full stream: bytes (BytesReplicated vs \`zfs send -nvP\`'s size)" "$big_bytes" "$base_bytes" "$(printf '%.3f' "$(calc "$big_bytes / $base_bytes")")"
stop_bench_daemon

# --- daemon run 2: counting, with the wrappers first on PATH ---------------------------------------------------------
write_round_data 3
zfs snapshot -r $SRC/bench@s3 || fail snapshot
mv "$LOG" "$WORK/daemon-timed.log"
LOG=$WORK/daemon-counted.log
start_bench_daemon PATH="$WORK/wrap:$PATH"
t_inc=$(now)
round push "$N"
t_inc_end=$(now) inc_start=$R_START inc_end=$R_END
say "counted incremental round: $(wc -l <"$WORK/calls.log") zfs/zpool processes so far"
round push 0
t_nop_end=$(now) nop_start=$R_START nop_end=$R_END
stop_bench_daemon
[ -s "$WORK/calls.log" ] || fail "the wrappers saw no zfs call: does the daemon run zfs from PATH?"
calls_epoch
inc_calls=$(count_calls "$t_inc" "$t_inc_end" "$inc_start" "$inc_end" | awk -F'\t' '$1 == "TOTAL" { print $2, $3 }')
nop_calls=$(count_calls "$t_inc_end" "$t_nop_end" "$nop_start" "$nop_end" | awk -F'\t' '$1 == "TOTAL" { print $2, $3 }')
read -r inc_total inc_during <<<"$inc_calls"
read -r nop_total nop_during <<<"$nop_calls"
row "incremental round: zfs processes per fs, whole round (vs send + recv)" "$(printf '%.2f' "$(calc "$inc_total / $N")")" 2 "$(printf '%.2f' "$(calc "$inc_total / $N / 2")")"
row "… of which during replication (StartAt→FinishAt)" "$(printf '%.2f' "$(calc "$inc_during / $N")")" 2 "$(printf '%.2f' "$(calc "$inc_during / $N / 2")")"
row "no-op round: zfs processes, whole round (vs one \`zfs list\`)" "$nop_total" 1 "$nop_total"
row "… of which during replication" "$nop_during" 1 "$nop_during"

# --- correctness: every snapshot the sender has, the receivers have with its guid ------------------------------------
check_guids() { # SENDER_ROOT RECEIVER_ROOT REGEX: the snapshots below both roots, relative, that match REGEX
    local want got
    want=$(zfs list -H -p -o name,guid -t snapshot -r "$1" | sed "s|^$1||" | grep -- "$3" | sort)
    got=$(zfs list -H -p -o name,guid -t snapshot -r "$2" 2>/dev/null | sed "s|^$2||" | grep -- "$3" | sort)
    [ -n "$want" ] || fail "no snapshots below $1"
    [ "$want" = "$got" ] || fail "$2 does not hold $1's snapshots with their guids: $(echo "$want" >"$WORK/want"; echo "$got" >"$WORK/got"; diff "$WORK/want" "$WORK/got" | head -n 8)"
}
check_guids $SRC/bench $DST/sink/ws/$SRC/bench '^/'
check_guids $SRC/bench $DST/base/bench '^/.*@s[12]\b'
check_guids $SRC/bench $DST/base2/bench '^/.*@s[12]\b'
check_guids $SRC/big $DST/sink/big/$SRC/big '^@'
[ "$(zfs list -H -t snapshot -r $DST/sink/ws/$SRC/bench | wc -l)" = $((3 * N)) ] || fail "the receiver does not have 3 snapshots on each of $N filesystems"
say "correctness: every received snapshot (3 x $N + 1 by Holdfast, 2 x 2 x $N by the baseline) has the sender's guid"

# --- report ----------------------------------------------------------------------------------------------------------
{
    echo
    echo "OpenZFS $(cat /sys/module/zfs/version), $(nproc) CPUs, $N filesystems, ${BIG_MIB} MiB stream:"
    echo
    echo "| figure | value | baseline | ratio |"
    echo "| --- | ---: | ---: | ---: |"
    printf '%s\n' "${ROWS[@]}"
    print_calls "incremental round over $N filesystems" "$t_inc" "$t_inc_end" "$inc_start" "$inc_end" "$N"
    print_calls "no-op round over $N filesystems" "$t_inc_end" "$t_nop_end" "$nop_start" "$nop_end" "$N"
} | tee "${OUT:-$WORK}/bench-openzfs-$(cat /sys/module/zfs/version).md"
keep_logs
exit 0
