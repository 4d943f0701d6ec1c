import { checkAllegati, DEFAULT_ALLEGATI_CAPS, sanitizeFileName, sniffAllegato } from '../../common/domain/allegati';
import { AppError } from '../../common/errors';
import { readBozza } from '../bozze/store';
import type { Handler } from './types';

/**
 * The attachment preflight, before anything is stored or queued: type by content (not by name),
 * PDF/JPEG/PNG/TIFF only, complete files, the service's per-file and total caps, at most three.
 */
export const bozzaAllegatoAggiungi: Handler<'bozza.allegato.aggiungi'> = async (input, ctx) => {
  const bozza = readBozza(ctx.sqlite, input.bozzaId);
  if (bozza.stato !== 'bozza' && bozza.stato !== 'da_correggere') {
    throw new AppError('STATO_NON_MODIFICABILE', 'Gli allegati si possono cambiare solo in una bozza non ancora inviata.');
  }
  const bytes = Buffer.from(input.contenutoBase64, 'base64');
  const nomeFile = sanitizeFileName(input.nomeFile);
  const sniff = sniffAllegato(bytes);
  const files = [
    ...bozza.allegati.map((a) => ({ nome: a.nomeFile, dimensione: a.dimensione, sniff: { mime: a.mime as 'application/pdf', complete: true } })),
    { nome: nomeFile, dimensione: bytes.byteLength, sniff },
  ];
  const problems = checkAllegati(files, DEFAULT_ALLEGATI_CAPS);
  if (problems.length > 0 || !sniff) {
    const first = problems[0];
    throw new AppError(first?.code ?? 'TIPO_NON_AMMESSO', first?.message ?? 'Tipo di file non ammesso.', problems.map((p) => ({ path: 'allegati', message: p.message })));
  }
  const now = ctx.clock.now().toISOString();
  ctx.sqlite.transaction(() => {
    const stored = ctx.allegati.put(ctx.sqlite, bytes, sniff.mime, now);
    ctx.sqlite.prepare('INSERT INTO bozza_allegati (bozza_id, posizione, sha256, nome_file) VALUES (?, ?, ?, ?)').run(bozza.id, bozza.allegati.length, stored.sha256, nomeFile);
    ctx.sqlite.prepare('UPDATE bozze SET aggiornata_il = ? WHERE id = ?').run(now, bozza.id);
  }).immediate();
  return readBozza(ctx.sqlite, bozza.id);
};

export const bozzaAllegatoRimuovi: Handler<'bozza.allegato.rimuovi'> = async ({ bozzaId, posizione }, ctx) => {
  const bozza = readBozza(ctx.sqlite, bozzaId);
  if (bozza.stato !== 'bozza' && bozza.stato !== 'da_correggere') {
    throw new AppError('STATO_NON_MODIFICABILE', 'Gli allegati si possono cambiare solo in una bozza non ancora inviata.');
  }
  if (!bozza.allegati.some((a) => a.posizione === posizione)) throw new AppError('NON_TROVATO', 'Allegato non trovato.');
  ctx.sqlite.transaction(() => {
    ctx.sqlite.prepare('DELETE FROM bozza_allegati WHERE bozza_id = ? AND posizione = ?').run(bozzaId, posizione);
    // Keep positions 0..n-1 so the next one appended takes the free place.
    ctx.sqlite.prepare('UPDATE bozza_allegati SET posizione = posizione - 1 WHERE bozza_id = ? AND posizione > ?').run(bozzaId, posizione);
    ctx.sqlite.prepare('UPDATE bozze SET aggiornata_il = ? WHERE id = ?').run(ctx.clock.now().toISOString(), bozzaId);
  }).immediate();
  return readBozza(ctx.sqlite, bozzaId);
};
