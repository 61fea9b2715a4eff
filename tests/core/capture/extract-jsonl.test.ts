import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPage } from './support/fixtures.ts';

const SCRIPT = fileURLToPath(new URL('../../../scripts/extract-jsonl.ts', import.meta.url));

function run(input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, '--jsonl'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

describe('scripts/extract-jsonl.ts', () => {
  it('answers one line per request, in order, with errors in place', async () => {
    const wordpress = (await readPage('wordpress-news')).toString('utf8');
    const input = [
      JSON.stringify({ id: 'wp', url: 'https://news.example/a', html: wordpress }),
      'this is not json',
      JSON.stringify({ id: 7, url: 'https://x.example/', html: '<title>Tiny</title><p>One line\u2028with a separator.</p>' }),
      JSON.stringify({ id: 'no-html', url: 'https://x.example/' }),
    ].join('\n');
    const { stdout, stderr, code } = await run(`${input}\n`);
    expect(code).toBe(0);
    expect(stdout).not.toContain('\u2028');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const [wp, bad, tiny, missing] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(wp).toMatchObject({ id: 'wp', title: 'City Council Approves Riverside Flood Barrier After Decade of Debate', byline: 'Maria Delgado', lang: 'en-US' });
    expect(Object.keys(wp ?? {})).toEqual(['id', 'title', 'byline', 'siteName', 'publishedTime', 'lang', 'excerpt', 'text', 'html', 'ms']);
    expect(String(wp?.text)).toContain('\n\n');
    expect(wp?.ms).toEqual(expect.any(Number));
    expect(bad).toMatchObject({ id: null, error: expect.stringContaining('invalid JSON') });
    // The separator survives in the HTML (escaped on the wire); text collapses it like whitespace.
    expect(tiny).toMatchObject({ id: 7, title: 'Tiny', text: 'One line with a separator.', html: '<p>One line\u2028with a separator.</p>' });
    expect(stdout).toContain('\\u2028');
    expect(missing).toMatchObject({ id: 'no-html', error: expect.any(String) });
    expect(stderr).toContain('4 page(s) done');
  });
});
