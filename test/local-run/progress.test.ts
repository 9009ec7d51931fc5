// Mutants of progress.ts that no test can tell apart, since each only changes what an answer
// without figures does, and such an answer prints nothing either way:
// - line 23, `["Stryker was here"]` for `[]` when stats is not a list: the failures of a string row are 0.
// - line 44, `setEncoding('')` for `setEncoding('utf8')`: the body is read as UTF-8 either way.
// - line 49, an empty catch block, and line 56, `() => undefined` for `() => resolve(undefined)`:
//   the request's promise then never settles, and nothing is printed, as for undefined figures.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { progressFigures, progressLine, startProgress } from '../../src/local-run/progress';

/** A stand-in for the master's web UI on 127.0.0.1, answering each request with `answer`. */
async function webUi(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done` holds, checking every 10 ms, for at most `ms`. */
async function until(done: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await sleep(10);
}

const REPORT_2_12 = { user_count: 10, total_rps: 34.25, current_response_time_percentile_95: 12, stats: [{ name: '/a', num_failures: 1 }, { name: 'Aggregated', num_failures: 3 }] };

describe('progressFigures', () => {
  test('reads Locust 2.12\'s web UI figures, the failures from the total row', () => {
    expect(progressFigures(REPORT_2_12)).toEqual({ users: 10, requestsPerSecond: 34.25, failures: 3, p95Ms: 12 });
  });

  test('reads the percentiles map of later versions before the old field', () => {
    const report = { user_count: 1, total_rps: 2, current_response_time_percentile_95: 99, current_response_time_percentiles: { 'response_time_percentile_0.5': 5, 'response_time_percentile_0.95': 20.4 }, stats: [] };
    expect(progressFigures(report)?.p95Ms).toBe(20.4);
  });

  test('reads a report without figures as nothing happening yet, without a p95', () => {
    expect(progressFigures({ stats: 'none', current_response_time_percentile_95: null })).toEqual({ users: 0, requestsPerSecond: 0, failures: 0 });
  });

  test.each([['no answer', undefined], ['null', null], ['a string', 'Bad gateway']])('reads no figures from %s', (_, report) => {
    expect(progressFigures(report)).toBeUndefined();
  });
});

describe('progressLine', () => {
  test('shows the figures, rounded', () => {
    expect(progressLine(15.5, { users: 10, requestsPerSecond: 34.25, failures: 3, p95Ms: 12.04 })).toBe('progress: 16 s, 10 users, 34.3 requests/s, 3 failures, p95 12 ms');
  });

  test('says one user and one failure in the singular', () => {
    expect(progressLine(5, { users: 1, requestsPerSecond: 2, failures: 1, p95Ms: 20.45 })).toBe('progress: 5 s, 1 user, 2.0 requests/s, 1 failure, p95 20.4 ms');
  });

  test('says when no response came yet', () => {
    expect(progressLine(5, { users: 2, requestsPerSecond: 0, failures: 0 })).toBe('progress: 5 s, 2 users, 0.0 requests/s, 0 failures, no response yet');
  });
});

describe('startProgress', () => {
  test('prints a line from the web UI\'s /stats/requests at each interval, and nothing once stopped', async () => {
    // GIVEN a web UI that reports figures
    const paths: string[] = [];
    const { server, url } = await webUi((request, response) => {
      paths.push(String(request.url));
      response.end(JSON.stringify(REPORT_2_12));
    });
    const lines: string[] = [];

    // WHEN progress runs for a few intervals and is stopped
    const stop = startProgress(url, (line) => lines.push(line), 30);
    await until(() => lines.length >= 2);
    stop();
    const printed = lines.length;
    await sleep(150);
    await close(server);

    // THEN each line carries the figures and the seconds since the start, and none comes after the stop
    expect(paths.every((path) => path === '/stats/requests')).toBe(true);
    expect(lines.slice(0, 2)).toEqual(Array(2).fill('progress: 0 s, 10 users, 34.3 requests/s, 3 failures, p95 12 ms'));
    expect(lines).toHaveLength(printed);
  });

  test('prints nothing for an answer that comes after the stop', async () => {
    // GIVEN a web UI that answers only once progress was stopped
    let stop: () => void = () => undefined;
    const { server, url } = await webUi((_, response) => {
      stop();
      setTimeout(() => response.end(JSON.stringify(REPORT_2_12)), 50);
    });
    const lines: string[] = [];
    let asked = false;
    server.on('request', () => { asked = true; });

    // WHEN progress asks once and is stopped before the answer comes (within the request's time limit)
    stop = startProgress(url, (line) => lines.push(line), 200);
    await until(() => asked);
    await sleep(150);
    await close(server);

    // THEN the late answer prints nothing
    expect(asked).toBe(true);
    expect(lines).toEqual([]);
  });

  test('gives up a request the web UI does not answer within the interval, so that none pile up', async () => {
    // GIVEN a web UI that takes every request and never answers
    let closed = 0;
    const { server, url } = await webUi(() => undefined);
    server.on('connection', (socket) => socket.on('close', () => { closed++; }));
    const lines: string[] = [];

    // WHEN progress asks it every 50 ms
    const stop = startProgress(url, (line) => lines.push(line), 50);
    await until(() => closed >= 2, 1_500);
    const closedByProgress = closed;
    stop();
    await close(server);

    // THEN progress closed its requests itself, and printed nothing
    expect(closedByProgress).toBeGreaterThanOrEqual(2);
    expect(lines).toEqual([]);
  });

  test('prints nothing while the web UI answers with no figures or is not up', async () => {
    // GIVEN a web UI that answers with a page that is not JSON
    let answers = 0;
    const { server, url } = await webUi((_, response) => {
      answers++;
      response.end('<html>starting</html>');
    });
    const lines: string[] = [];

    // WHEN progress asks it a few times, then asks where nothing listens
    const stop = startProgress(url, (line) => lines.push(line), 20);
    await until(() => answers >= 2);
    await close(server);
    await sleep(100);
    stop();

    // THEN nothing is printed, and nothing fails
    expect(answers).toBeGreaterThanOrEqual(2);
    expect(lines).toEqual([]);
  });
});
