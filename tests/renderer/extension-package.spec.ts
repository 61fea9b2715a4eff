// The store packages `npm run build:extension` writes: one zip per browser, the same files in
// both, manifests that differ only where the browsers do, and no permission beyond the four.
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import yauzl from 'yauzl';

const OUT = resolve(import.meta.dirname, '..', '..', 'dist-extension');

async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      entries.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return entries;
}

test('the Chromium and Firefox zips hold the same extension, each with its own manifest', async () => {
  const chromium = await readZip(resolve(OUT, 'lectern-chromium.zip'));
  const firefox = await readZip(resolve(OUT, 'lectern-firefox.zip'));
  expect([...chromium.keys()].sort()).toEqual([...firefox.keys()].sort());
  for (const name of ['background.js', 'options.html', 'options.js', 'options.css', 'icons/16.png', 'icons/128.png']) {
    expect(chromium.get(name), name).toBeDefined();
    expect(chromium.get(name)?.equals(firefox.get(name) ?? Buffer.alloc(0)), name).toBe(true);
  }

  const chrome = JSON.parse(chromium.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
  const gecko = JSON.parse(firefox.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
  expect(chrome.manifest_version).toBe(3);
  expect(chrome.permissions).toEqual(['activeTab', 'scripting', 'contextMenus', 'storage']);
  for (const manifest of [chrome, gecko]) {
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.content_scripts).toBeUndefined();
  }
  expect(chrome.background).toEqual({ service_worker: 'background.js' });
  expect(gecko.background).toEqual({ scripts: ['background.js'] });
  expect((gecko.browser_specific_settings as { gecko: { id: string } }).gecko.id).toMatch(/^[\w.-]+@[\w.-]+$/);
  // Everything else is one manifest.
  const { background: _b1, ...chromeRest } = chrome;
  const { background: _b2, browser_specific_settings: _g, ...geckoRest } = gecko;
  expect(geckoRest).toEqual(chromeRest);
  expect(chromeRest.commands).toEqual({ _execute_action: expect.objectContaining({ suggested_key: { default: 'Alt+Shift+S' } }) });
});
