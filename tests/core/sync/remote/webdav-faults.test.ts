// The WebDAV remote's timeout and retry policy, with real sockets: a server that never answers,
// one that stalls mid-answer, 503s and 429s before Apache answers, an answer lost after the
// work was done, and the failures that must not be retried (a wrong password, a full disk).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncRemoteError } from '../../../../electron/sync/remote/sync-remote.ts';
import { createWebdavRemote, type WebdavRemoteOptions } from '../../../../electron/sync/remote/webdav-remote.ts';
import { startWebdavServer, type WebdavServer } from '../../../support/webdav-server.ts';
import { startFrontServer, startSilentServer, startTricklingServer, type Decision, type FrontRequest } from '../../../support/webdav/front-server.ts';

let server: WebdavServer;
beforeAll(async () => {
  server = await startWebdavServer();
});
afterAll(() => server?.dispose());

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const bytes = (text: string) => new TextEncoder().encode(text);

async function failure(promise: Promise<unknown>): Promise<SyncRemoteError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SyncRemoteError);
  return error as SyncRemoteError;
}

/** A remote on a fresh DAV folder, reached through a front server that decides each request. */
async function behindFront(folder: string, decide: (request: FrontRequest) => Decision, options: Partial<WebdavRemoteOptions> = {}) {
  mkdirSync(join(server.davFolder, folder));
  if (process.getuid?.() === 0) execFileSync('chown', ['www-data:www-data', join(server.davFolder, folder)]);
  const front = await startFrontServer(server.port, decide);
  closers.push(front.close);
  const remote = createWebdavRemote({
    url: `${front.origin}/basic/${folder}`,
    username: server.username,
    password: server.password,
    auth: 'basic',
    retryDelayMs: 10,
    ...options,
  });
  return { front, remote, raw: join(server.davFolder, folder) };
}

describe('WebDAV remote: timeouts and retries', () => {
  it('gives up with timeout on a server that accepts and never answers, after its retries', async () => {
    const silent = await startSilentServer();
    closers.push(silent.close);
    const remote = createWebdavRemote({ url: `${silent.origin}/dav`, timeoutMs: 300, retries: 2, retryDelayMs: 10 });
    expect((await failure(remote.list(''))).kind).toBe('timeout');
    expect(silent.connections).toBe(3);
  });

  it('times out an answer that stalls after its headers', async () => {
    const stalling = await startSilentServer({ headersOnly: true });
    closers.push(stalling.close);
    const remote = createWebdavRemote({ url: `${stalling.origin}/dav`, timeoutMs: 300, retries: 0 });
    expect((await failure(remote.read('devices/0123456789abcdef/ack'))).kind).toBe('timeout');
  });

  it('waits out a slow answer that keeps coming, however long it takes in all', async () => {
    // 20 pieces 50 ms apart: a second in all, against a timeout of 400 ms without data.
    const trickling = await startTricklingServer('0123456789', 20, 50);
    closers.push(trickling.close);
    const remote = createWebdavRemote({ url: `${trickling.origin}/dav`, timeoutMs: 400, retries: 0 });
    const data = await remote.read('snapshots/0123456789abcdef-000000000001.snap');
    expect(new TextDecoder().decode(data!)).toBe('0123456789'.repeat(20));
  });

  it('retries through 503s and a 429, then gets there', async () => {
    const { front, remote, raw } = await behindFront('flaky', ({ number }) => {
      if (number <= 2) return { status: 503 };
      if (number === 3) return { status: 429, headers: { 'retry-after': '0' } };
      return 'forward';
    });
    await remote.write('devices/0123456789abcdef/000000000001.seg', bytes('made it'));
    expect(front.seen.slice(0, 4).map(({ method }) => method)).toEqual(['PUT', 'PUT', 'PUT', 'PUT']);
    expect(readFileSync(join(raw, 'devices/0123456789abcdef/000000000001.seg'), 'utf8')).toBe('made it');
    expect(new TextDecoder().decode((await remote.read('devices/0123456789abcdef/000000000001.seg'))!)).toBe('made it');
  });

  it('says unreachable when the 503s outlast its retries', async () => {
    const { front, remote } = await behindFront('down', () => ({ status: 503 }), { retries: 2 });
    expect((await failure(remote.list(''))).kind).toBe('unreachable');
    expect(front.seen).toHaveLength(3);
  });

  it('finishes a write whose MOVE was done but whose answer was lost', async () => {
    const { front, remote, raw } = await behindFront('lost-answer', ({ method }) =>
      method === 'MOVE' && front.seen.filter((request) => request.method === 'MOVE').length === 1 ? 'forward-then-drop' : 'forward',
    );
    await remote.write('devices/0123456789abcdef/ack', bytes('moved once'));
    expect(front.seen.filter(({ method }) => method === 'MOVE')).toHaveLength(2);
    expect(readdirSync(join(raw, 'devices/0123456789abcdef'))).toEqual(['ack']);
    expect(readFileSync(join(raw, 'devices/0123456789abcdef/ack'), 'utf8')).toBe('moved once');
  });

  it('does not retry a wrong password, a full disk or a refusal', async () => {
    const wrong = await behindFront('no-retry-401', () => 'forward', { password: 'wrong', retries: 3 });
    expect((await failure(wrong.remote.list(''))).kind).toBe('unauthorized');
    expect(wrong.front.seen).toHaveLength(1);

    const full = await behindFront('no-retry-507', ({ method }) => (method === 'PUT' ? { status: 507 } : 'forward'), { retries: 3 });
    expect((await failure(full.remote.write('devices/0123456789abcdef/ack', bytes('x')))).kind).toBe('full');
    expect(full.front.seen.filter(({ method }) => method === 'PUT')).toHaveLength(1);

    const refusing = await behindFront('no-retry-400', ({ method }) => (method === 'MOVE' ? { status: 400 } : 'forward'), { retries: 3 });
    expect((await failure(refusing.remote.write('devices/0123456789abcdef/ack', bytes('x')))).kind).toBe('refused');
    expect(refusing.front.seen.filter(({ method }) => method === 'MOVE')).toHaveLength(1);
    // The upload it could not move into place is cleaned up.
    expect(readdirSync(join(refusing.raw, 'devices/0123456789abcdef'))).toEqual([]);
  });
});
