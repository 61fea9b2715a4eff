// electron-builder's afterPack hook: flips the Electron fuses of the packaged app before it is
// signed, as Electron's security guide asks. Lectern runs no child Node (no ELECTRON_RUN_AS_NODE,
// no fork), takes no debugger flags, loads only its own app.asar and never uses file://.
import { FuseV1Options, FuseVersion, flipFuses, type FuseConfig } from '@electron/fuses';
import { Arch } from 'electron-builder';
import { join } from 'node:path';

/** The part of electron-builder's AfterPackContext this hook reads. */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  arch: Arch;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export function fuseConfig(app: Pick<PackedApp, 'electronPlatformName' | 'arch'>): FuseConfig {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // Flipping bits breaks the ad-hoc signature an arm64 Mac refuses to run without; a real
    // signature, when there is one, is applied after this hook anyway.
    resetAdHocDarwinSignature: app.electronPlatformName === 'darwin' && app.arch === Arch.arm64,
  };
}

/** Where the fuse wire lives: the .app bundle on macOS, the executable elsewhere. */
export function electronBinary(app: PackedApp): string {
  switch (app.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(app.appOutDir, `${app.packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(app.appOutDir, `${app.packager.appInfo.productFilename}.exe`);
    default:
      return join(app.appOutDir, app.packager.executableName ?? app.packager.appInfo.productFilename);
  }
}

export default async function afterPack(app: PackedApp): Promise<void> {
  await flipFuses(electronBinary(app), fuseConfig(app));
}
