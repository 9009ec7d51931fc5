import { spawn } from 'node:child_process';
import { DEFAULT_OPERATOR_CONFIG, planObservability, SpecJson, warningsFor } from '../../src/tooling';
import { inspectLocust } from '../../src/local-run/locust-program';
import { freePort } from '../../src/local-run/runner';
import { minimalSpecJson } from '../fixtures';
import { E2E_TIMEOUT_MS, PING_LOCUSTFILE, useWorkspace } from './harness';
import { describeOnLocusts, LOCUST_2_24, LOCUST_ON_PATH } from './locust-versions';

/**
 * What the Locust an image runs decides, next to the behaviour of that real Locust: `--otel`
 * refused before 2.42.4 (which a warning says), and the `/stats/requests` fields the metrics
 * exporter sidecar reads (which a warning, the exporter dashboard and the README's PromQL rely on).
 */

const workspace = useWorkspace('versions');

/** The warnings of an OpenTelemetry-mode test whose image is Locust `version`. */
function otelWarningsOfImage(version: string): string[] {
  const spec = minimalSpecJson({
    image: `locustio/locust-otel:${version}`,
    observability: { openTelemetry: { enabled: true, endpoint: 'http://collector:4317' } },
  }) as SpecJson;
  const observability = planObservability(spec.observability?.openTelemetry, DEFAULT_OPERATOR_CONFIG.metricsExporter);
  return warningsFor(spec, DEFAULT_OPERATOR_CONFIG, { observability, argoCd: false }).map((warning) => `${warning.path} ${warning.message}`);
}

/** The warnings of an exporter-mode test on Locust `version` whose sidecar a monitor scrapes. */
function monitoredExporterWarningsOfImage(version: string): string[] {
  const spec = minimalSpecJson({ image: `locustio/locust:${version}` }) as SpecJson;
  const observability = planObservability(undefined, DEFAULT_OPERATOR_CONFIG.metricsExporter);
  return warningsFor(spec, DEFAULT_OPERATOR_CONFIG, { observability, argoCd: false, monitored: true }).map((warning) => `${warning.path} ${warning.message}`);
}

/** Runs `program` with `args` until it exits or `bound` ms pass; its code and output. */
function runProgram(program: string, args: string[], bound: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd: workspace.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const killer = setTimeout(() => child.kill('SIGKILL'), bound);
    child.on('close', (code) => { clearTimeout(killer); resolve({ code, output }); });
  });
}

/** GETs `url` until it answers with JSON whose stats hold a request, within `bound` ms. */
async function statsWithRequests(url: string, bound: number): Promise<Record<string, unknown>> {
  const until = Date.now() + bound;
  for (;;) {
    try {
      const stats = await (await fetch(url)).json() as { stats?: Array<{ name: string; num_requests: number }> };
      if ((stats.stats ?? []).some((entry) => entry.name === '/ping' && entry.num_requests > 5)) return stats as Record<string, unknown>;
    } catch {
      // the web UI is not up yet
    }
    if (Date.now() > until) throw new Error(`${url} held no requests within ${bound} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describeOnLocusts('OpenTelemetry with a Locust older than 2.42.4', (locust) => {
  test('locust exits 2 at once given --otel, which the warning for an image of that version says', async () => {
    // GIVEN this Locust and its version
    const { version } = await inspectLocust(locust.program!);

    // WHEN it is started with --otel, as an OpenTelemetry-mode pod starts it
    const result = await runProgram(locust.program!, ['--otel', '-f', workspace.file('ping.py', PING_LOCUSTFILE), '--headless', '-u', '1', '-t', '1s'], 30_000);

    // THEN it refused the flag with exit status 2
    expect(result.output).toContain('unrecognized arguments: --otel');
    expect(result.code).toBe(2);
    // AND the warning for an image of this version says the pods exit at start
    expect(otelWarningsOfImage(version)).toContainEqual(expect.stringContaining(`spec.image runs Locust ${version}, which has no --otel (added in 2.42.4): the pods exit at start`));
  }, E2E_TIMEOUT_MS);
}, [LOCUST_ON_PATH, LOCUST_2_24]);

describeOnLocusts('the metrics exporter sidecar reading /stats/requests', (locust) => {
  test('the top-level current_response_time_percentile_50 and _95 it reads are filled before Locust 2.20 and absent (read as 0) from it', async () => {
    // GIVEN a master with its web UI, as exporter mode runs it (--autostart), sending load
    const { version } = await inspectLocust(locust.program!);
    const webPort = await freePort();
    const master = runProgram(locust.program!, [
      '-f', workspace.file('ping.py', PING_LOCUSTFILE), '--host', workspace.target.url, '--autostart', '--autoquit', '0',
      '-u', '2', '-r', '2', '-t', '3s', '--web-host', '127.0.0.1', '--web-port', String(webPort),
    ], 40_000);

    // WHEN the stats are read where the exporter scrapes them
    const stats = await statsWithRequests(`http://127.0.0.1:${webPort}/stats/requests`, 20_000);
    await master;

    // THEN the fields the exporter reads are filled before 2.20; from 2.20 they are absent (the
    // exporter reads 0) and the map current_response_time_percentiles holds the values instead
    const exporterReads = [stats.current_response_time_percentile_50, stats.current_response_time_percentile_95];
    const minor = Number(/^2\.(\d+)\./.exec(version)?.[1]);
    expect(minor).toBeGreaterThan(0);
    const warned = monitoredExporterWarningsOfImage(version).some((warning) => warning.includes('locust_requests_current_response_time_percentile_50 and _95 read 0'));
    if (minor >= 20) {
      expect(exporterReads).toEqual([undefined, undefined]);
      expect(stats.current_response_time_percentiles).toEqual(expect.objectContaining({ 'response_time_percentile_0.95': expect.any(Number) }));
    } else {
      expect(exporterReads).toEqual([expect.any(Number), expect.any(Number)]);
      expect(Number(exporterReads[0])).toBeGreaterThan(0);
    }
    // AND the warning for a scraped exporter on an image of this version says so exactly then
    expect(warned).toBe(minor >= 20);
    // AND the per-request median the exporter dashboard shows is filled on every version
    expect(typeof (stats.stats as Array<{ name: string; median_response_time: unknown }>).find((entry) => entry.name === '/ping')?.median_response_time).toBe('number');
  }, E2E_TIMEOUT_MS);
});
