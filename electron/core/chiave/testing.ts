import fs from 'node:fs';
import path from 'node:path';
import { CHIAVE_DEMO_FILE, leggiFileChiave } from './file';
import { svolgiConPassphrase } from './passphrase';

// Tests that look at a database file from outside the app need its key, found as the app finds it.

export const PASSPHRASE_DI_PROVA = 'passphrase di prova dell’ufficio';

const cache = new Map<string, Buffer>();

/** The demo's key (chiave-demo.json) when the file is the demo's, else the installation's unwrapped with the passphrase. */
export async function chiaveDelDatabase(file: string, dataDir: string, passphrase = PASSPHRASE_DI_PROVA): Promise<Buffer> {
  const demo = path.join(path.dirname(file), CHIAVE_DEMO_FILE);
  if (path.dirname(path.resolve(file)) === path.resolve(dataDir) && fs.existsSync(demo)) {
    return Buffer.from((JSON.parse(fs.readFileSync(demo, 'utf8')) as { chiave: string }).chiave, 'hex');
  }
  const letta = leggiFileChiave(dataDir);
  if (letta.kind !== 'ok' || letta.file.protezione.metodo !== 'passphrase') throw new Error(`no passphrase-wrapped key in ${dataDir}`);
  const memo = `${dataDir}\n${letta.file.protezione.chiave}\n${passphrase}`;
  const known = cache.get(memo);
  if (known) return known;
  const chiave = await svolgiConPassphrase(letta.file.protezione, passphrase);
  if (!chiave) throw new Error('wrong test passphrase');
  cache.set(memo, chiave);
  return chiave;
}
