import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../../electron/capture/capture-error.ts';
import { FetchScheduler, retryDelay } from '../../../electron/capture/fetching/fetch-scheduler.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';

describe('FetchScheduler', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  it('retries 503 and 429 with backoff, honouring Retry-After', async () => {
    let calls = 0;
    server.route('/flaky', (_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(503).end('down');
      else if (calls === 2) res.writeHead(429, { 'retry-after': '3' }).end('slow down');
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    });
    const delays: number[] = [];
    const scheduler = new FetchScheduler({ baseDelayMs: 100, random: () => 0.5, sleep: async (ms) => void delays.push(ms) });
    const response = await scheduler.fetch(server.url('/flaky'));
    expect(response.body.toString()).toBe('<p>ok</p>');
    expect(calls).toBe(3);
    expect(delays[0]).toBe(75); // attempt 1: ceiling 100, half fixed + half jittered
    expect(delays[1]).toBe(3000); // Retry-After beats the 150 ms backoff
  });

  it('does not retry errors that will not go away', async () => {
    let calls = 0;
    server.route('/gone', (_req, res) => {
      calls++;
      res.writeHead(404).end();
    });
    const scheduler = new FetchScheduler({ sleep: async () => {} });
    await expect(scheduler.fetch(server.url('/gone'))).rejects.toMatchObject({ status: 404 });
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts and on a very long Retry-After', async () => {
    let calls = 0;
    server.route('/down', (_req, res) => {
      calls++;
      res.writeHead(500).end();
    });
    const scheduler = new FetchScheduler({ maxAttempts: 3, sleep: async () => {} });
    await expect(scheduler.fetch(server.url('/down'))).rejects.toMatchObject({ status: 500 });
    expect(calls).toBe(3);
    server.route('/later', { status: 503, headers: { 'retry-after': '86400' }, body: '' });
    await expect(new FetchScheduler({ sleep: async () => {} }).fetch(server.url('/later'))).rejects.toMatchObject({ status: 503 });
  });

  it('makes one attempt only when told not to retry (a site icon is not worth waiting for)', async () => {
    let calls = 0;
    server.route('/icon-down', (_req, res) => {
      calls++;
      res.writeHead(503, { 'retry-after': '100' }).end();
    });
    const delays: number[] = [];
    const scheduler = new FetchScheduler({ sleep: async (ms) => void delays.push(ms) });
    await expect(scheduler.fetch(server.url('/icon-down'), { retry: false })).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('limits requests per host and overall', async () => {
    let current = 0;
    let peak = 0;
    server.route('/slow', (_req, res) => {
      current++;
      peak = Math.max(peak, current);
      setTimeout(() => {
        current--;
        res.writeHead(200, { 'content-type': 'text/plain' }).end('x');
      }, 40);
    });
    const perHost = new FetchScheduler({ maxPerHost: 2, maxConcurrent: 10 });
    await Promise.all(Array.from({ length: 6 }, () => perHost.fetch(server.url('/slow'))));
    expect(peak).toBe(2);

    // 127.0.0.1 and localhost are different hosts: the global limit is what caps them together.
    peak = 0;
    const global = new FetchScheduler({ maxPerHost: 5, maxConcurrent: 3 });
    const localhost = server.url('/slow').replace('127.0.0.1', 'localhost');
    await Promise.all(Array.from({ length: 8 }, (_, i) => global.fetch(i % 2 ? server.url('/slow') : localhost)));
    expect(peak).toBe(3);
    expect(global.inFlight).toBe(0);
  });

  it('stops waiting when cancelled', async () => {
    const scheduler = new FetchScheduler({ maxPerHost: 1 });
    server.route('/block', () => {});
    const controller = new AbortController();
    const first = scheduler.fetch(server.url('/block'), { signal: controller.signal, limits: { totalTimeoutMs: 5000 } });
    const second = scheduler.fetch(server.url('/block'), { signal: controller.signal });
    controller.abort();
    await expect(first).rejects.toMatchObject({ code: 'aborted' });
    await expect(second).rejects.toMatchObject({ code: 'aborted' });
  });

  it('jitters within the exponential ceiling', () => {
    const error = new CaptureError('network', 'x');
    const options = { baseDelayMs: 1000, maxDelayMs: 8000, random: Math.random };
    for (const attempt of [1, 2, 3, 4, 5, 6]) {
      const ceiling = Math.min(8000, 1000 * 2 ** (attempt - 1));
      const delay = retryDelay(attempt, error, options);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
