// electron-builder.yml read by electron-builder's own loader and checked against its schema,
// then the parts the release depends on: targets, the lectern:// scheme, icons drawn from
// build/icon.svg and the fuses hook.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import afterPack from '../../../scripts/after-pack.ts';
import { BUILD_DIR, renderIcons } from '../../../scripts/make-icons.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// app-builder-lib is electron-builder's engine (same version, its own dependency); reach it
// through electron-builder so the check uses exactly what `npm run dist` uses.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
type Target = string | { target: string; arch?: string[] };
interface BuilderConfig {
  appId?: string;
  afterPack?: string;
  protocols?: { name: string; schemes: string[] }[];
  mac?: { icon?: string; target?: Target[] };
  win?: { icon?: string; target?: Target[] };
  linux?: { icon?: string; target?: Target[] };
}
const configModule = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { resolveFunction } = fromBuilder('app-builder-lib/out/util/resolve.js') as {
  resolveFunction(type: unknown, executor: string, name: string, rootSearchDir: string): Promise<unknown>;
};

let config: BuilderConfig;
beforeAll(async () => {
  config = await configModule.getConfig(root, join(root, 'electron-builder.yml'), null);
});

const targetNames = (targets: Target[] = []) => targets.map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(configModule.validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('has an app id and builds NSIS, DMG for Intel and Apple silicon, AppImage and deb', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
  });

  it('registers the lectern:// scheme', () => {
    expect(config.protocols?.flatMap((p) => p.schemes)).toEqual(['lectern']);
  });

  it('points afterPack at the fuses hook, loadable the way electron-builder loads it', async () => {
    expect(config.afterPack).toBe('./scripts/after-pack.ts');
    const hook = await resolveFunction(undefined, config.afterPack ?? '', 'afterPack', root);
    expect(typeof hook).toBe('function');
    expect((hook as { name: string }).name).toBe(afterPack.name);
  });

  it('names icon files that exist', () => {
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) {
      expect(icon && existsSync(join(root, icon)), String(icon)).toBe(true);
    }
  });
});

describe('the icons', () => {
  let rendered: Map<string, Buffer>;
  beforeAll(async () => {
    rendered = await renderIcons(readFileSync(join(BUILD_DIR, 'icon.svg'), 'utf8'));
  });

  it('are what scripts/make-icons.ts makes from build/icon.svg now (run it after editing the SVG)', () => {
    expect(rendered.size).toBeGreaterThan(4);
    for (const [name, bytes] of rendered) {
      expect(readFileSync(join(BUILD_DIR, name)).equals(bytes), name).toBe(true);
    }
  });

  it('are a 1024 px PNG, an ICNS and an ICO with several sizes', () => {
    const png = readFileSync(join(BUILD_DIR, 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const icns = readFileSync(join(BUILD_DIR, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = readFileSync(join(BUILD_DIR, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    // 256 px is stored as 0 in the directory; Windows wants it and the small ones.
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });
});
