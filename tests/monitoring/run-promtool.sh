#!/usr/bin/env bash
# The shipped alerting rules and Grafana dashboard, checked offline with Prometheus's promtool:
#   - `promtool check rules` on resources/monitoring/holdfast-alerts.rules.yml;
#   - `promtool test rules` on every tests/monitoring/*.test.yml;
#   - every alert of the rules file is expected firing (a non-empty exp_alerts) and expected silent
#     (exp_alerts: []) somewhere in those tests;
#   - every panel expression of resources/monitoring/holdfast-dashboard.json parses as PromQL (written, with its
#     template variables substituted, into a rules file of recording rules for `promtool check rules`).
#   run-promtool.sh SOURCE_DIR
# Skips (77) where promtool is not installed (Debian: apt install prometheus).
set -euo pipefail
SOURCE_DIR=$(realpath "$1")
RULES=$SOURCE_DIR/resources/monitoring/holdfast-alerts.rules.yml
DASHBOARD=$SOURCE_DIR/resources/monitoring/holdfast-dashboard.json
TESTS_DIR=$SOURCE_DIR/tests/monitoring

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
if ! command -v promtool >/dev/null; then
    echo "SKIP: promtool is not installed (apt install prometheus)"
    exit 77
fi
promtool --version 2>&1 | head -n 1

echo "==> promtool check rules $RULES"
promtool check rules "$RULES" || fail "promtool check rules"

tests=("$TESTS_DIR"/*.test.yml)
[ -e "${tests[0]}" ] || fail "no *.test.yml in $TESTS_DIR"
echo "==> promtool test rules ${tests[*]##*/}"
promtool test rules "${tests[@]}" || fail "promtool test rules"

echo "==> every alert fires and stays silent in the unit tests"
mapfile -t alerts < <(sed -n 's/^ *- alert: *\([A-Za-z0-9_]*\) *$/\1/p' "$RULES" | sort -u)
[ ${#alerts[@]} -gt 0 ] || fail "no alert found in $RULES"
# Per test file: the alertname of each alert_rule_test and whether its exp_alerts is empty ("[]") or not, in both
# the block form and the flow form ({eval_time: .., alertname: X, exp_alerts: []}).
coverage=$(awk '
    /alertname: *[A-Za-z0-9_]+/ {
        match($0, /alertname: *[A-Za-z0-9_]+/)
        name = substr($0, RSTART, RLENGTH); sub(/alertname: */, "", name)
        if ($0 ~ /exp_alerts: *\[\]/) { print name, "silent"; name = ""; next }
    }
    name != "" && /exp_alerts:/ {
        print name, ($0 ~ /exp_alerts: *\[\]/ ? "silent" : "fires"); name = ""
    }' "${tests[@]}")
for alert in "${alerts[@]}"; do
    grep -qx "$alert fires" <<<"$coverage" || fail "no unit test makes $alert fire"
    grep -qx "$alert silent" <<<"$coverage" || fail "no unit test checks that $alert stays silent"
    echo "ok: $alert fires and stays silent"
done

if [ -f "$DASHBOARD" ]; then
    echo "==> the dashboard's panel expressions parse as PromQL"
    command -v jq >/dev/null || fail "jq is needed to read the dashboard (apt install jq)"
    WORK=$(mktemp -d /tmp/holdfast-promtool.XXXXXX)
    trap 'rm -rf "$WORK"' EXIT
    jq -e . "$DASHBOARD" >/dev/null || fail "$DASHBOARD is not JSON"
    # The template variables as Grafana substitutes them: regexes for $instance and $job (All), durations for the
    # interval variables.
    jq -r '[.. | objects | select(has("expr")) | .expr] | .[]' "$DASHBOARD" |
        sed -e 's/\$__rate_interval/1m/g; s/\$__interval/15s/g; s/\$__range/1h/g' \
            -e 's/\${\?instance}\?/.*/g; s/\${\?job}\?/.*/g' >"$WORK/exprs"
    count=$(jq -r '[.. | objects | select(has("expr"))] | length' "$DASHBOARD")
    [ "$count" -gt 0 ] || fail "no panel expression in the dashboard"
    jq -R -s 'split("\n") | map(select(length > 0))' "$WORK/exprs" |
        jq -r '"groups:\n- name: dashboard\n  rules:" , (to_entries[] | "  - record: dashboard:expr_\(.key)\n    expr: \(.value | tojson)")' \
            >"$WORK/dashboard.rules.yml"
    promtool check rules "$WORK/dashboard.rules.yml" || fail "a dashboard expression does not parse"
    echo "ok: $count panel expressions parse"
fi
echo "PASS: alerting rules and dashboard"
