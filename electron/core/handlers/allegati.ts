import fs from 'node:fs';
import path from 'node:path';
import { checkAllegati, DEFAULT_ALLEGATI_CAPS, fileIlleggibilePerDimensione, sanitizeFileName, type AllegatoMime } from '../../common/domain/allegati';
import type { AllegatoPreparato, Bozza } from '../../common/commands/types';
import { prepara, riduci, unisci, type Adattato } from '../allegati/adatta';
import { AppError } from '../../common/errors';
import { messaggioAlterato } from '../allegati/files';
import { sha256Hex } from '../allegati/formato';
import { verificaAllegato } from '../allegati/verifica';
import { GatewayError } from '../gateway/errors';
import type { CoreContext } from '../context';
import type { DesktopShell } from '../desktop';
import type { Handler } from './types';

function assertModificabile(bozza: Bozza): void {
  if (bozza.stato !== 'bozza' && bozza.stato !== 'da_correggere') {
    throw new AppError('STATO_NON_MODIFICABILE', 'Gli allegati si possono cambiare solo in una bozza non ancora inviata.');
  }
}

/** Stores a checked, normalised file (encrypted, under its own SHA-256) with its metadata row; not yet part of any draft. */
function conserva(ctx: CoreContext, adattato: Adattato, originale: { nomeFile: string; mime: string; dimensione: number }): AllegatoPreparato {
  const stored = ctx.allegati.write(adattato.bytes);
  ctx.store.allegati.registra(stored.sha256, adattato.mime, stored.dimensione, ctx.clock.now().toISOString());
  return {
    sha256: stored.sha256,
    nomeFile: adattato.nomeFile,
    mime: adattato.mime,
    dimensione: stored.dimensione,
    pagine: adattato.pagine,
    note: adattato.note,
    originale,
  };
}

/**
 * The attachment preflight, by decoding (allegati/verifica.ts): type by content, the file opened
 * as its type, bounded on hostile files; then made fit to store (HEIC → JPEG, photos upright and
 * without metadata). Nothing is stored yet.
 */
async function preparaFile(ctx: CoreContext, nome: string, bytes: Uint8Array): Promise<{ adattato: Adattato; originale: AllegatoPreparato['originale'] }> {
  const nomeFile = sanitizeFileName(nome);
  const adattato = await prepara(nomeFile, bytes);
  const originale = { nomeFile, mime: adattato.mimeOriginale, dimensione: bytes.byteLength };
  if (adattato.note.length > 0)
    ctx.logger.log('info', 'attachment normalised before storing', { from: originale.mime, bytes: bytes.byteLength, to: adattato.bytes.byteLength });
  return { adattato, originale };
}

/** A stored attachment's type and bytes (read back, so a damaged file is named now rather than at upload). */
function letto(ctx: CoreContext, sha256: string): { mime: AllegatoMime; bytes: Buffer } {
  const mime = ctx.store.allegati.mime(sha256);
  if (!mime) throw new AppError('NON_TROVATO', 'Questo file non è più disponibile: aggiungilo di nuovo.');
  return { mime, bytes: ctx.allegati.read(sha256) };
}

/** The service's caps (count, per file, total) for one more file on the draft; throws the first problem. */
function verificaCaps(bozza: Bozza, nomeFile: string, mime: AllegatoMime, dimensione: number): void {
  const files = [
    ...bozza.allegati.map((a) => ({ nome: a.nomeFile, dimensione: a.dimensione, sniff: { mime: a.mime as AllegatoMime, complete: true } })),
    { nome: nomeFile, dimensione, sniff: { mime, complete: true } },
  ];
  const problems = checkAllegati(files, DEFAULT_ALLEGATI_CAPS);
  const first = problems[0];
  if (first)
    throw new AppError(
      first.code,
      first.message,
      problems.map((p) => ({ path: 'allegati', message: p.message })),
    );
}

function aggiungiAlDraft(ctx: CoreContext, bozza: Bozza, sha256: string, nomeFile: string): Bozza {
  const now = ctx.clock.now().toISOString();
  ctx.store.transaction(() => {
    ctx.store.bozze.aggiungiAllegato(bozza.id, bozza.allegati.length, sha256, nomeFile, now);
    ctx.store.registro.registra({ azione: 'bozza.allegato.aggiungi', entita: 'bozza', entitaId: bozza.id, clienteCf: bozza.datoreCf, dettagli: nomeFile }, now);
  });
  return ctx.store.bozze.leggi(bozza.id);
}

/** Links an attachment already stored (prepared, reduced or merged) to the draft, after the caps. */
function collega(ctx: CoreContext, bozzaId: string, sha256: string, nome: string): Bozza {
  const bozza = ctx.store.bozze.leggi(bozzaId);
  assertModificabile(bozza);
  const nomeFile = sanitizeFileName(nome);
  const { mime, bytes } = letto(ctx, sha256);
  verificaCaps(bozza, nomeFile, mime, bytes.byteLength);
  return aggiungiAlDraft(ctx, bozza, sha256, nomeFile);
}

/** The refusals that «Riduci» or «Unisci in un PDF» can mend. */
const CODICI_DA_ADATTARE = new Set(['FILE_TROPPO_GRANDE', 'TOTALE_TROPPO_GRANDE', 'TROPPI_ALLEGATI']);

/**
 * One file onto the draft: checked, normalised, then the caps; stored only when it goes on the
 * draft, or — with `tieniDaAdattare` — when only the caps refuse it (returned for Riduci/Unisci).
 */
async function aggiungiAllegato(
  ctx: CoreContext,
  bozzaId: string,
  nome: string,
  bytes: Uint8Array,
  tieniDaAdattare = false,
): Promise<AllegatoPreparato | null> {
  assertModificabile(ctx.store.bozze.leggi(bozzaId));
  const { adattato, originale } = await preparaFile(ctx, nome, bytes);
  const bozza = ctx.store.bozze.leggi(bozzaId);
  try {
    verificaCaps(bozza, adattato.nomeFile, adattato.mime, adattato.bytes.byteLength);
  } catch (error) {
    if (tieniDaAdattare && error instanceof AppError && CODICI_DA_ADATTARE.has(error.code)) return conserva(ctx, adattato, originale);
    throw error;
  }
  const preparato = conserva(ctx, adattato, originale);
  aggiungiAlDraft(ctx, bozza, preparato.sha256, preparato.nomeFile);
  return null;
}

export const bozzaAllegatoAggiungi: Handler<'bozza.allegato.aggiungi'> = async (input, ctx) => {
  await aggiungiAllegato(ctx, input.bozzaId, input.nomeFile, Buffer.from(input.contenutoBase64, 'base64'));
  return ctx.store.bozze.leggi(input.bozzaId);
};

/** A file the booking form checks and stores before linking it: the notes of what was changed, and its hash for Riduci/Unisci. */
export const allegatoPrepara: Handler<'allegato.prepara'> = async (input, ctx) => {
  // Refused from the length of its base64, before it is decoded.
  const grande = fileIlleggibilePerDimensione(input.nomeFile, Math.floor((input.contenutoBase64.length * 3) / 4));
  if (grande) throw new AppError(grande.code, grande.message, [{ path: 'allegati', message: grande.message }]);
  const { adattato, originale } = await preparaFile(ctx, input.nomeFile, Buffer.from(input.contenutoBase64, 'base64'));
  return conserva(ctx, adattato, originale);
};

export const bozzaAllegatoCollega: Handler<'bozza.allegato.collega'> = async (input, ctx) => collega(ctx, input.bozzaId, input.sha256, input.nomeFile);

/** The budget left by the draft's attachments that are not among those being reduced or merged. */
function budgetRestante(ctx: CoreContext, bozzaId: string | undefined, esclusi: string[]): number {
  if (!bozzaId) return DEFAULT_ALLEGATI_CAPS.maxTotalBytes;
  const altri = ctx.store.bozze.leggi(bozzaId).allegati.filter((a) => !esclusi.includes(a.sha256));
  return DEFAULT_ALLEGATI_CAPS.maxTotalBytes - altri.reduce((s, a) => s + a.dimensione, 0);
}

export const allegatiRiduci: Handler<'allegati.riduci'> = async ({ bozzaId, voci }, ctx) => {
  const sorgenti = voci.map((v) => ({ nomeFile: v.nomeFile, ...letto(ctx, v.sha256) }));
  const budget = budgetRestante(
    ctx,
    bozzaId,
    voci.map((v) => v.sha256),
  );
  const esito = await riduci(sorgenti, budget, DEFAULT_ALLEGATI_CAPS.maxFileBytes);
  return {
    voci: esito.voci.map((v, i) => ({
      prima: { sha256: voci[i]!.sha256, nomeFile: v.nomeFile, mime: sorgenti[i]!.mime, dimensione: v.prima },
      dopo: conserva(ctx, v.dopo, { nomeFile: v.nomeFile, mime: sorgenti[i]!.mime, dimensione: v.prima }),
    })),
    totalePrima: esito.totalePrima,
    totaleDopo: esito.totaleDopo,
    limite: budget,
    entra: esito.entra,
    messaggio: esito.messaggio,
  };
};

export const allegatiUnisci: Handler<'allegati.unisci'> = async ({ bozzaId, voci, nomeFile }, ctx) => {
  const sorgenti = voci.map((v) => ({ nomeFile: v.nomeFile, ...letto(ctx, v.sha256) }));
  const budget = Math.min(
    DEFAULT_ALLEGATI_CAPS.maxFileBytes,
    budgetRestante(
      ctx,
      bozzaId,
      voci.map((v) => v.sha256),
    ),
  );
  const unito = await unisci(sorgenti, nomeFile, budget);
  return conserva(ctx, unito, {
    nomeFile: sanitizeFileName(nomeFile),
    mime: 'application/pdf',
    dimensione: sorgenti.reduce((s, v) => s + v.bytes.byteLength, 0),
  });
};

function requireDesktop(ctx: CoreContext): DesktopShell {
  if (!ctx.desktop) {
    throw new AppError('SOLO_DESKTOP', 'Questa funzione c’è solo nell’app desktop: nel browser usa il pulsante «Scegli file» o «Scarica».');
  }
  return ctx.desktop;
}

// HEIC/HEIF too: iPhone photos, converted to JPEG before storing (#14).
const FILTRI_ALLEGATI = [{ name: 'PDF, JPEG, PNG, TIFF, HEIC', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff', 'heic', 'heif'] }];

/**
 * The desktop's file dialog: the main process only returns paths; the core reads each file
 * (never more than the cap allows, so a huge file is refused without loading it) and runs the
 * same preflight as a dropped file. Files are added in order; a refused one does not stop the rest.
 */
export const bozzaAllegatoScegli: Handler<'bozza.allegato.scegli'> = async ({ bozzaId }, ctx) => {
  assertModificabile(ctx.store.bozze.leggi(bozzaId));
  const paths = await requireDesktop(ctx).chooseFiles({ title: 'Scegli gli allegati', filters: FILTRI_ALLEGATI, multiple: true });
  const rifiutati: { nomeFile: string; messaggio: string }[] = [];
  const daAdattare: AllegatoPreparato[] = [];
  for (const file of paths) {
    const nomeFile = sanitizeFileName(path.basename(file));
    try {
      // Over the caps: kept for «Riduci» or «Unisci in un PDF», not refused.
      const daTenere = await aggiungiAllegato(ctx, bozzaId, nomeFile, await readCapped(file, nomeFile), true);
      if (daTenere) daAdattare.push(daTenere);
    } catch (error) {
      const messaggio = error instanceof AppError ? error.message : `Non riesco a leggere «${nomeFile}»: controlla che il file esista e sia accessibile.`;
      if (!(error instanceof AppError)) ctx.logger.log('warn', 'attachment file unreadable', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      rifiutati.push({ nomeFile, messaggio });
    }
  }
  return { bozza: ctx.store.bozze.leggi(bozzaId), rifiutati, daAdattare };
};

async function readCapped(file: string, nomeFile: string): Promise<Uint8Array> {
  const stat = await fs.promises.stat(file);
  if (!stat.isFile()) throw new AppError('TIPO_NON_AMMESSO', `«${nomeFile}» non è un file.`);
  // Over the service's cap is read (it may be reduced); over what the app reads at all is not.
  const tooBig = fileIlleggibilePerDimensione(nomeFile, stat.size);
  if (tooBig) throw new AppError(tooBig.code, tooBig.message);
  return fs.promises.readFile(file);
}

export const bozzaAllegatoRimuovi: Handler<'bozza.allegato.rimuovi'> = async ({ bozzaId, posizione }, ctx) => {
  const bozza = ctx.store.bozze.leggi(bozzaId);
  assertModificabile(bozza);
  if (!bozza.allegati.some((a) => a.posizione === posizione)) throw new AppError('NON_TROVATO', 'Allegato non trovato.');
  const now = ctx.clock.now().toISOString();
  const nomeFile = bozza.allegati.find((a) => a.posizione === posizione)?.nomeFile ?? null;
  ctx.store.transaction(() => {
    ctx.store.bozze.rimuoviAllegato(bozzaId, posizione, now);
    ctx.store.registro.registra({ azione: 'bozza.allegato.rimuovi', entita: 'bozza', entitaId: bozzaId, clienteCf: bozza.datoreCf, dettagli: nomeFile }, now);
  });
  return ctx.store.bozze.leggi(bozzaId);
};

/**
 * An attachment of an appointment booked elsewhere (another PC, the citizen), downloaded on
 * request into the same encrypted content store (#14): only one an appointment of the office
 * lists; the bytes must match the SHA-256 and open as the type the service declared.
 */
export const allegatoScaricaRemoto: Handler<'allegato.scaricaRemoto'> = async ({ sha256 }, ctx) => {
  const elencato = ctx.store.allegati.diAppuntamento(sha256);
  if (!elencato) throw new AppError('NON_TROVATO', 'Nessun appuntamento di questo ufficio ha questo allegato.');
  const mimeLocale = ctx.store.allegati.mime(sha256);
  if (mimeLocale) return { sha256, mime: mimeLocale, dimensione: elencato.dimensione };
  const gateway = ctx.gateway;
  if (!gateway?.scaricaAllegato)
    throw new AppError('SERVIZIO_NON_CONFIGURATO', 'Per scaricare l’allegato serve il collegamento al servizio: configuralo in Impostazioni.');
  let scaricato: { mime: string; bytes: Uint8Array };
  try {
    scaricato = await gateway.scaricaAllegato(sha256);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    ctx.logger.log('warn', 'attachment download refused', { status: error.status, code: error.code });
    if (error.status === 403) {
      throw new AppError('DELEGA_NON_ATTIVA', 'Il servizio non dà questo allegato: l’ufficio non ha più una delega attiva per questo cliente.');
    }
    if (error.status === 404) throw new AppError('NON_TROVATO', 'Il servizio non ha più questo allegato: consultalo nel Cassetto.');
    throw new AppError('SERVIZIO_NON_RAGGIUNGIBILE', `Allegato non scaricato: ${error.detail}`);
  }
  const nome = `«${sanitizeFileName(elencato.nomeFile)}»`;
  if (sha256Hex(scaricato.bytes) !== sha256) {
    throw new AppError('ALLEGATO_ALTERATO', `${nome} è arrivato diverso da come il servizio lo descrive: non viene conservato. Riprova più tardi.`);
  }
  // Checked by decoding like a file the operator adds; stored as it is, under the service's hash.
  const verificato = await verificaAllegato(elencato.nomeFile, scaricato.bytes);
  if (verificato.mime === 'image/heic') throw new AppError('TIPO_NON_AMMESSO', `${nome} non è un PDF, JPEG, PNG o TIFF.`);
  ctx.allegati.write(scaricato.bytes);
  ctx.store.allegati.registra(sha256, verificato.mime, scaricato.bytes.byteLength, ctx.clock.now().toISOString());
  return { sha256, mime: verificato.mime, dimensione: scaricato.bytes.byteLength };
};

/** Only what this PC holds: attachments added here, or already uploaded from here. */
function leggiLocale(ctx: CoreContext, sha256: string): { mime: AllegatoMime; bytes: Buffer } {
  const mime = ctx.store.allegati.mime(sha256);
  if (!mime) {
    throw new AppError(
      'ALLEGATO_NON_DISPONIBILE',
      'Questo allegato non è su questo computer (è stato caricato da un’altra postazione o dal cittadino): consultalo nel Cassetto.',
    );
  }
  // Missing, damaged, truncated or swapped on disk: read refuses it with the operator's message (and logs why).
  return { mime, bytes: ctx.allegati.read(sha256) };
}

export const allegatoContenuto: Handler<'allegato.contenuto'> = async ({ sha256 }, ctx) => {
  const { mime, bytes } = leggiLocale(ctx, sha256);
  return { sha256, mime, dimensione: bytes.byteLength, contenutoBase64: bytes.toString('base64') };
};

/** The extensions the system viewer recognises per type; the first is added when the name has none of them. */
const ESTENSIONI: Record<AllegatoMime, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/tiff': ['.tif', '.tiff'],
};

/**
 * The system viewer needs a real file with the right extension (the store's own files are
 * encrypted and have none): a decrypted copy in this run's private temporary folder, outside the
 * data folder, emptied at start and at close.
 */
export const allegatoApri: Handler<'allegato.apri'> = async ({ sha256, nomeFile }, ctx) => {
  const desktop = requireDesktop(ctx);
  const nome = sanitizeFileName(nomeFile);
  let letto: { mime: AllegatoMime; bytes: Buffer };
  try {
    letto = leggiLocale(ctx, sha256);
  } catch (error) {
    // Here the document has a name: say which one.
    if (error instanceof AppError && error.code === 'ALLEGATO_ALTERATO') throw new AppError(error.code, messaggioAlterato(nome));
    throw error;
  }
  const { mime, bytes } = letto;
  const estensioni = ESTENSIONI[mime];
  const conEstensione = estensioni.some((e) => nome.toLowerCase().endsWith(e)) ? nome : `${nome}${estensioni[0]}`;
  const dir = path.join(ctx.allegati.cartellaAperti(), sha256.slice(0, 12));
  await fs.promises.mkdir(dir, { recursive: true });
  const file = path.join(dir, conEstensione);
  await fs.promises.writeFile(file, bytes);
  await desktop.openPath(file);
  return { aperto: true };
};
