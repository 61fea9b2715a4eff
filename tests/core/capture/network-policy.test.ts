import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../electron/capture/images/asset-store.ts';
import { captureArticle } from '../../../electron/capture/capture-article.ts';
import { fetchResource } from '../../../electron/capture/fetching/fetch-resource.ts';
import { isPublicAddress } from '../../../electron/capture/fetching/network-address.ts';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.ts';
import { readFixtureImage, temporaryDir } from './support/fixtures.ts';

// A page from the internet must not lead the app into the local network: not by a redirect,
// not by an image. Tests have only loopback, so 127.0.0.1 plays "the internet" (by a rule
// passed as isPublicAddress) and a server on 127.0.0.2 plays a machine on the local network.
const internetIsFirstLoopback = (address: string): boolean => address === '127.0.0.1' || address === '::ffff:127.0.0.1';

describe('isPublicAddress', () => {
  it.each(['8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])('%s is on the internet', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
  it.each(['127.0.0.1', '10.1.2.3', '192.168.1.1', '172.20.0.1', '169.254.169.254', '100.64.1.1', '0.0.0.0', '255.255.255.255', '::1', '[::1]', 'fe80::1%eth0', 'fd12::1', '::ffff:192.168.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '64:ff9b::c0a8:101', '64:ff9b::127.0.0.1', '2002:c0a8:101::1', 'not-an-address'])('%s is not', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('fetches that must stay on the internet', () => {
  let internet: FixtureServer;
  let local: FixtureServer;
  beforeAll(async () => {
    local = await startFixtureServer({ '/admin': { body: '<p>router admin</p>' } }, '127.0.0.2');
    internet = await startFixtureServer({
      '/page': { body: '<p>public page</p>' },
      '/to-local': { status: 302, headers: { location: local.url('/admin') }, body: '' },
    });
  });
  afterAll(async () => {
    await internet.close();
    await local.close();
  });

  it('refuses a local address given as a number or as a name, before connecting', async () => {
    await expect(fetchResource(local.url('/admin'), { publicOnly: true })).rejects.toMatchObject({ code: 'private-address', message: expect.stringMatching(/local network/) });
    // "localhost" resolves to loopback: the check is on the resolved address, not the name.
    await expect(fetchResource(internet.url('/page').replace('127.0.0.1', 'localhost'), { publicOnly: true })).rejects.toMatchObject({ code: 'private-address' });
    expect(local.hits.get('/admin')).toBeUndefined();
    expect(internet.hits.get('/page')).toBeUndefined();
  });

  it('fetches local addresses when not told otherwise, and says where the answer came from', async () => {
    const response = await fetchResource(local.url('/admin'));
    expect(response.body.toString()).toContain('router admin');
    expect(response.fromLocalNetwork).toBe(true);
    const fromInternet = await fetchResource(internet.url('/page'), { isPublicAddress: internetIsFirstLoopback });
    expect(fromInternet.fromLocalNetwork).toBe(false);
  });

  it('refuses a redirect from the internet into the local network', async () => {
    const before = local.hits.get('/admin') ?? 0;
    await expect(fetchResource(internet.url('/to-local'), { isPublicAddress: internetIsFirstLoopback })).rejects.toMatchObject({ code: 'private-address' });
    expect(local.hits.get('/admin') ?? 0).toBe(before);
  });

  it('still knows a redirect came from the internet when the server resets the connection after it', async () => {
    // Once a socket is reset it cannot say whom it talked to; the address is read at connect.
    const resetting = createServer((socket) => {
      socket.once('data', () => {
        socket.write(`HTTP/1.1 302 Found\r\nLocation: ${local.url('/admin')}\r\nContent-Length: 0\r\n\r\n`);
        socket.resetAndDestroy();
      });
    });
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve));
    const { port } = resetting.address() as AddressInfo;
    try {
      const before = local.hits.get('/admin') ?? 0;
      for (let attempt = 0; attempt < 10; attempt++) {
        await expect(fetchResource(`http://127.0.0.1:${port}/r`, { isPublicAddress: internetIsFirstLoopback })).rejects.toMatchObject({ code: 'private-address' });
      }
      expect(local.hits.get('/admin') ?? 0).toBe(before);
    } finally {
      await new Promise((resolve) => resetting.close(resolve));
    }
  });

  it('saves an article from the internet without the image it points at on the local network', async () => {
    const dir = await temporaryDir();
    try {
      const png = await readFixtureImage('photo-1.png');
      local.route('/camera.png', { headers: { 'content-type': 'image/png' }, body: png });
      internet.route('/photo.png', { headers: { 'content-type': 'image/png' }, body: png });
      const paragraph = '<p>The harbour authority opened the new pier on Tuesday, after two years of work and a long argument about its cost, its height and the view it takes from the old town.</p>';
      internet.route('/story', {
        body: `<html><head><title>New pier opens</title></head><body><article><h1>New pier opens</h1>${paragraph.repeat(4)}<img src="${local.url('/camera.png')}" alt="camera"><img src="/photo.png" alt="pier">${paragraph}</article></body></html>`,
      });
      const fetcher: typeof fetchResource = (url, options = {}) => fetchResource(url, { ...options, isPublicAddress: internetIsFirstLoopback });
      const article = await captureArticle(internet.url('/story'), { assets: new AssetStore(dir.path), fetcher });
      expect(article.html.match(/<img/g)).toHaveLength(1);
      expect(article.html).toContain('alt="pier"');
      expect(local.hits.get('/camera.png')).toBeUndefined();
      // Nor its site icon, when the icon link points there.
      local.route('/router-icon.png', { headers: { 'content-type': 'image/png' }, body: png });
      internet.route('/story-with-icon', {
        body: `<html><head><title>New pier opens</title><link rel="icon" href="${local.url('/router-icon.png')}"></head><body><article><h1>New pier opens</h1>${paragraph.repeat(5)}</article></body></html>`,
      });
      expect((await captureArticle(internet.url('/story-with-icon'), { assets: new AssetStore(dir.path), fetcher })).favicon).toBeNull();
      expect(local.hits.get('/router-icon.png')).toBeUndefined();
      expect(internet.hits.get('/photo.png')).toBe(1);
    } finally {
      await dir.remove();
    }
  });

  it('keeps the images of a page saved from the local network itself', async () => {
    const dir = await temporaryDir();
    try {
      local.route('/wiki.png', { headers: { 'content-type': 'image/png' }, body: await readFixtureImage('photo-3.png') });
      const paragraph = '<p>The team wiki explains how to set up a development machine, which accounts to ask for on the first day, and where the build servers live on the office network.</p>';
      local.route('/wiki', { body: `<html><head><title>Onboarding</title></head><body><article><h1>Onboarding</h1>${paragraph.repeat(4)}<img src="/wiki.png" alt="diagram"></article></body></html>` });
      const article = await captureArticle(local.url('/wiki'), { assets: new AssetStore(dir.path) });
      expect(article.html).toContain('alt="diagram"');
      expect(local.hits.get('/wiki.png')).toBe(1);
    } finally {
      await dir.remove();
    }
  });
});
