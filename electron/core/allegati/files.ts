import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../common/errors';
import type { Logger } from '../log';
import { cifra, decifra, haMagia, sha256Hex, type Decifrato } from './formato';

export interface WrittenAllegato {
  sha256: string;
  dimensione: number;
}

export interface AttachmentFilesOptions {
  /** The attachments' AES-256 key (`chiaveAllegati` of the database key, or `chiaveEffimera`). */
  chiave: Buffer;
  logger?: Logger;
}

/** What a stored file is, without returning its content. */
export type StatoAllegato = 'cifrato' | 'in_chiaro' | 'alterato' | 'mancante';

const SHA256 = /^[0-9a-f]{64}$/;
/** A stored file's name: its SHA-256, or that and the suffix of a damaged copy set aside. */
const NOME_IN_ARCHIVIO = /^([0-9a-f]{64})(?:\.alterato-\d+)?$/;

/** A damaged file replaced by the same content added again is kept beside it under this suffix. */
const SUFFISSO_ALTERATO = '.alterato-';

/** Prefix of the folders under the system's temporary folder that hold the copies opened with the viewer. */
const PREFISSO_APERTI = 'cassetto-aperti-';

export function messaggioAlterato(nomeFile?: string): string {
  const chi = nomeFile ? `Il documento «${nomeFile}»` : 'Il documento allegato';
  return `${chi} risulta alterato o incompleto sul disco: non viene aperto né inviato. Ripristina un backup o chiedi di nuovo il documento al cliente e allegalo di nuovo.`;
}

export const MESSAGGIO_MANCANTE = 'Il file di questo allegato manca dalla cartella dei dati: ripristina un backup o allegalo di nuovo.';

/**
 * Content-addressed files under the data folder: <dir>/<first two hex>/<sha256>, named by the
 * SHA-256 of the plaintext (so the same content twice is stored once, and the service's
 * content-addressed upload keeps its name) and encrypted with AES-256-GCM (format in formato.ts).
 * A file is written to a temporary name and renamed, so a crash never leaves a truncated
 * attachment under its hash. Their metadata rows are the data layer's (store/allegati.ts).
 */
export class AttachmentFiles {
  readonly dir: string;
  readonly #chiave: Buffer;
  readonly #logger: Logger | null;
  /** This run's private folder for the viewer's copies, made on first use. */
  #aperti: string | null = null;

  constructor(dir: string, options: AttachmentFilesOptions) {
    if (options.chiave.length !== 32) throw new TypeError('attachment key must be 32 bytes');
    this.dir = dir;
    this.#chiave = options.chiave;
    this.#logger = options.logger ?? null;
  }

  /** Only a SHA-256 in lower-case hex names a file: nothing else can reach outside the store. */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new TypeError('not a SHA-256 attachment address');
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * Encrypts and writes the bytes (already checked by the caller); returns their address. When a
   * file of that name exists and checks out it is kept (deduplication); a plain one from an
   * earlier version is replaced by its encryption. A damaged one is set aside as
   * `<sha256>.alterato-<time>`, not overwritten — adding the document again is how it is mended,
   * and should the "damage" be a wrong key (a core opened without the installation's), nothing is lost.
   */
  write(bytes: Uint8Array): WrittenAllegato {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    const stato = this.stato(sha256);
    if (stato !== 'cifrato') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (stato === 'alterato') {
        fs.renameSync(target, `${target}${SUFFISSO_ALTERATO}${Date.now()}`);
        this.#logger?.log('warn', 'damaged attachment set aside, the same content added again', { sha256: sha256.slice(0, 12) });
      }
      scriviCifrato(target, this.#chiave, sha256, bytes);
    }
    return { sha256, dimensione: bytes.byteLength };
  }

  /**
   * The plaintext, checked: the GCM tag (key, name, every byte) and the SHA-256 of what it
   * decrypts to. A plain file of an earlier version is accepted when it still matches its name.
   * Missing or failing the check → an AppError for the operator; nothing is deleted.
   */
  read(sha256: string): Buffer {
    let aperto: Decifrato;
    try {
      aperto = this.#apri(sha256);
    } catch (error) {
      if (error instanceof AppError) this.#logger?.log('error', 'attachment missing from the store', { sha256: sha256.slice(0, 12) });
      throw error;
    }
    if (aperto.esito === 'cifrato' || aperto.esito === 'in_chiaro') return aperto.chiaro;
    if (aperto.esito === 'versione_sconosciuta') {
      this.#logger?.log('error', 'attachment written in an unknown format version', { sha256: sha256.slice(0, 12), version: aperto.versione });
      throw new AppError(
        'ALLEGATO_VERSIONE_SCONOSCIUTA',
        'Questo allegato è stato salvato da una versione più recente di Cassetto Desk: aggiorna l’app per aprirlo.',
      );
    }
    this.#logger?.log('error', 'attachment refused: damaged on disk', { sha256: sha256.slice(0, 12), reason: aperto.motivo });
    throw new AppError('ALLEGATO_ALTERATO', messaggioAlterato());
  }

  stato(sha256: string): StatoAllegato {
    let aperto: Decifrato;
    try {
      aperto = this.#apri(sha256);
    } catch (error) {
      if (error instanceof AppError && error.code === 'ALLEGATO_NON_DISPONIBILE') return 'mancante';
      throw error;
    }
    return aperto.esito === 'cifrato' || aperto.esito === 'in_chiaro' ? aperto.esito : 'alterato';
  }

  /** Removes a stored file (the retention purge), and any damaged copy of it set aside; false when there was none. */
  elimina(sha256: string): boolean {
    const file = this.pathOf(sha256);
    let shard: string[] = [];
    try {
      shard = fs.readdirSync(path.dirname(file));
    } catch {
      // No shard folder: nothing stored under this name.
    }
    for (const name of shard) if (name.startsWith(`${sha256}${SUFFISSO_ALTERATO}`)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    try {
      fs.unlinkSync(file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Encrypts, in place, the plain files an earlier version wrote (run once at the first start
   * after the upgrade; safe to run again: it only reads headers of files already encrypted).
   * Each file goes through temp + fsync + rename, so a crash midway leaves every file either
   * plain-and-valid or encrypted. A plain file not matching its name is encrypted as it is (its
   * bytes kept; read still refuses it). Leftover `.tmp` files of crashed writes (possibly plain) are removed.
   */
  async cifraFileInChiaro(): Promise<{ cifrati: number; giaCifrati: number; alterati: number }> {
    return cifraCartellaInChiaro(this.dir, this.#chiave, this.#logger);
  }

  /**
   * This run's private folder for the copies the system viewer opens (it needs a real file with
   * an extension): under the system's temporary folder, never the data folder, created 0700 by
   * mkdtemp with a random suffix, and named after the store so the next start finds what a crash left.
   */
  cartellaAperti(): string {
    this.#aperti ??= fs.mkdtempSync(path.join(os.tmpdir(), this.#prefissoAperti()));
    return this.#aperti;
  }

  /**
   * Removes every copy made to open this store's attachments — this run's and earlier runs' — and
   * the `aperti` folder that versions before encryption kept in the data folder. Called when the
   * core opens and when it closes. A viewer still showing a copy keeps its open file on POSIX; a
   * file locked by the viewer on Windows stays until the next start.
   */
  svuotaAperti(): void {
    this.#aperti = null;
    const tmp = os.tmpdir();
    const prefisso = this.#prefissoAperti();
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(tmp).filter((e) => e.startsWith(prefisso));
    } catch {
      // No readable temporary folder: nothing of ours can be there.
    }
    const uid = process.getuid?.();
    for (const entry of entries) {
      const full = path.join(tmp, entry);
      try {
        const st = fs.lstatSync(full);
        // Only our own real folders: not a link, not another user's look-alike in a shared /tmp.
        if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
        fs.rmSync(full, { recursive: true, force: true });
      } catch {
        // Locked by the viewer (Windows): removed at the next start.
      }
    }
    const legacy = path.join(path.dirname(this.dir), 'aperti');
    try {
      fs.rmSync(legacy, { recursive: true, force: true });
    } catch {
      // Locked by the viewer (Windows): removed at the next start.
    }
  }

  #prefissoAperti(): string {
    return `${PREFISSO_APERTI}${crypto.createHash('sha256').update(path.resolve(this.dir)).digest('hex').slice(0, 16)}-`;
  }

  #apri(sha256: string): Decifrato {
    let file: Buffer;
    try {
      file = fs.readFileSync(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new AppError('ALLEGATO_NON_DISPONIBILE', MESSAGGIO_MANCANTE);
    }
    return decifra(this.#chiave, sha256, file);
  }
}

/** Temp + fsync + rename: the name shows either the old file or the whole new one. */
function scriviCifrato(target: string, chiave: Buffer, sha256: string, chiaro: Uint8Array): void {
  const { intestazione, corpo, tag } = cifra(chiave, sha256, chiaro);
  const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, intestazione);
    fs.writeSync(fd, corpo);
    fs.writeSync(fd, tag);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, target);
}

const intestazione = Buffer.alloc(5);

/** Encrypts one file if it is plain; true when it did. */
function cifraUno(
  file: string,
  name: string,
  chiave: Buffer,
  logger: Logger | null,
  result: { cifrati: number; giaCifrati: number; alterati: number },
): boolean {
  if (name.endsWith('.tmp')) {
    // Between two awaits no write of this process is half-done: a temp of ours is a crash's, like an old one.
    const ours = name.includes(`.${process.pid}.`);
    if (ours || Date.now() - fs.statSync(file).mtimeMs > TMP_ABBANDONATO_MS) fs.rmSync(file, { force: true });
    return false;
  }
  // A stored file, or a damaged one set aside by write: both named after their content.
  const sha256 = NOME_IN_ARCHIVIO.exec(name)?.[1];
  if (!sha256) return false;
  // Most files are already encrypted: their first five bytes say so without reading the rest.
  const fd = fs.openSync(file, 'r');
  let letti: number;
  try {
    letti = fs.readSync(fd, intestazione, 0, intestazione.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (haMagia(intestazione.subarray(0, letti))) {
    result.giaCifrati += 1;
    return false;
  }
  const chiaro = fs.readFileSync(file);
  if (name !== sha256 || sha256Hex(chiaro) !== sha256) {
    // Not the document its name says: encrypted all the same (no client data stays in clear), and
    // still refused by read, whose check of the decrypted bytes against the name fails as before.
    result.alterati += 1;
    logger?.log('warn', 'plain attachment does not match its name: encrypted as it is, still refused', { sha256: sha256.slice(0, 12) });
  } else {
    result.cifrati += 1;
  }
  scriviCifrato(file, chiave, sha256, chiaro);
  return true;
}

/** A `.tmp` this old is no write in progress (a write takes milliseconds): a crash's leftover. */
const TMP_ABBANDONATO_MS = 10 * 60 * 1000;

/**
 * `cifraFileInChiaro` on any attachment tree with this key — the live store, or a backup's copy
 * of it (its files may be hard links of the live ones: a rename replaces only that tree's name).
 */
export async function cifraCartellaInChiaro(
  dir: string,
  chiave: Buffer,
  logger: Logger | null = null,
): Promise<{ cifrati: number; giaCifrati: number; alterati: number }> {
  const result = { cifrati: 0, giaCifrati: 0, alterati: 0 };
  let shards: string[];
  try {
    shards = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw error;
  }
  // Synchronous within a shard (≈ 40 µs a file once encrypted, ten times the promise API's cost),
  // yielding between shards so the window stays responsive. A write meanwhile is harmless: temp + rename too.
  for (const shard of shards) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const shardDir = path.join(dir, shard);
    if (!fs.lstatSync(shardDir).isDirectory()) continue;
    for (const name of fs.readdirSync(shardDir)) {
      // A file encrypted costs milliseconds (its fsync): yield after each one.
      if (cifraUno(path.join(shardDir, name), name, chiave, logger, result)) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (result.cifrati > 0 || result.alterati > 0) logger?.log('info', 'plain attachments encrypted', result);
  return result;
}
