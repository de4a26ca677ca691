#!/usr/bin/env bash
# The shipped alerting rules and dashboard against a real Prometheus (Debian's prometheus package) scraping a live
# Holdfast daemon on the OpenZFS emulator:
#   - the daemon runs a push job (periodic snapshots every hour, so the first round and its replication happen at
#     start; health thresholds of 45 s and 3 min) replicating src< to a sink over the local transport, with a
#     `global.monitoring` prometheus listener on a free loopback port;
#   - Prometheus runs on another free loopback port with a private TSDB, scrape job `holdfast` every second and
#     resources/monitoring/holdfast-alerts.rules.yml evaluated every second;
#   - through Prometheus's HTTP API: every metric of the README's list arrives; the freshness series of each
#     replicated filesystem (sender and sink side) carry the snapshots' creation times; the rules load and evaluate
#     without error; HoldfastReplicationStale stays silent while replication is fresh and goes pending when new
#     snapshots are not replicated past the job's warning threshold; every panel expression of
#     resources/monitoring/holdfast-dashboard.json evaluates without error (template variables as "All" and as this
#     daemon and job), and those over plain gauges return data; HoldfastDaemonDown goes pending when the daemon
#     stops.
#   test-prometheus-live.sh HOLDFAST_BINARY EMULATOR_BIN_DIR SOURCE_DIR
# Skips (77) where prometheus, curl or jq is not installed, or the emulator is not built.
set -uo pipefail
SOURCE_DIR=$(realpath "$3")
RULES=$SOURCE_DIR/resources/monitoring/holdfast-alerts.rules.yml
DASHBOARD=$SOURCE_DIR/resources/monitoring/holdfast-dashboard.json
for tool in prometheus curl jq; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is not installed (apt install prometheus curl jq)"
        exit 77
    fi
done
source "$SOURCE_DIR/tests/integration/emulator-env.sh" "$1" "$2" holdfast-prometheus

PROM_PID=
stop_prometheus() {
    if [ -n "$PROM_PID" ] && kill -0 "$PROM_PID" 2>/dev/null; then
        kill -TERM "$PROM_PID"
        for _ in $(seq 50); do
            kill -0 "$PROM_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$PROM_PID" 2>/dev/null
        wait "$PROM_PID" 2>/dev/null
    fi
    PROM_PID=
}
trap 'stop_prometheus; cleanup' EXIT
trap 'exit 130' INT TERM

fail() {
    echo "FAIL: $*" >&2
    if [ -f "$WORK/prometheus.log" ]; then
        echo "--- prometheus log (last 30 lines)" >&2
        tail -n 30 "$WORK/prometheus.log" >&2
    fi
    if [ -f "$WORK/daemon.log" ]; then
        echo "--- daemon log (last 80 lines)" >&2
        tail -n 80 "$WORK/daemon.log" >&2
    fi
    exit 1
}
ok() { echo "ok: $*"; }
note() { echo "note: $*"; }

# free_port: a loopback TCP port nobody listens on (nothing answers a connect).
free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        [ "$port" = "${1:-}" ] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    fail "no free loopback port found"
}
METRICS_PORT=$(free_port)
PROM_PORT=$(free_port "$METRICS_PORT")
PROM=http://127.0.0.1:$PROM_PORT
TARGET=127.0.0.1:$METRICS_PORT

# --- The daemon.
make_pool src
make_pool dst
for fs in src/a src/b; do
    zfs create "$fs" || fail "zfs create $fs"
done
{
    global_yaml
    cat <<YAML
  monitoring:
    - type: prometheus
      listen: "$TARGET"
jobs:
  - name: push
    type: push
    connect: {type: local, listener_name: backup, client_identity: ws}
    filesystems: {"src<": true}
    snapshotting: {type: periodic, prefix: zrepl_, interval: 1h}
    health: {warning_after: 45s, critical_after: 3m}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 10}]
      keep_receiver: [{type: last_n, count: 10}]
  - name: sink
    type: sink
    root_fs: dst/sink
    serve: {type: local, listener_name: backup}
YAML
} >"$WORK/holdfast.yml"
out=$(hf configcheck 2>&1) ||
    fail "configcheck refuses the test's configuration (does the daemon know the Holdfast-only job key \`health\` yet?): $out"
start_daemon
ok "daemon started, metrics on $TARGET"

# --- Prometheus.
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $RULES
scrape_configs:
  - job_name: holdfast
    static_configs:
      - targets: ["$TARGET"]
YAML
promtool check config "$WORK/prometheus.yml" >/dev/null || fail "promtool check config of the test's prometheus.yml"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
for _ in $(seq 100); do
    curl -fsS "$PROM/-/ready" >/dev/null 2>&1 && break
    kill -0 "$PROM_PID" 2>/dev/null || fail "prometheus exited"
    sleep 0.1
done
curl -fsS "$PROM/-/ready" >/dev/null 2>&1 || fail "prometheus is not ready on $PROM"
ok "prometheus $(prometheus --version 2>&1 | head -n 1 | awk '{print $3}') ready on $PROM"

# query EXPR: an instant query; its JSON answer in ANSWER. Fails the test on an HTTP or PromQL error (so it must
# run in the test's shell, not in a command substitution).
ANSWER=
query() {
    ANSWER=$(curl -sS --get --data-urlencode "query=$1" "$PROM/api/v1/query") || fail "query $1: curl failed"
    [ "$(jq -r .status <<<"$ANSWER")" = success ] || fail "query $1: $ANSWER"
}
# value EXPR: the value of the first series of an instant query in VALUE, empty when there is none.
VALUE=
value() {
    query "$1"
    VALUE=$(jq -r '.data.result[0].value[1] // empty' <<<"$ANSWER")
}
# wait_for SECONDS EXPR: until the instant query EXPR returns a series (a filter such as `x == 1` or `x > 0`).
wait_for() {
    local deadline=$((SECONDS + $1))
    while [ $SECONDS -lt $deadline ]; do
        value "$2"
        [ -n "$VALUE" ] && return 0
        sleep 0.5
    done
    return 1
}
# alert_state NAME MATCHER_JQ: pending|firing of the first active alert NAME whose labels satisfy the jq filter,
# empty when there is none.
alert_state() {
    curl -sS "$PROM/api/v1/alerts" |
        jq -r --arg name "$1" "[.data.alerts[] | select(.labels.alertname == \$name) | select(.labels | $2)][0].state // empty"
}

wait_for 15 "up{job=\"holdfast\",instance=\"$TARGET\"} == 1" || fail "prometheus does not scrape the daemon: $(curl -sS "$PROM/api/v1/targets")"
ok "up{job=\"holdfast\"} is 1"

# --- The first snapshot round runs at start, then the replication and the pruning.
for _ in $(seq 300); do
    hf status --raw | grep -q '"PruningReceiver":{"State":"Done"' && break
    sleep 0.1
done
status=$(hf status --raw)
grep -q '"PruningReceiver":{"State":"Done"' <<<"$status" || fail "the first replication did not finish: $status"
for fs in src src/a src/b; do
    snaps=$(zfs list -H -o name -t snapshot -s createtxg "$fs" | grep -c "^$fs@zrepl_")
    [ "$snaps" = 1 ] || fail "$fs has $snaps zrepl_ snapshots after the first round, expected 1"
    zfs list -H -o name -t snapshot "dst/sink/ws/$fs" | grep -q "@zrepl_" || fail "dst/sink/ws/$fs received nothing"
done
ok "the first snapshot round was replicated and pruned"

# Every metric the README lists arrives (stalls only count once a stall happened).
required=(zrepl_start_time zrepl_replication_last_successful zrepl_replication_filesystem_errors
    zrepl_replication_bytes_replicated zrepl_daemon_log_entries holdfast_job_health holdfast_filesystem_health
    holdfast_job_warning_after_seconds holdfast_job_critical_after_seconds holdfast_job_snapshot_interval_seconds
    holdfast_filesystem_replicated_snapshot_timestamp_seconds holdfast_filesystem_last_success_timestamp_seconds
    holdfast_filesystem_newest_snapshot_timestamp_seconds holdfast_filesystem_snapshots
    holdfast_filesystem_unreplicated_snapshots holdfast_filesystem_unreplicated_bytes holdfast_pruning_errors)
missing=()
deadline=$((SECONDS + 20))
while :; do
    query "group by (__name__) ({instance=\"$TARGET\",__name__=~\"(zrepl|holdfast)_.+\"})"
    names=$(jq -r '.data.result[].metric.__name__' <<<"$ANSWER")
    missing=()
    for name in "${required[@]}"; do
        grep -qx "$name" <<<"$names" || missing+=("$name")
    done
    [ ${#missing[@]} -eq 0 ] || [ $SECONDS -ge $deadline ] && break
    sleep 1
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "--- what the daemon's listener exports (metric names)" >&2
    curl -sS "http://$TARGET/metrics" | grep -v '^#' | sed 's/[{ ].*//' | sort -u >&2
    fail "Prometheus has no series of ${#missing[*]} metric(s) the daemon should export: ${missing[*]}"
fi
ok "all ${#required[@]} metrics arrive"
if grep -qx holdfast_replication_stalls_total <<<"$names"; then
    ok "holdfast_replication_stalls_total is exported"
else
    note "holdfast_replication_stalls_total has no series yet (no stall happened)"
fi

# The freshness series per filesystem, on the sender and on the sink, match the pools.
creation() { zfs get -H -p -o value creation "$1"; }
newest_zrepl_snapshot() { zfs list -H -o name -t snapshot -s createtxg "$1" | grep "@zrepl_" | tail -n 1; }
expect_value() { # EXPR EXPECTED WHAT
    value "$1"
    [ -n "$VALUE" ] || fail "$3: no series for $1"
    [ "$VALUE" = "$2" ] || fail "$3: $1 is $VALUE, expected $2"
}
# The filesystem gauges follow the runs: allow a few scrapes for the values after the pruning.
sleep 3
for fs in src src/a src/b; do
    snap=$(newest_zrepl_snapshot "$fs")
    created=$(creation "$snap")
    sel="job=\"holdfast\",instance=\"$TARGET\",zrepl_job=\"push\",filesystem=\"$fs\""
    expect_value "holdfast_filesystem_replicated_snapshot_timestamp_seconds{$sel}" "$created" "push $fs"
    expect_value "holdfast_filesystem_newest_snapshot_timestamp_seconds{$sel}" "$created" "push $fs"
    expect_value "holdfast_filesystem_snapshots{$sel}" 1 "push $fs"
    expect_value "holdfast_filesystem_unreplicated_snapshots{$sel}" 0 "push $fs"
    expect_value "holdfast_filesystem_health{$sel}" 0 "push $fs"
    value "holdfast_filesystem_last_success_timestamp_seconds{$sel} >= $created"
    [ -n "$VALUE" ] || fail "push $fs: holdfast_filesystem_last_success_timestamp_seconds is not at or after $created"
    sinkfs=dst/sink/ws/$fs
    sinksel="job=\"holdfast\",instance=\"$TARGET\",zrepl_job=\"sink\",filesystem=\"$sinkfs\""
    expect_value "holdfast_filesystem_replicated_snapshot_timestamp_seconds{$sinksel}" \
        "$(creation "$(newest_zrepl_snapshot "$sinkfs")")" "sink $sinkfs"
done
ok "freshness series of src, src/a, src/b (push) and of dst/sink/ws/... (sink) carry the snapshots' creation times"
jobsel="job=\"holdfast\",instance=\"$TARGET\",zrepl_job=\"push\""
expect_value "holdfast_job_warning_after_seconds{$jobsel}" 45 "push"
expect_value "holdfast_job_critical_after_seconds{$jobsel}" 180 "push"
expect_value "holdfast_job_snapshot_interval_seconds{$jobsel}" 3600 "push"
expect_value "zrepl_replication_filesystem_errors{$jobsel}" 0 "push"
expect_value "holdfast_job_health{$jobsel}" 0 "push"
value "zrepl_replication_last_successful{$jobsel} > 0"
[ -n "$VALUE" ] || fail "push: zrepl_replication_last_successful is 0"
for side in sender receiver; do
    expect_value "holdfast_pruning_errors{$jobsel,side=\"$side\"}" 0 "push $side"
done
ok "job gauges: thresholds 45 s / 3 min, interval 1 h, no errors, health ok, last success set"

# --- The rules loaded and evaluate without error.
rules=$(curl -sS "$PROM/api/v1/rules")
[ "$(jq -r '[.data.groups[] | select(.name == "holdfast") | .rules[]] | length' <<<"$rules")" -ge 6 ] ||
    fail "the holdfast rule group is not loaded: $rules"
bad=$(jq -r '.data.groups[].rules[] | select(.health == "err") | "\(.name): \(.lastError)"' <<<"$rules")
[ -z "$bad" ] || fail "rules evaluate with errors: $bad"
ok "$(jq -r '[.data.groups[].rules[]] | length' <<<"$rules") rules loaded, none in error"

# --- Fresh: nothing fires. Then snapshots that are not replicated: stale once past the warning threshold.
fs_sel='.zrepl_job == "push" and .filesystem == "src/a"'
value "time() - holdfast_filesystem_replicated_snapshot_timestamp_seconds{$jobsel,filesystem=\"src/a\"}"
age=${VALUE%.*}
[ -n "$age" ] || fail "no replicated snapshot timestamp for src/a any more"
curl -fsS "$PROM/api/v1/alerts" | jq -e '.status == "success"' >/dev/null || fail "/api/v1/alerts does not answer"
if [ "$age" -lt 40 ]; then
    sleep 2 # two rule evaluations on the current series
    state=$(alert_state HoldfastReplicationStale "$fs_sel")
    [ -z "$state" ] || fail "HoldfastReplicationStale is $state for src/a although its replication is ${age}s old"
    for alert in HoldfastReplicationFailing HoldfastPruningFailing HoldfastDaemonDown HoldfastSnapshotsStale; do
        [ -z "$(alert_state "$alert" 'true')" ] || fail "$alert is active on a healthy daemon"
    done
    ok "no alert while the replication is ${age}s old"
else
    fail "the replicated snapshot was already ${age}s old when checked: the machine is too slow for the fresh check"
fi
for fs in src/a src/b; do
    zfs snapshot "$fs@not_replicated" || fail "zfs snapshot $fs@not_replicated"
done
deadline=$((SECONDS + 75))
state=
while [ $SECONDS -lt $deadline ]; do
    state=$(alert_state HoldfastReplicationStale "$fs_sel and .severity == \"warning\"")
    [ -n "$state" ] && break
    sleep 1
done
[ -n "$state" ] || fail "HoldfastReplicationStale did not become pending for src/a: $(curl -sS "$PROM/api/v1/alerts")"
alert=$(curl -sS "$PROM/api/v1/alerts" |
    jq -c "[.data.alerts[] | select(.labels.alertname == \"HoldfastReplicationStale\") | select(.labels | $fs_sel)][0]")
summary=$(jq -r .annotations.summary <<<"$alert")
grep -q "Replication of src/a (job push on $TARGET) is .* old" <<<"$summary" || fail "unexpected summary: $summary"
grep -q "warning threshold of 45s" <<<"$(jq -r .annotations.description <<<"$alert")" ||
    fail "the description does not name the threshold: $(jq -r .annotations.description <<<"$alert")"
ok "HoldfastReplicationStale is $state for src/a: $summary"

# --- Every dashboard panel expression evaluates, with the variables as "All" and as this daemon and job.
# This daemon's address as a regex in a PromQL string: dots escaped as \\. (a backslash escaped for the string).
TARGET_REGEX=$(sed 's/\./\\\\./g' <<<"$TARGET")
mapfile -t exprs < <(jq -r '.. | objects | select(has("expr")) | .expr' "$DASHBOARD")
[ ${#exprs[@]} -gt 0 ] || fail "no panel expression in $DASHBOARD"
substitute() { # EXPR INSTANCE_REGEX JOB_REGEX
    local e=$1
    e=${e//\$__rate_interval/1m}
    e=${e//\$__interval/15s}
    e=${e//\$__range/1h}
    e=${e//\$\{instance\}/"$2"}
    e=${e//\$instance/"$2"}
    e=${e//\$\{job\}/"$3"}
    e=${e//\$job/"$3"}
    echo "$e"
}
for expr in "${exprs[@]}"; do
    all=$(substitute "$expr" '.*' '.*')
    query "$all"
    n=$(jq '.data.result | length' <<<"$ANSWER")
    this=$(substitute "$expr" "$TARGET_REGEX" push)
    query "$this"
    m=$(jq '.data.result | length' <<<"$ANSWER")
    # Plain gauges must have data here; rates, stalls and the log's errors and warnings may rightly have none.
    if ! grep -qE 'rate\(|increase\(|zrepl_daemon_log_entries' <<<"$expr" && [ "$m" -eq 0 ]; then
        fail "the dashboard expression returns nothing for job push: $this"
    fi
    echo "ok: $n series (all), $m (push): $all"
done
ok "all ${#exprs[@]} dashboard expressions evaluate"

# --- The daemon stops: HoldfastDaemonDown goes pending.
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=
wait_for 15 "up{job=\"holdfast\",instance=\"$TARGET\"} == 0" || fail "up did not drop to 0 after the daemon stopped"
deadline=$((SECONDS + 15))
state=
while [ $SECONDS -lt $deadline ]; do
    state=$(alert_state HoldfastDaemonDown ".instance == \"$TARGET\"")
    [ -n "$state" ] && break
    sleep 1
done
[ -n "$state" ] || fail "HoldfastDaemonDown did not become pending"
ok "HoldfastDaemonDown is $state after the daemon stopped"

stop_prometheus
echo "PASS: Prometheus scraped the daemon, the rules evaluate, the stale and down alerts go pending, the dashboard's queries run"
