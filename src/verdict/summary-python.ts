/**
 * The part of the verdict module that measures a run: the summary's figures, read from Locust's
 * stats API as Locust 2.12 to 2.46 share it (`stats.entries` keyed by (name, method),
 * `stats.total`, and on each entry `num_requests`, `num_failures`, `fail_ratio`,
 * `avg_response_time`, `median_response_time`, `get_response_time_percentile`, `total_rps`,
 * `start_time`). Figures are rounded so that the same run always prints the same text.
 */

/** Version of the summary's layout, written in every summary as `summaryVersion`. */
export const SUMMARY_VERSION = 1;

/** Environment variable that puts the summary in a given file (the command line's `run` sets it). */
export const SUMMARY_FILE_ENV_VAR = 'CDK8S_LOCUST_SUMMARY_FILE';
/** Environment variable carrying the test's name into its summary. */
export const TEST_NAME_ENV_VAR = 'CDK8S_LOCUST_TEST';
/** Environment variable carrying the test's run id into its summary. */
export const RUN_ID_ENV_VAR = 'CDK8S_LOCUST_RUN_ID';

/** What a log line holding the summary starts with, so that `kubectl logs | grep` finds it. */
export const SUMMARY_LOG_PREFIX = 'cdk8s-locust summary ';

/** The Python functions of the module that build the summary's figures and write it. */
export function summaryPython(): string {
  return `SUMMARY_VERSION = ${SUMMARY_VERSION}
SUMMARY_FILE_ENV_VAR = "${SUMMARY_FILE_ENV_VAR}"
TEST_NAME_ENV_VAR = "${TEST_NAME_ENV_VAR}"
RUN_ID_ENV_VAR = "${RUN_ID_ENV_VAR}"
SUMMARY_LOG_PREFIX = "${SUMMARY_LOG_PREFIX}"
TOTAL_ROW = "Aggregated"


def _rounded(value, digits=3):
    number = round(float(value or 0), digits)
    return int(number) if number == int(number) else number


def _row(entry):
    return {
        "requests": int(entry.num_requests),
        "failures": int(entry.num_failures),
        "failRatio": _rounded(entry.fail_ratio, 6),
        "requestsPerSecond": _rounded(entry.total_rps),
        "averageMs": _rounded(entry.avg_response_time),
        "medianMs": _rounded(entry.median_response_time),
        "p95Ms": _rounded(entry.get_response_time_percentile(0.95)),
        "p99Ms": _rounded(entry.get_response_time_percentile(0.99)),
    }


def _endpoints(stats):
    rows = []
    for entry in stats.entries.values():
        if entry.num_requests == 0 and entry.num_failures == 0:
            continue
        row = {"method": str(entry.method or ""), "name": str(entry.name)}
        row.update(_row(entry))
        rows.append(row)
    return sorted(rows, key=lambda row: (row["name"], row["method"]))


def _utc(timestamp):
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def measure(environment, ended):
    """The run's figures, in the summary's layout, without the verdict."""
    stats = environment.stats
    started = stats.total.start_time or ended
    summary = {
        "summaryVersion": SUMMARY_VERSION,
        "test": os.environ.get(TEST_NAME_ENV_VAR) or "locust",
        "locustVersion": str(getattr(locust, "__version__", "") or "unknown"),
        "startTime": _utc(started),
        "endTime": _utc(ended),
    }
    run_id = os.environ.get(RUN_ID_ENV_VAR)
    if run_id:
        summary["runId"] = run_id
    summary["total"] = _row(stats.total)
    summary["endpoints"] = _endpoints(stats)
    return summary


def summary_file(environment):
    """Where the summary goes: the file the environment names, else next to the CSV reports."""
    named = os.environ.get(SUMMARY_FILE_ENV_VAR)
    if named:
        return named
    options = getattr(environment, "parsed_options", None)
    prefix = getattr(options, "csv_prefix", None) if options is not None else None
    return prefix + ".summary.json" if prefix else None


def write_summary(summary, path):
    text = json.dumps(summary, sort_keys=True, separators=(",", ":"))
    logger.info("%s%s", SUMMARY_LOG_PREFIX, text)
    if path is None:
        return
    try:
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(json.dumps(summary, sort_keys=True, indent=2) + "\\n")
        logger.info("summary written to %s", path)
    except OSError as error:
        logger.error("the summary could not be written to %s: %s", path, error)
`;
}
