/**
 * The part of the verdict module that compares a run with a baseline summary. The rules are the
 * ones `regression.ts` applies for `cdk8s-locust compare`, written once more in Python because
 * the master judges alone in its pod; the end-to-end tests hold both to the same checks.
 */

/** Environment variable naming the baseline: a summary file, or a folder to take the newest passing summary of the test from. */
export const BASELINE_ENV_VAR = 'CDK8S_LOCUST_BASELINE';
/** Environment variable carrying the regression limits as JSON. */
export const REGRESSION_ENV_VAR = 'CDK8S_LOCUST_REGRESSION';

/** The Python functions of the module that find the baseline and compare the run with it. */
export function regressionPython(defaultLimits: Readonly<Record<string, number>>): string {
  return `BASELINE_ENV_VAR = "${BASELINE_ENV_VAR}"
REGRESSION_ENV_VAR = "${REGRESSION_ENV_VAR}"
DEFAULT_REGRESSION_LIMITS = ${JSON.stringify(defaultLimits)}
# (field of a summary row, its name in sentences, the limit's key, which way is worse)
REGRESSION_METRICS = [
    ("averageMs", "average", "maxAverageIncreasePercent", "up"),
    ("p95Ms", "p95", "maxP95IncreasePercent", "up"),
    ("requestsPerSecond", "requests per second", "maxRequestsPerSecondDecreasePercent", "down"),
    ("failRatio", "fail ratio", "maxFailRatioIncreasePoints", "points"),
]


def _fixed(value, digits):
    text = "%.*f" % (digits, value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _amount(metric, value):
    if metric == "failRatio":
        return _fixed(value * 100, 2) + "%"
    if metric == "requestsPerSecond":
        return _fixed(value, 1)
    return _fixed(value, 1) + " ms"


def describe_check(check):
    """regression: p95 of GET /checkout 412 ms is 37.3% above the baseline 300 ms (at most +20%)"""
    metric = check["metric"]
    name = [entry[1] for entry in REGRESSION_METRICS if entry[0] == metric][0]
    direction = [entry[3] for entry in REGRESSION_METRICS if entry[0] == metric][0]
    change = check["change"]
    where = "above" if change >= 0 else "below"
    if direction == "points":
        size = "%s point%s" % (_fixed(abs(change), 2), "" if abs(change) == 1 else "s")
        bound = "+%s point%s" % (_fixed(check["limit"], 2), "" if check["limit"] == 1 else "s")
    else:
        size = "%s%%" % _fixed(abs(change), 1)
        bound = "%s%s%%" % ("+" if direction == "up" else "-", _fixed(check["limit"], 2))
    endpoint = "all requests" if check["endpoint"] == TOTAL_ROW else check["endpoint"]
    return "%s of %s %s is %s %s the baseline %s (at most %s)" % (
        name, endpoint, _amount(metric, check["value"]), size, where, _amount(metric, check["baseline"]), bound)


def compare_with_baseline(baseline, current, config):
    """One check per limited metric of every row both runs have: the total first, then the endpoints."""
    limits = dict(DEFAULT_REGRESSION_LIMITS)
    limits.update(config.get("limits", {}))
    pairs = [(TOTAL_ROW, baseline["total"], current["total"], config.get("total", {}))]
    before = dict((("%s %s" % (row["method"], row["name"])), row) for row in baseline.get("endpoints", []))
    for row in current["endpoints"]:
        key = "%s %s" % (row["method"], row["name"])
        if key in before:
            pairs.append((key, before[key], row, config.get("endpoints", {}).get(key, {})))
    checks = []
    for key, base, new, own in pairs:
        for metric, _name, limit_key, direction in REGRESSION_METRICS:
            limit = own.get(limit_key, limits.get(limit_key))
            old, value = base[metric], new[metric]
            if limit is None:
                continue
            if direction != "points" and old == 0:
                continue
            # rounded before it meets the limit, so that 1% to 2% is exactly 1 point and a limit holds inclusively
            change = round((value - old) * 100 if direction == "points" else (value - old) / old * 100, 6)
            breached = -change > limit if direction == "down" else change > limit
            checks.append({"endpoint": key, "metric": metric, "baseline": old, "value": value,
                           "change": _rounded(change, 3), "limit": limit, "passed": not breached})
    return checks


def find_baseline(path, test, own_file):
    """(file, summary) of the baseline; a folder gives its newest passing summary of the test, or (None, None)."""
    if not os.path.isdir(path):
        with open(path, encoding="utf-8") as file:
            return path, json.load(file)
    best = None
    for name in sorted(os.listdir(path)):
        candidate = os.path.join(path, name)
        if not name.endswith(".summary.json") or (own_file and os.path.abspath(candidate) == os.path.abspath(own_file)):
            continue
        try:
            with open(candidate, encoding="utf-8") as file:
                summary = json.load(file)
        except (OSError, ValueError):
            continue
        if not isinstance(summary, dict) or summary.get("test") != test or summary.get("verdict") != "pass":
            continue
        key = (str(summary.get("endTime", "")), name)
        if best is None or key > best[0]:
            best = (key, candidate, summary)
    return (best[1], best[2]) if best else (None, None)


def judge_regression(summary, own_file):
    """(regression section of the summary, breach sentences), or (None, []) without a baseline setting."""
    path = os.environ.get(BASELINE_ENV_VAR)
    if not path:
        return None, []
    config = json.loads(os.environ.get(REGRESSION_ENV_VAR) or "{}")
    source, baseline = find_baseline(path, summary["test"], own_file)
    if baseline is None:
        logger.info("regression: no passing summary of %s in %s yet, so there is no baseline: the gate passes", summary["test"], path)
        return {"baseline": None, "checks": []}, []
    checks = compare_with_baseline(baseline, summary, config)
    section = {"baseline": source, "checks": checks}
    for key in ("runId", "endTime"):
        if key in baseline:
            section["baseline" + key[0].upper() + key[1:]] = baseline[key]
    breaches = [describe_check(check) for check in checks if not check["passed"]]
    if not breaches:
        logger.info("regression: none against %s (%d checks)", source, len(checks))
    return section, breaches
`;
}
