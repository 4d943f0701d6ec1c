import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import type { LogFields, LogLevel } from '../log';
import { chiaveAllegati, INFO_CHIAVE_ALLEGATI } from './chiave';
import { AttachmentFiles } from './files';
import { INTESTAZIONE_BYTES, MAGIA, SOVRACCARICO_BYTES, TAG_BYTES, VERSIONE } from './formato';

const CHIAVE_DB = Buffer.alloc(32, 3);
const SEGRETO = 'ROSSI MARIO RSSMRA80A01H501U ricevuta MAV marzo';
const pdf = (body = SEGRETO) => Buffer.from(`%PDF-1.4\n1 0 obj << >> endobj\n% ${body}\ntrailer << >>\n%%EOF\n`);
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

let root: string;
let logs: { level: LogLevel; message: string; fields?: LogFields }[];
let files: AttachmentFiles;
const make = (dir = path.join(root, 'allegati'), chiave = chiaveAllegati(CHIAVE_DB)) =>
  new AttachmentFiles(dir, { chiave, logger: { log: (level, message, fields) => void logs.push({ level, message, ...(fields ? { fields } : {}) }) } });

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-allegati-'));
  logs = [];
  files = make();
});
afterEach(() => {
  files.svuotaAperti();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Every byte of every file under the folder, as one latin1 string (to look for plaintext). */
function tuttoIlDisco(dir: string): string {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile())
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('\n');
}

function refused(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the key', () => {
  it('is HKDF-SHA256 of the database key with a fixed info, and differs from it', () => {
    const expected = Buffer.from(crypto.hkdfSync('sha256', CHIAVE_DB, Buffer.alloc(0), INFO_CHIAVE_ALLEGATI, 32));
    expect(chiaveAllegati(CHIAVE_DB).equals(expected)).toBe(true);
    expect(chiaveAllegati(CHIAVE_DB).equals(CHIAVE_DB)).toBe(false);
    expect(() => chiaveAllegati(Buffer.alloc(16))).toThrow(TypeError);
  });
});

describe('attachments encrypted at rest', () => {
  it('round-trips, named by the plaintext SHA-256, with nothing of the plaintext on disk', () => {
    const written = files.write(pdf());
    expect(written).toEqual({ sha256: sha(pdf()), dimensione: pdf().byteLength });
    expect(files.read(written.sha256).equals(pdf())).toBe(true);
    const raw = fs.readFileSync(files.pathOf(written.sha256));
    // The documented layout: magic, version, IV, ciphertext as long as the plaintext, tag.
    expect(raw.subarray(0, 4).equals(MAGIA)).toBe(true);
    expect(raw[4]).toBe(VERSIONE);
    expect(raw.length).toBe(pdf().byteLength + SOVRACCARICO_BYTES);
    const disco = tuttoIlDisco(root);
    expect(disco).not.toContain('%PDF');
    expect(disco).not.toContain('RSSMRA80A01H501U');
    expect(disco).not.toContain('ROSSI');
  });

  it('stores the same content once, and a fresh IV makes every write different', () => {
    const a = files.write(pdf());
    const first = fs.readFileSync(files.pathOf(a.sha256));
    files.write(pdf());
    expect(fs.readFileSync(files.pathOf(a.sha256)).equals(first)).toBe(true); // kept, not rewritten
    expect(fs.readdirSync(path.join(files.dir, a.sha256.slice(0, 2)))).toEqual([a.sha256]);
    const other = make(path.join(root, 'altro'));
    other.write(pdf());
    expect(fs.readFileSync(other.pathOf(a.sha256)).equals(first)).toBe(false);
  });

  const damages: [string, (file: string, raw: Buffer) => void][] = [
    ['a flipped byte in the ciphertext', (file, raw) => fs.writeFileSync(file, Buffer.from(raw).fill(raw[40]! ^ 1, 40, 41))],
    ['a flipped byte in the tag', (file, raw) => fs.writeFileSync(file, Buffer.from(raw).fill(raw.at(-1)! ^ 0x80, raw.length - 1))],
    ['a flipped byte in the IV', (file, raw) => fs.writeFileSync(file, Buffer.from(raw).fill(raw[6]! ^ 1, 6, 7))],
    ['a truncated file', (file, raw) => fs.writeFileSync(file, raw.subarray(0, raw.length - 100))],
    ['a file cut inside its header', (file, raw) => fs.writeFileSync(file, raw.subarray(0, INTESTAZIONE_BYTES + TAG_BYTES - 1))],
    ['an empty file', (file) => fs.writeFileSync(file, Buffer.alloc(0))],
  ];
  it.each(damages)('refuses %s with a clear Italian message, leaving the file as it is', (_label, damage) => {
    const { sha256 } = files.write(pdf());
    const file = files.pathOf(sha256);
    damage(file, fs.readFileSync(file));
    const before = fs.readFileSync(file);
    const error = refused(() => files.read(sha256));
    expect(error.code).toBe('ALLEGATO_ALTERATO');
    expect(error.message).toMatch(/risulta alterato o incompleto sul disco: non viene aperto né inviato\. Ripristina un backup/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(files.stato(sha256)).toBe('alterato');
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'attachment refused: damaged on disk' }));
    expect(JSON.stringify(logs)).not.toContain(SEGRETO);
  });

  it('refuses a valid encrypted file copied under another attachment’s name (the name is authenticated)', () => {
    const a = files.write(pdf('primo'));
    const b = files.write(pdf('secondo'));
    fs.copyFileSync(files.pathOf(a.sha256), files.pathOf(b.sha256));
    expect(refused(() => files.read(b.sha256)).code).toBe('ALLEGATO_ALTERATO');
    expect(files.read(a.sha256).equals(pdf('primo'))).toBe(true);
  });

  it('refuses a file written under another key (another installation’s store)', () => {
    const { sha256 } = make(path.join(root, 'altrove'), chiaveAllegati(Buffer.alloc(32, 9))).write(pdf());
    fs.mkdirSync(path.dirname(files.pathOf(sha256)), { recursive: true });
    fs.copyFileSync(path.join(root, 'altrove', sha256.slice(0, 2), sha256), files.pathOf(sha256));
    expect(refused(() => files.read(sha256)).code).toBe('ALLEGATO_ALTERATO');
  });

  it('says a file of a newer format version needs a newer app', () => {
    const { sha256 } = files.write(pdf());
    const raw = fs.readFileSync(files.pathOf(sha256));
    raw[4] = 2;
    fs.writeFileSync(files.pathOf(sha256), raw);
    expect(refused(() => files.read(sha256))).toMatchObject({ code: 'ALLEGATO_VERSIONE_SCONOSCIUTA', message: expect.stringContaining('aggiorna') });
  });

  it('says a missing file is missing (and logs it only when it is asked for, not at every new write)', () => {
    files.write(pdf());
    expect(logs).toEqual([]);
    expect(refused(() => files.read('a'.repeat(64)))).toMatchObject({ code: 'ALLEGATO_NON_DISPONIBILE', message: expect.stringContaining('manca') });
    expect(files.stato('a'.repeat(64))).toBe('mancante');
    expect(logs).toEqual([expect.objectContaining({ level: 'error', message: 'attachment missing from the store' })]);
  });

  it('mends a damaged file when the same document is added again, keeping the damaged one aside', () => {
    const { sha256 } = files.write(pdf());
    fs.truncateSync(files.pathOf(sha256), 50);
    const damaged = fs.readFileSync(files.pathOf(sha256));
    files.write(pdf());
    expect(files.read(sha256).equals(pdf())).toBe(true);
    const shard = fs.readdirSync(path.dirname(files.pathOf(sha256)));
    const aside = shard.filter((f) => f.startsWith(`${sha256}.alterato-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(files.pathOf(sha256)), aside[0]!)).equals(damaged)).toBe(true);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', message: 'damaged attachment set aside, the same content added again' }));
    // The purge takes both.
    expect(files.elimina(sha256)).toBe(true);
    expect(fs.readdirSync(path.dirname(files.pathOf(sha256)))).toEqual([]);
  });

  it('a core with the wrong key loses nothing by adding a document the store already holds', () => {
    const { sha256 } = files.write(pdf());
    const original = fs.readFileSync(files.pathOf(sha256));
    make(files.dir, chiaveAllegati(Buffer.alloc(32, 8))).write(pdf());
    const aside = fs.readdirSync(path.dirname(files.pathOf(sha256))).find((f) => f.includes('.alterato-'))!;
    expect(fs.readFileSync(path.join(path.dirname(files.pathOf(sha256)), aside)).equals(original)).toBe(true);
  });

  it('takes only a SHA-256 as an address: no path reaches outside the store', () => {
    for (const bad of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64), '']) {
      expect(() => files.pathOf(bad)).toThrow(TypeError);
      expect(() => files.elimina(bad)).toThrow(TypeError);
    }
  });

  it('deletes a stored file on request (the retention purge), once', () => {
    const { sha256 } = files.write(pdf());
    expect(files.elimina(sha256)).toBe(true);
    expect(fs.existsSync(files.pathOf(sha256))).toBe(false);
    expect(files.elimina(sha256)).toBe(false);
  });
});

describe('plain files written before encryption', () => {
  const plain = (dir: string, bytes: Buffer): string => {
    const name = sha(bytes);
    fs.mkdirSync(path.join(dir, name.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(dir, name.slice(0, 2), name), bytes);
    return name;
  };

  it('are read while they match their name, and refused once altered', () => {
    const name = plain(files.dir, pdf());
    expect(files.stato(name)).toBe('in_chiaro');
    expect(files.read(name).equals(pdf())).toBe(true);
    const altered = plain(files.dir, pdf('altro'));
    fs.writeFileSync(files.pathOf(altered), pdf('manomesso'));
    expect(refused(() => files.read(altered)).code).toBe('ALLEGATO_ALTERATO');
  });

  it('are encrypted in place by cifraFileInChiaro, once (idempotent); an altered one encrypted as it is and still refused', async () => {
    const names = [plain(files.dir, pdf('uno')), plain(files.dir, pdf('due')), plain(files.dir, pdf('tre'))];
    const gia = files.write(pdf('nuovo')).sha256;
    const altered = plain(files.dir, pdf('quattro'));
    fs.writeFileSync(files.pathOf(altered), pdf('manomesso'));
    // A temp file a crashed write of an earlier version left, plain.
    const stale = path.join(files.dir, names[0]!.slice(0, 2), `${names[0]}.999999.abcd.tmp`);
    fs.writeFileSync(stale, pdf('uno'));
    fs.utimesSync(stale, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    // A damaged plain file that a write had set aside.
    fs.writeFileSync(`${files.pathOf(names[1]!)}.alterato-123`, pdf('da parte'));

    expect(await files.cifraFileInChiaro()).toEqual({ cifrati: 3, giaCifrati: 1, alterati: 2 });
    for (const [i, name] of names.entries()) {
      expect(files.stato(name)).toBe('cifrato');
      expect(files.read(name).equals(pdf(['uno', 'due', 'tre'][i]))).toBe(true);
    }
    expect(fs.existsSync(stale)).toBe(false);
    expect(refused(() => files.read(altered)).code).toBe('ALLEGATO_ALTERATO');
    expect(tuttoIlDisco(files.dir)).not.toContain('%PDF');

    const before = Object.fromEntries([...names, gia, altered].map((n) => [n, fs.readFileSync(files.pathOf(n))]));
    expect(await files.cifraFileInChiaro()).toEqual({ cifrati: 0, giaCifrati: 6, alterati: 0 });
    for (const [n, raw] of Object.entries(before)) expect(fs.readFileSync(files.pathOf(n)).equals(raw)).toBe(true);
  });

  it('a crash midway leaves every file readable, plain or encrypted, and the next run finishes', async () => {
    const contents = ['a', 'b', 'c', 'd'].map((t) => pdf(t));
    const names = contents.map((b) => plain(files.dir, b));
    // What a crash during the conversion leaves: some files done, the others still plain, and
    // the temp file of the one in progress (fsynced and renamed only when whole).
    await files.cifraFileInChiaro();
    for (const i of [2, 3]) fs.writeFileSync(files.pathOf(names[i]!), contents[i]!);
    fs.writeFileSync(`${files.pathOf(names[2]!)}.${process.pid}.dead.tmp`, Buffer.from('CDAL\u0001 half-written'));
    const after = make();
    expect(names.map((n) => after.stato(n))).toEqual(['cifrato', 'cifrato', 'in_chiaro', 'in_chiaro']);
    for (const [i, n] of names.entries()) expect(after.read(n).equals(contents[i]!)).toBe(true);
    expect(await after.cifraFileInChiaro()).toEqual({ cifrati: 2, giaCifrati: 2, alterati: 0 });
    expect(names.map((n) => after.stato(n))).toEqual(['cifrato', 'cifrato', 'cifrato', 'cifrato']);
    expect(fs.readdirSync(files.dir, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
  });

  it('an empty or missing store has nothing to convert', async () => {
    expect(await files.cifraFileInChiaro()).toEqual({ cifrati: 0, giaCifrati: 0, alterati: 0 });
  });
});

describe('copies opened with the system viewer', () => {
  it('live in a private per-run folder under the system temporary folder, emptied at open and at close', () => {
    const aperti = files.cartellaAperti();
    expect(path.dirname(aperti)).toBe(os.tmpdir());
    expect(aperti.startsWith(root)).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(aperti).mode & 0o777).toBe(0o700);
    expect(files.cartellaAperti()).toBe(aperti); // one per run
    fs.writeFileSync(path.join(aperti, 'mav.pdf'), pdf());
    // A crash: the next run (another instance on the same store) finds and empties it.
    const next = make();
    next.svuotaAperti();
    expect(fs.existsSync(aperti)).toBe(false);
    const second = next.cartellaAperti();
    expect(second).not.toBe(aperti);
    // Another store's copies are not this store's business.
    const other = make(path.join(root, 'altro'));
    const otherAperti = other.cartellaAperti();
    next.svuotaAperti();
    expect(fs.existsSync(second)).toBe(false);
    expect(fs.existsSync(otherAperti)).toBe(true);
    other.svuotaAperti();
    expect(fs.existsSync(otherAperti)).toBe(false);
  });

  it('removes the aperti folder that versions before encryption kept in the data folder', () => {
    const legacy = path.join(root, 'aperti', 'abc');
    fs.mkdirSync(legacy, { recursive: true });
    fs.writeFileSync(path.join(legacy, 'mav.pdf'), pdf());
    files.svuotaAperti();
    expect(fs.existsSync(path.join(root, 'aperti'))).toBe(false);
  });
});
