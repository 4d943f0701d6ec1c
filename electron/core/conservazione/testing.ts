// Test helpers for retention: an office where some clients' deleghe ended long ago and others not,
// each with drafts, notes, attachments (one shared across clients, one orphaned), messages and
// review notices; and a dump of the database to show what a run left is unchanged.
import { buildCodiceFiscale } from '../../common/domain/codiceFiscale';
import type { AppErrorPayload } from '../../common/errors';
import type { Bozza } from '../../common/commands/types';
import type { Datore, Delega } from '../../common/model';
import type { Core } from '../app';
import { addSedi, ESPOSITO } from '../bozze/testing';
import { CacheWriter } from '../store/cacheWriter';
import { appuntamentoDiProva } from '../testing';
import { pdfMinimo } from '../allegati/pdfMinimo';

// A real one-page PDF: the attachment preflight opens every file it is given (#14).
export const pdf = (body: string) => pdfMinimo(body);

const datore = (cognome: string, nome: string, catastale: string): Datore => ({
  codiceFiscale: buildCodiceFiscale({ cognome, nome, dataNascita: '1950-03-04', sesso: 'M', codiceCatastale: catastale }),
  cognome,
  nome,
  comune: 'Roma',
  provincia: 'RM',
  telefono: '06 5550101',
  email: null,
});

export const GIALLI = datore('Gialli', 'Franco', 'H501');
export const NERI = datore('Neri', 'Paolo', 'F205');
export const BLU = datore('Blu', 'Carlo', 'L219');

const delega = (id: string, d: Pick<Datore, 'codiceFiscale'>, extra: Partial<Delega>): Delega => ({
  id,
  datoreCf: d.codiceFiscale,
  intermediarioId: 'int-1',
  stato: 'attiva',
  dataSottoscrizione: '2023-05-02',
  dataAttivazione: '2023-05-03',
  dataScadenza: null,
  dataFine: null,
  motivoFine: null,
  ...extra,
});

export async function call<T>(core: Core, name: string, input: unknown = {}): Promise<{ ok: true; value: T } | { ok: false; error: AppErrorPayload }> {
  return (await core.dispatcher('app')(name, input)) as { ok: true; value: T } | { ok: false; error: AppErrorPayload };
}

export async function value<T>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await call<T>(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

export interface Ufficio {
  bozze: Record<'gialli1' | 'gialli2' | 'neri' | 'blu' | 'esposito' | 'rossi', Bozza>;
  /** Attachment addresses: Gialli's own, Rossi's own, one Neri and Rossi share, one no draft uses. */
  sha: Record<'gialli' | 'rossi' | 'condiviso' | 'orfano', string>;
}

async function bozza(core: Core, codiceRapporto: string, nota: string | null, allegati: string[] = []): Promise<Bozza> {
  let b = await value<Bozza>(core, 'bozza.crea', { codiceRapporto, nota });
  for (const [i, a] of allegati.entries()) {
    b = await value<Bozza>(core, 'bozza.allegato.aggiungi', { bozzaId: b.id, nomeFile: `documento-${i + 1}.pdf`, contenutoBase64: pdf(a).toString('base64') });
  }
  return b;
}

/**
 * FIXTURE's office (Rossi active, Esposito revoked on 1 Feb 2026: recent) plus Gialli (revoked
 * 30 Jun 2024), Neri (annulled 15 Jan 2025) and Blu (still «attiva» here, expired 31 Dec 2024).
 * Drafts are made while the deleghe are active, then the deleghe end, as a sync would bring it.
 */
export async function ufficioConservazione(core: Core): Promise<Ufficio> {
  const w = new CacheWriter(core.ctx.sqlite);
  addSedi(core);
  const rapporto = (codice: string, d: Datore) => ({
    codice,
    datoreCf: d.codiceFiscale,
    lavoratoreCf: buildCodiceFiscale({ cognome: 'Popescu', nome: 'Ioana', dataNascita: '1980-02-03', sesso: 'F', codiceCatastale: 'Z129' }),
    lavoratoreNominativo: 'Ioana Popescu',
    tipologia: 'colf' as const,
    dataInizio: '2023-01-01',
    dataFine: null,
  });
  for (const [d, codice] of [
    [GIALLI, '1111111111'],
    [NERI, '2222222222'],
    [BLU, '3333333333'],
  ] as const) {
    w.datore(d);
    w.delega(delega(`del-${d.cognome}`, d, {}));
    w.rapporto(rapporto(codice, d));
  }
  // Esposito's delega is active while his draft is made.
  w.delega(delega('del-3', { codiceFiscale: ESPOSITO }, { dataSottoscrizione: '2025-01-10' }));

  const bozze = {
    gialli1: await bozza(core, '1111111111', 'Portare il MAV di marzo', ['gialli']),
    gialli2: await bozza(core, '1111111111', null),
    neri: await bozza(core, '2222222222', 'Nota di Neri', ['condiviso']),
    blu: await bozza(core, '3333333333', '   '),
    esposito: await bozza(core, '5555555555', 'Nota di Esposito'),
    rossi: await bozza(core, '0000123456', 'Nota di Rossi', ['condiviso', 'rossi', 'orfano']),
  };
  // The third attachment is removed again: its file is held, no draft uses it.
  bozze.rossi = await value<Bozza>(core, 'bozza.allegato.rimuovi', { bozzaId: bozze.rossi.id, posizione: 2 });
  const sha = {
    gialli: bozze.gialli1.allegati[0]!.sha256,
    condiviso: bozze.neri.allegati[0]!.sha256,
    rossi: bozze.rossi.allegati[1]!.sha256,
    orfano: '',
  };
  sha.orfano =
    (core.ctx.sqlite.prepare('SELECT sha256 FROM allegati WHERE sha256 NOT IN (?, ?, ?)').pluck().get(sha.gialli, sha.condiviso, sha.rossi) as string) ?? '';

  // Gialli's appointment, with his attachment on it, a message from the sede, a reply still queued and a notice.
  w.appuntamento(appuntamentoDiProva('ap-gialli', { codiceRapporto: '1111111111', datoreCf: GIALLI.codiceFiscale, sedeId: 'sede-a', data: '2026-04-02' }));
  w.allegatiAppuntamento('ap-gialli', [{ sha256: sha.gialli, nomeFile: 'documento-1.pdf', mime: 'application/pdf', dimensione: pdf('gialli').length }]);
  w.comunicazione({
    id: 'c-gialli',
    appuntamentoId: 'ap-gialli',
    autore: 'sede',
    testo: 'Portare il documento di identità.',
    inviataIl: '2026-03-01T09:00:00.000Z',
  });
  await value(core, 'appuntamento.comunica', { appuntamentoId: 'ap-gialli', testo: 'Va bene, grazie.' });
  core.ctx.store.cambiamenti.rifiutato(bozze.gialli2.id, 'Prenotazione rifiutata: quesito non idoneo.', '2026-03-02T09:00:00.000Z');
  // Rossi's appointment and message stay.
  w.appuntamento(appuntamentoDiProva('ap-rossi', { sedeId: 'sede-a' }));
  w.comunicazione({ id: 'c-rossi', appuntamentoId: 'ap-rossi', autore: 'sede', testo: 'Confermato.', inviataIl: '2026-03-01T10:00:00.000Z' });

  // Now the deleghe end, as the feed would bring them.
  w.delega(delega('del-Gialli', GIALLI, { stato: 'revocata', dataFine: '2024-06-30', motivoFine: 'Delega conferita ad altro intermediario' }));
  w.delega(delega('del-Neri', NERI, { stato: 'annullata', dataFine: '2025-01-15' }));
  w.delega(delega('del-Blu', BLU, { dataScadenza: '2024-12-31' }));
  w.delega(delega('del-3', { codiceFiscale: ESPOSITO }, { dataSottoscrizione: '2025-01-10', stato: 'revocata', dataFine: '2026-02-01' }));
  return { bozze, sha };
}

const TABELLE = [
  'datori',
  'deleghe',
  'rapporti',
  'quesiti',
  'sedi',
  'appuntamenti',
  'appuntamento_quesiti',
  'appuntamento_stati',
  'appuntamento_allegati',
  'allegati',
  'comunicazioni',
  'bozze',
  'bozza_allegati',
  'outbox',
  'cambiamenti',
  'sync_state',
] as const;

/** Every row of the data tables, as text, sorted: what a test compares before and after a run. */
export function dump(core: Core): Record<string, string[]> {
  return Object.fromEntries(
    TABELLE.map((t) => [t, (core.ctx.sqlite.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort()]),
  );
}

/** The dump without what a run removes: the rows of the purged clients' local data, and the files nothing holds. */
export function senzaPurgati(d: Record<string, string[]>, tolti: { bozze: string[]; sha: string[] }): Record<string, string[]> {
  const via = (t: string, keep: (r: Record<string, unknown>) => boolean) => d[t]!.filter((s) => keep(JSON.parse(s) as Record<string, unknown>));
  return {
    ...d,
    allegati: via('allegati', (r) => !tolti.sha.includes(r.sha256 as string)),
    bozze: via('bozze', (r) => !tolti.bozze.includes(r.id as string)),
    bozza_allegati: via('bozza_allegati', (r) => !tolti.bozze.includes(r.bozza_id as string)),
    comunicazioni: via('comunicazioni', (r) => r.appuntamento_id !== 'ap-gialli'),
    outbox: via('outbox', (r) => r.entita_id !== 'ap-gialli' && !tolti.bozze.includes(r.entita_id as string)),
    cambiamenti: via('cambiamenti', (r) => !tolti.bozze.includes(r.bozza_id as string) && r.appuntamento_id !== 'ap-gialli'),
  };
}
