import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../context';

/**
 * The registro's last link (id and hash), kept in a small file beside the database. The hash
 * chain alone cannot see rows removed from its end: whoever edits the database must also find
 * and edit this file, in another step, for that to go unseen. Written after each command that
 * added rows (so it may lag the database by one command, never lead it) and never moved onto a
 * chain that no longer holds it: the evidence of a truncation stays until a restore.
 */
export interface Ancora {
  id: number;
  hash: string;
}

export const ANCORA_FILE = 'registro-ancora.json';

/** Where a core's anchor lives; null for a database in memory (tests, the blank core). */
export function fileAncora(ctx: Pick<CoreContext, 'app'>): string | null {
  const db = ctx.app.percorsoDati;
  return db ? path.join(path.dirname(db), ANCORA_FILE) : null;
}

export function leggiAncora(file: string | null): Ancora | null {
  if (!file) return null;
  try {
    const dati = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Ancora>;
    return typeof dati.id === 'number' && typeof dati.hash === 'string' ? { id: dati.id, hash: dati.hash } : null;
  } catch {
    return null;
  }
}

/** What each core last wrote, so a command that added nothing costs one indexed read and no write. */
const scritte = new WeakMap<CoreContext['store'], Ancora>();

/**
 * Moves the anchor to the registro's last row. `riparti`: after a restore, whose database has
 * its own (shorter) chain — the only time the anchor may move back.
 */
export function aggiornaAncora(ctx: Pick<CoreContext, 'app' | 'store' | 'logger'>, riparti = false): void {
  const file = fileAncora(ctx);
  if (!file) return;
  const ultima = ctx.store.registro.ultima();
  if (!ultima?.hash) return;
  const scritta = scritte.get(ctx.store);
  if (!riparti && scritta && scritta.id === ultima.id && scritta.hash === ultima.hash) return;
  if (!riparti) {
    const ora = leggiAncora(file);
    // The anchored row is gone or changed: keep the anchor, so `registro.verifica` reports it.
    if (ora && ctx.store.registro.hashDi(ora.id) !== ora.hash) {
      ctx.logger.log('warn', 'registro anchor no longer matches the chain; left as it is');
      scritte.set(ctx.store, { id: ultima.id, hash: ultima.hash });
      return;
    }
  }
  const ancora: Ancora = { id: ultima.id, hash: ultima.hash };
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(ancora));
    fs.renameSync(tmp, file);
    scritte.set(ctx.store, ancora);
  } catch (error) {
    ctx.logger.log('warn', 'registro anchor not written', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}
