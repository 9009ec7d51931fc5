import { get } from 'node:http';

/** How often a run prints its progress line. */
export const PROGRESS_INTERVAL_MS = 5_000;

/** What the master's web UI reports at one moment. */
export interface ProgressFigures {
  readonly users: number;
  readonly requestsPerSecond: number;
  readonly failures: number;
  /** The current p95 in ms; undefined before any response. */
  readonly p95Ms?: number;
}

/**
 * The figures of the web UI's `/stats/requests`. Locust 2.12 names the current p95
 * `current_response_time_percentile_95`; later versions put it in `current_response_time_percentiles`
 * under `response_time_percentile_0.95`. The failures are the last row's, the total.
 */
export function progressFigures(report: unknown): ProgressFigures | undefined {
  if (typeof report !== 'object' || report === null) return undefined;
  const json = report as Record<string, any>;
  const rows: unknown[] = Array.isArray(json.stats) ? json.stats : [];
  const total = rows[rows.length - 1] as Record<string, unknown> | undefined;
  const p95 = json.current_response_time_percentiles?.['response_time_percentile_0.95'] ?? json.current_response_time_percentile_95;
  return {
    users: Number(json.user_count ?? 0),
    requestsPerSecond: Number(json.total_rps ?? 0),
    failures: Number(total?.num_failures ?? 0),
    ...(typeof p95 === 'number' ? { p95Ms: p95 } : {}),
  };
}

/** `progress: 15 s, 10 users, 34.2 requests/s, 0 failures, p95 12 ms` */
export function progressLine(elapsedSeconds: number, figures: ProgressFigures): string {
  const p95 = figures.p95Ms === undefined ? 'no response yet' : `p95 ${Number(figures.p95Ms.toFixed(1))} ms`;
  return `progress: ${Math.round(elapsedSeconds)} s, ${figures.users} user${figures.users === 1 ? '' : 's'}, ${figures.requestsPerSecond.toFixed(1)} requests/s, ${figures.failures} failure${figures.failures === 1 ? '' : 's'}, ${p95}`;
}

function fetchJson(url: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch {
          resolve(undefined);
        }
      });
    });
    // The web UI is not up yet, or already gone: this tick prints nothing.
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/**
 * Asks the master's web UI for its figures every few seconds and prints one line each time, so
 * that a long run shows it is alive. Returns the function that stops it.
 */
export function startProgress(webUrl: string, say: (line: string) => void, intervalMs = PROGRESS_INTERVAL_MS): () => void {
  const started = Date.now();
  let stopped = false;
  const timer = setInterval(() => {
    void fetchJson(`${webUrl}/stats/requests`, Math.min(2_000, intervalMs)).then((report) => {
      const figures = progressFigures(report);
      if (!stopped && figures !== undefined) say(progressLine((Date.now() - started) / 1000, figures));
    });
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
