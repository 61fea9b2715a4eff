// Where the app keeps its library: Electron's userData for an app named "Lectern" (package.json
// productName), so the command line and the app open the same files by default.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.LECTERN_DATA_DIR) return env.LECTERN_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Lectern');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Lectern');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Lectern');
}
