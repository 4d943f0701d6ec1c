import fs from 'node:fs';
import path from 'node:path';
import { checkAllegati, DEFAULT_ALLEGATI_CAPS, fileTooBig, sanitizeFileName, sniffAllegato, type AllegatoMime } from '../../common/domain/allegati';
import type { Bozza } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import { messaggioAlterato } from '../allegati/files';
import type { CoreContext } from '../context';
import type { DesktopShell } from '../desktop';
import type { Handler } from './types';

function assertModificabile(bozza: Bozza): void {
  if (bozza.stato !== 'bozza' && bozza.stato !== 'da_correggere') {
    throw new AppError('STATO_NON_MODIFICABILE', 'Gli allegati si possono cambiare solo in una bozza non ancora inviata.');
  }
}

/**
 * The attachment preflight, before anything is stored or queued: type by content (not by name),
 * PDF/JPEG/PNG/TIFF only, complete files, the service's per-file and total caps, at most three.
 * One path for the browser's file input and the desktop's file dialog.
 */
function aggiungiAllegato(ctx: CoreContext, bozzaId: string, nome: string, bytes: Uint8Array): Bozza {
  const bozza = ctx.store.bozze.leggi(bozzaId);
  assertModificabile(bozza);
  const nomeFile = sanitizeFileName(nome);
  const sniff = sniffAllegato(bytes);
  const files = [
    ...bozza.allegati.map((a) => ({ nome: a.nomeFile, dimensione: a.dimensione, sniff: { mime: a.mime as AllegatoMime, complete: true } })),
    { nome: nomeFile, dimensione: bytes.byteLength, sniff },
  ];
  const problems = checkAllegati(files, DEFAULT_ALLEGATI_CAPS);
  if (problems.length > 0 || !sniff) {
    const first = problems[0];
    throw new AppError(
      first?.code ?? 'TIPO_NON_AMMESSO',
      first?.message ?? 'Tipo di file non ammesso.',
      problems.map((p) => ({ path: 'allegati', message: p.message })),
    );
  }
  const now = ctx.clock.now().toISOString();
  ctx.store.transaction(() => {
    const stored = ctx.allegati.write(bytes);
    ctx.store.allegati.registra(stored.sha256, sniff.mime, stored.dimensione, now);
    ctx.store.bozze.aggiungiAllegato(bozza.id, bozza.allegati.length, stored.sha256, nomeFile, now);
    ctx.store.registro.registra({ azione: 'bozza.allegato.aggiungi', entita: 'bozza', entitaId: bozza.id, clienteCf: bozza.datoreCf, dettagli: nomeFile }, now);
  });
  return ctx.store.bozze.leggi(bozza.id);
}

export const bozzaAllegatoAggiungi: Handler<'bozza.allegato.aggiungi'> = async (input, ctx) =>
  aggiungiAllegato(ctx, input.bozzaId, input.nomeFile, Buffer.from(input.contenutoBase64, 'base64'));

function requireDesktop(ctx: CoreContext): DesktopShell {
  if (!ctx.desktop) {
    throw new AppError('SOLO_DESKTOP', 'Questa funzione c’è solo nell’app desktop: nel browser usa il pulsante «Scegli file» o «Scarica».');
  }
  return ctx.desktop;
}

const FILTRI_ALLEGATI = [{ name: 'PDF, JPEG, PNG, TIFF', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff'] }];

/**
 * The desktop's file dialog: the main process only returns paths; the core reads each file
 * (never more than the cap allows, so a huge file is refused without loading it) and runs the
 * same preflight as a dropped file. Files are added in order; a refused one does not stop the rest.
 */
export const bozzaAllegatoScegli: Handler<'bozza.allegato.scegli'> = async ({ bozzaId }, ctx) => {
  assertModificabile(ctx.store.bozze.leggi(bozzaId));
  const paths = await requireDesktop(ctx).chooseFiles({ title: 'Scegli gli allegati', filters: FILTRI_ALLEGATI, multiple: true });
  const rifiutati: { nomeFile: string; messaggio: string }[] = [];
  for (const file of paths) {
    const nomeFile = sanitizeFileName(path.basename(file));
    try {
      aggiungiAllegato(ctx, bozzaId, nomeFile, await readCapped(file, nomeFile));
    } catch (error) {
      const messaggio = error instanceof AppError ? error.message : `Non riesco a leggere «${nomeFile}»: controlla che il file esista e sia accessibile.`;
      if (!(error instanceof AppError)) ctx.logger.log('warn', 'attachment file unreadable', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      rifiutati.push({ nomeFile, messaggio });
    }
  }
  return { bozza: ctx.store.bozze.leggi(bozzaId), rifiutati };
};

async function readCapped(file: string, nomeFile: string): Promise<Uint8Array> {
  const stat = await fs.promises.stat(file);
  if (!stat.isFile()) throw new AppError('TIPO_NON_AMMESSO', `«${nomeFile}» non è un file.`);
  const tooBig = fileTooBig(nomeFile, stat.size);
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
