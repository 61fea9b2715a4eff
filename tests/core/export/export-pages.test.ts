import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { sanitizeArticleHtml } from '../../../electron/capture/extraction/sanitize-article.ts';
import { exportHtml } from '../../../electron/export/export-html.ts';
import { exportMarkdown, exportMarkdownZip } from '../../../electron/export/export-markdown.ts';
import { assetUrl } from '../../../electron/shared/captured-article.ts';
import { saved } from '../library/helpers.ts';
import { fixtureLibrary } from './export-fixtures.ts';

const RICH_HTML = `<h2>Getting started</h2>
<p>Read <a href="https://example.com/docs">the docs</a> first, then <em>try</em> <strong>this</strong>.</p>
<ul><li>one</li><li>two</li></ul>
<ol><li>first</li><li>second</li></ol>
<pre><code>const x = 1;
console.log(x);</code></pre>
<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table>`;

async function richLibrary() {
  const fixture = await fixtureLibrary();
  const [image] = fixture.hashes as [string];
  const missing = 'f'.repeat(64);
  const html = sanitizeArticleHtml(`${RICH_HTML}<p><img src="${assetUrl(image)}" alt="A photo"></p><p><img src="${assetUrl(missing)}" alt="gone"></p>`, 'assets');
  const rich = saved(fixture.lib, 'https://example.com/rich', { title: 'Rich: a “test” page', html, text: 'Getting started' }).id;
  fixture.lib.addTags(rich, ['how-to', 'code']);
  return { ...fixture, rich, image };
}

async function zipContents(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const parts: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) parts.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(parts));
  }
  zip.close();
  return files;
}

describe('Markdown export', () => {
  it('converts one article with front matter, structure and its images as files', async () => {
    const { lib, dir, assets, rich, image } = await richLibrary();
    const path = join(dir, 'out', 'rich.md');
    expect(await exportMarkdown(lib, assets, path, { ids: [rich] })).toBe(1);
    const markdown = await readFile(path, 'utf8');
    const [, front, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(markdown)!;
    expect(front!.split('\n')).toEqual([
      'title: "Rich: a “test” page"',
      'url: "https://example.com/rich"',
      `saved: ${lib.get(rich)!.createdAt}`,
      'tags: ["code","how-to"]',
    ]);
    expect(body).toContain('# Rich: a “test” page\n');
    expect(body).toContain('## Getting started');
    expect(body).toContain('Read [the docs](https://example.com/docs) first, then *try* **this**.');
    expect(body).toMatch(/^-\s+one$/m);
    expect(body).toMatch(/^2\.\s+second$/m);
    expect(body).toContain('```\nconst x = 1;\nconsole.log(x);\n```');
    expect(body).toContain('| Name | Value |');
    expect(body).toMatch(/\| a \| 1 \|/);
    expect(body).toContain(`![A photo](images/${image}.png)`);
    // The image missing from the store is left out rather than linked to nothing.
    expect(body).not.toContain('gone');
    expect(body).not.toContain('/assets/');
    expect((await readFile(join(dir, 'out', 'images', `${image}.png`))).equals((await assets.read(image))!.bytes)).toBe(true);
  });

  it('writes several articles into a folder, one file each, names never colliding', async () => {
    const { lib, dir, assets } = await richLibrary();
    saved(lib, 'https://example.com/twin', { title: 'Rich: a “test” page' });
    const out = join(dir, 'folder');
    expect(await exportMarkdown(lib, assets, out)).toBe(8);
    const names = (await readdir(out)).sort();
    expect(names).toEqual(expect.arrayContaining(['rich-a-test-page.md', 'rich-a-test-page-2.md', 'growing-tomatoes-properly.md', 'images']));
    expect(names.filter((n) => n.endsWith('.md'))).toHaveLength(8);
    // Each image once, however many articles show it.
    expect(await readdir(join(out, 'images'))).toHaveLength(1);
  });

  it('zips a selection for the app', async () => {
    const { lib, dir, assets, ids, rich, image } = await richLibrary();
    const path = join(dir, 'pages.zip');
    expect(await exportMarkdownZip(lib, assets, path, { ids: [rich, ids.full] })).toBe(2);
    const files = await zipContents(path);
    expect([...files.keys()].sort()).toEqual(
      ['growing-tomatoes-properly.md', `images/${image}.png`, 'rich-a-test-page.md'].sort(),
    );
    expect(files.get('growing-tomatoes-properly.md')!.toString()).toContain(`![A tomato](images/${image}.png)`);
    expect(files.get(`images/${image}.png`)!.equals((await assets.read(image))!.bytes)).toBe(true);
  });

  it('refuses several articles for a single .md file', async () => {
    const { lib, dir, assets, ids } = await richLibrary();
    await expect(exportMarkdown(lib, assets, join(dir, 'one.md'), { ids: [ids.full, ids.rtl] })).rejects.toThrow(RangeError);
  });
});

describe('HTML export', () => {
  it('writes standalone pages with images beside them and nothing that runs', async () => {
    const { lib, dir, assets, ids, rich, image } = await richLibrary();
    const path = join(dir, 'pages.zip');
    expect(await exportHtml(lib, assets, path, { ids: [rich, ids.rtl] })).toBe(2);
    const files = await zipContents(path);
    const page = files.get('rich-a-test-page.html')!.toString();
    expect(page).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(page).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src * data:; style-src \'unsafe-inline\'">');
    expect(page).toContain('<title>Rich: a “test” page</title>');
    expect(page).toContain(`<img src="images/${image}.png" alt="A photo">`);
    expect(page).toContain('<table><thead>');
    expect(page).not.toContain('/assets/');
    expect(files.has(`images/${image}.png`)).toBe(true);
    expect(files.get('مقالة-عن-الحدائق.html')!.toString()).toContain('<html lang="ar" dir="rtl">');
  });

  it('escapes the title and writes into a folder', async () => {
    const { lib, dir, assets } = await richLibrary();
    const id = saved(lib, 'https://example.com/x', { title: '<script>alert(1)</script> & co' }).id;
    const out = join(dir, 'html');
    expect(await exportHtml(lib, assets, out, { ids: [id] })).toBe(1);
    const page = await readFile(join(out, 'script-alert-1-script-co.html'), 'utf8');
    expect(page).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>');
    expect(page).not.toContain('<script>');
    expect(existsSync(join(out, 'images'))).toBe(false);
  });
});
