// `lectern sync`: one round from the command line; the first on an empty folder sets it up, a
// second library joins with the same passphrase file, a wrong one is refused with exit code 1,
// and --json ends with the round's report.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run-cli.ts';
import { EXIT } from '../../../../electron/cli/exit-codes.ts';
import { openLibrary } from '../../../../electron/library/library.ts';
import { removeTempDirs, tempDir } from './sync-devices.ts';

afterEach(removeTempDirs);

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { print: (l) => out.push(l), note: (l) => err.push(l) });
  const last = out.at(-1) ?? '';
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(last) as Record<string, unknown>;
  } catch {
    // not a --json run
  }
  return { code, out: out.join('\n'), err: err.join('\n'), json };
}

function libraryWith(dir: string, urls: string[]): void {
  const library = openLibrary(join(dir, 'library.db'));
  try {
    for (const url of urls) library.addPending(url);
  } finally {
    library.close();
  }
}

function urlsIn(dir: string): string[] {
  const library = openLibrary(join(dir, 'library.db'));
  try {
    return library.list({ view: 'all', limit: 500 }).items.map((a) => a.url).sort();
  } finally {
    library.close();
  }
}

describe('lectern sync', () => {
  it('sets up an empty folder on the first round, and a second library joins it', async () => {
    const remote = tempDir('lectern-cli-remote-');
    const [one, two] = [tempDir('lectern-cli-one-'), tempDir('lectern-cli-two-')];
    const passphraseFile = join(tempDir('lectern-cli-secret-'), 'passphrase');
    writeFileSync(passphraseFile, 'a long and private passphrase\n');
    libraryWith(one, ['https://example.com/one']);
    libraryWith(two, ['https://example.com/two']);

    const first = await cli('sync', '--data-dir', one, '--remote', remote, '--passphrase-file', passphraseFile, '--json');
    expect(first.code, first.err).toBe(EXIT.ok);
    expect(first.json).toMatchObject({ setUp: true, rejected: [] });
    expect(first.json.pushed).toBeGreaterThan(0);

    const human = await cli('sync', '--data-dir', two, '--remote', remote, '--passphrase-file', passphraseFile);
    expect(human.code, human.err).toBe(EXIT.ok);
    expect(human.out).toMatch(/^Synced with folder /);
    expect(human.out).toMatch(/pulled [1-9]/);
    await cli('sync', '--data-dir', one, '--remote', remote, '--passphrase-file', passphraseFile);

    expect(urlsIn(one)).toEqual(['https://example.com/one', 'https://example.com/two']);
    expect(urlsIn(two)).toEqual(urlsIn(one));
  });

  it('refuses a wrong passphrase with exit code 1 and changes nothing in the library', async () => {
    const remote = tempDir('lectern-cli-remote-');
    const [one, two] = [tempDir('lectern-cli-one-'), tempDir('lectern-cli-two-')];
    const secrets = tempDir('lectern-cli-secret-');
    writeFileSync(join(secrets, 'right'), 'the right passphrase');
    writeFileSync(join(secrets, 'wrong'), 'not the right one');
    libraryWith(one, ['https://example.com/one']);
    libraryWith(two, ['https://example.com/two']);
    expect((await cli('sync', '--data-dir', one, '--remote', remote, '--passphrase-file', join(secrets, 'right'))).code).toBe(EXIT.ok);

    const wrong = await cli('sync', '--data-dir', two, '--remote', remote, '--passphrase-file', join(secrets, 'wrong'), '--json');
    expect(wrong.code).toBe(EXIT.partial);
    expect(wrong.json).toMatchObject({ error: 'sync' });
    expect(String(wrong.json.message)).toMatch(/wrong passphrase/i);
    expect(wrong.err).toMatch(/wrong passphrase/i);
    expect(urlsIn(two)).toEqual(['https://example.com/two']);
  });

  it('says what is missing with exit code 2', async () => {
    const dir = tempDir('lectern-cli-one-');
    const noRemote = await cli('sync', '--data-dir', dir, '--passphrase-file', join(dir, 'x'));
    expect(noRemote.code).toBe(EXIT.usage);
    expect(noRemote.err).toMatch(/--remote/);
    const noPassphrase = await cli('sync', '--data-dir', dir, '--remote', dir);
    expect(noPassphrase.code).toBe(EXIT.usage);
    expect(noPassphrase.err).toMatch(/--passphrase-file/);
    const unreadable = await cli('sync', '--data-dir', dir, '--remote', dir, '--passphrase-file', join(dir, 'missing'));
    expect(unreadable.code).toBe(EXIT.usage);
    expect(unreadable.err).toMatch(/cannot read the passphrase file/);
  });
});
