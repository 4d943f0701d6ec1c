import os from 'node:os';
import path from 'node:path';

/**
 * Where the browser host and the CLI keep data when not told otherwise: the same folder as
 * Electron's app.getPath('userData') for the product name, so all three share one database.
 * CASSETTO_DATA_DIR overrides, e.g. for tests.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CASSETTO_DATA_DIR) return path.resolve(env.CASSETTO_DATA_DIR);
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Cassetto Desk');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Cassetto Desk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'Cassetto Desk');
}

export const DATABASE_FILE = 'cassetto.sqlite';
