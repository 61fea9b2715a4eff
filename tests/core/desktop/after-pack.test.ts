// The afterPack hook against stand-in Electron binaries: a file carrying the fuse wire where
// Electron keeps it (sentinel, version, length, one byte per fuse), laid out as electron-builder
// leaves each platform's app. The hook must find the binary and flip every fuse as asked.
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch } from 'electron-builder';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import afterPack, { electronBinary, fuseConfig, type PackedApp } from '../../../scripts/after-pack.ts';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const [DISABLED, ENABLED] = [48, 49]; // '0' and '1', as Electron writes them
const FUSES = 8;

/** Stand-in binary: some bytes, the wire with every fuse at Electron's default, more bytes. */
function writeFakeElectron(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const defaults = [ENABLED, DISABLED, ENABLED, ENABLED, DISABLED, DISABLED, DISABLED, ENABLED];
  writeFileSync(file, Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), Buffer.from([1, FUSES, ...defaults]), Buffer.alloc(64, 7)]));
}

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const packed = (electronPlatformName: string, arch = Arch.x64): PackedApp => {
  dir = mkdtempSync(join(tmpdir(), 'lectern-after-pack-'));
  return { appOutDir: dir, electronPlatformName, arch, packager: { appInfo: { productFilename: 'Lectern' }, executableName: 'lectern' } };
};

describe('afterPack', () => {
  it.each([
    ['linux', 'lectern', 'lectern'],
    ['win32', 'Lectern.exe', 'Lectern.exe'],
    ['darwin', 'Lectern.app', 'Lectern.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
  ])('on %s flips the fuses in %s', async (platform, binary, wireFile) => {
    const app = packed(platform);
    expect(electronBinary(app)).toBe(join(app.appOutDir, binary));
    writeFakeElectron(join(app.appOutDir, wireFile));

    await afterPack(app);

    const wire = await getCurrentFuseWire(electronBinary(app));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      browserSnapshot: wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: DISABLED,
      cookieEncryption: ENABLED,
      nodeOptions: DISABLED,
      inspectArguments: DISABLED,
      asarIntegrity: ENABLED,
      onlyAsar: ENABLED,
      browserSnapshot: DISABLED,
      fileProtocolPrivileges: DISABLED,
    });
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const app = packed('linux');
    writeFileSync(join(app.appOutDir, 'lectern'), Buffer.alloc(256, 7));
    await expect(afterPack(app)).rejects.toThrow(/sentinel/i);
  });

  it('re-signs ad hoc only for Apple silicon builds', () => {
    expect(fuseConfig({ electronPlatformName: 'darwin', arch: Arch.arm64 }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig({ electronPlatformName: 'darwin', arch: Arch.x64 }).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig({ electronPlatformName: 'linux', arch: Arch.arm64 }).resetAdHocDarwinSignature).toBe(false);
  });
});
