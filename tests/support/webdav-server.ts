// A real WebDAV server for the sync tests: Debian's Apache httpd with mod_dav, one instance per
// test file, on a free loopback port, with its own config, users and DAV folder in a temp
// folder. No Apache means a failed test that says how to get one, never a skipped one: CI
// installs it (.ci/run), and sync over WebDAV is proven against it or not at all.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpdConf, REALM } from './webdav/httpd-conf.ts';

const APACHE = '/usr/sbin/apache2';
const RUN_AS = 'www-data';

export interface WebdavServer {
  readonly port: number;
  /** https://… when started with tls, else http://…; no trailing slash. */
  readonly origin: string;
  /** The folder mod_dav serves, on disk: tests look at the raw files here. */
  readonly davFolder: string;
  /** The self-signed certificate (PEM) a client must trust; null without tls. */
  readonly ca: string | null;
  readonly username: string;
  readonly password: string;
  /** The URL of `path` inside the DAV folder, behind Basic or Digest authentication. */
  url(auth: 'basic' | 'digest', path?: string): string;
  /** Stops Apache (the whole process group) and waits until it has gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port, with the same files. */
  start(): Promise<void>;
  /** Stops it and removes its temp folder. */
  dispose(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function requireApache(): void {
  if (!existsSync(APACHE) || !existsSync('/usr/bin/htpasswd')) {
    throw new Error(
      `The sync tests need Debian's Apache httpd (${APACHE}) and htpasswd: apt-get install apache2 (.ci/run does this).`,
    );
  }
}

function selfSignedCertificate(root: string): { cert: string; key: string } {
  const cert = join(root, 'cert.pem');
  const key = join(root, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { cert, key };
}

/** Lays out the temp folder; as root, hands what the workers write to RUN_AS. */
function prepare(root: string, username: string, password: string): string | null {
  const runAs = process.getuid?.() === 0 ? RUN_AS : null;
  for (const folder of ['run', 'lock', 'dav', 'htdocs']) mkdirSync(join(root, folder));
  writeFileSync(join(root, 'mime.types'), '');
  execFileSync('htpasswd', ['-b', '-c', '-B', join(root, 'users.htpasswd'), username, password], { stdio: 'ignore' });
  // htdigest reads the password from the terminal only; this is the line it writes.
  const ha1 = createHash('md5').update(`${username}:${REALM}:${password}`).digest('hex');
  writeFileSync(join(root, 'users.htdigest'), `${username}:${REALM}:${ha1}\n`);
  chmodSync(root, 0o755);
  for (const file of ['users.htpasswd', 'users.htdigest', 'mime.types']) chmodSync(join(root, file), 0o644);
  if (runAs) {
    const uid = Number(execFileSync('id', ['-u', runAs]).toString());
    const gid = Number(execFileSync('id', ['-g', runAs]).toString());
    for (const folder of ['lock', 'dav']) chownSync(join(root, folder), uid, gid);
  }
  return runAs;
}

export async function startWebdavServer(options: { tls?: boolean } = {}): Promise<WebdavServer> {
  requireApache();
  const root = mkdtempSync(join(tmpdir(), 'lectern-webdav-'));
  const username = 'reader';
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const runAs = prepare(root, username, password);
  const tls = options.tls ? selfSignedCertificate(root) : null;
  const port = await freePort();
  const conf = join(root, 'httpd.conf');
  writeFileSync(conf, httpdConf({ root, port, runAs, tls }));
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    let output = '';
    const started = spawn(APACHE, ['-f', conf, '-DFOREGROUND'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exited = false;
    started.once('exit', () => (exited = true));
    child = started;
    // Should the test process end without afterAll (a crash, a timeout), Apache ends with it.
    const orphanGuard = () => {
      if (started.exitCode !== null || started.signalCode !== null) return;
      try {
        process.kill(-started.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    process.once('exit', orphanGuard);
    started.once('exit', () => process.off('exit', orphanGuard));
    for (let waited = 0; waited < 15_000; waited += 50) {
      if (exited) break;
      if (await accepts(port)) return;
      await delay(50);
    }
    const log = existsSync(join(root, 'error.log')) ? readFileSync(join(root, 'error.log'), 'utf8') : '';
    await stop();
    throw new Error(`Apache did not start on port ${port}:\n${output}\n${log}`);
  }

  async function stop(): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    process.kill(-running.pid!, 'SIGTERM');
    const killed = setTimeout(() => process.kill(-running.pid!, 'SIGKILL'), 5_000);
    await gone;
    clearTimeout(killed);
    // The workers may outlive the parent by a moment; the port is free only when they are gone.
    for (let waited = 0; waited < 5_000 && (await accepts(port)); waited += 50) await delay(50);
  }

  await start();
  return {
    port,
    origin,
    davFolder: join(root, 'dav'),
    ca: tls ? readFileSync(tls.cert, 'utf8') : null,
    username,
    password,
    url: (auth, path = '') => `${origin}/${auth}/${path}`.replace(/\/+$/, ''),
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
