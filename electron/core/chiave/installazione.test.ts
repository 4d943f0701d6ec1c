import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../../common/testing/rejection';
import { silentLogger } from '../log';
import type { CustodeChiave } from './custode';
import { CHIAVE_FILE } from './file';
import { ChiaveInstallazione, TENTATIVI_PRIMA_DELLA_PAUSA, type ChiaveInstallazioneOptions } from './installazione';

const PASSPHRASE = 'la nostra frase segreta';
// Cheap scrypt for tests; the app's parameters are PARAMETRI_SCRYPT (stated in the file it writes).
const RAPIDO = { N: 2 ** 14, r: 8, p: 1 };

let dir: string;
let now: Date;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-chiave-'));
  now = new Date('2026-11-30T09:00:00Z');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const crea = async (extra: Partial<ChiaveInstallazioneOptions> = {}) => {
  const chiave = new ChiaveInstallazione({
    dataDir: dir,
    custode: null,
    passphraseAmbiente: null,
    esistonoDatiCifrati: () => false,
    clock: { now: () => now },
    logger: silentLogger,
    parametriScrypt: RAPIDO,
    ...extra,
  });
  await chiave.prepara();
  return chiave;
};
const fileChiave = () => fs.readFileSync(path.join(dir, CHIAVE_FILE), 'utf8');

describe('the installation key', () => {
  it('first run without an OS store: the office sets its passphrase; the file holds the key only wrapped', async () => {
    const first = await crea();
    expect(first.descrizione()).toMatchObject({ stato: 'da-impostare', metodo: 'passphrase' });
    expect(first.chiave()).toBeNull();
    expect(fs.existsSync(path.join(dir, CHIAVE_FILE))).toBe(false);
    await first.imposta(PASSPHRASE, PASSPHRASE);
    const key = first.chiave()!;
    expect(key).toHaveLength(32);
    const text = fileChiave();
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(PASSPHRASE);
    expect(JSON.parse(text).protezione).toMatchObject({ metodo: 'passphrase', kdf: { nome: 'scrypt', N: RAPIDO.N, r: 8, p: 1 } });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, CHIAVE_FILE)).mode & 0o777).toBe(0o600);

    // Next start: asked once, the same key comes back.
    const again = await crea();
    expect(again.descrizione().stato).toBe('bloccata');
    await again.sblocca(PASSPHRASE);
    expect(again.chiave()!.equals(key)).toBe(true);
  });

  it('refuses a short passphrase and two that differ, writing nothing', async () => {
    const first = await crea();
    expect(await rejection(first.imposta('corta', 'corta'))).toMatchObject({
      code: 'PASSPHRASE_DEBOLE',
      message: expect.stringMatching(/almeno 10 caratteri/),
    });
    expect(await rejection(first.imposta(PASSPHRASE, `${PASSPHRASE}!`))).toMatchObject({ code: 'PASSPHRASE_DIVERSE' });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(first.descrizione().stato).toBe('da-impostare');
  });

  it('a wrong passphrase is refused with the attempts left; five in a row make a pause, not a lock-out', async () => {
    await (await crea()).imposta(PASSPHRASE, PASSPHRASE);
    const before = fileChiave();
    const key = await crea();
    for (let i = 1; i < TENTATIVI_PRIMA_DELLA_PAUSA; i++) {
      const error = await rejection(key.sblocca('passphrase sbagliata'));
      expect(error).toMatchObject({ code: 'PASSPHRASE_ERRATA', message: expect.stringMatching(/non corretta.*I dati non sono stati toccati/) });
    }
    expect(await rejection(key.sblocca('passphrase sbagliata'))).toMatchObject({
      code: 'TROPPI_TENTATIVI',
      message: expect.stringMatching(/riprova tra 30 secondi/),
    });
    expect(key.descrizione()).toMatchObject({ stato: 'bloccata', attesaSecondi: 30 });
    // During the pause even the right one waits (no oracle); afterwards it opens, and nothing was changed.
    expect(await rejection(key.sblocca(PASSPHRASE))).toMatchObject({ code: 'TROPPI_TENTATIVI' });
    now = new Date(now.getTime() + 31_000);
    await key.sblocca(PASSPHRASE);
    expect(key.descrizione()).toMatchObject({ stato: 'sbloccata', attesaSecondi: 0 });
    expect(fileChiave()).toBe(before);
  });

  it('CASSETTO_PASSPHRASE sets the passphrase on first run and unlocks later; a wrong one leaves the page to ask', async () => {
    const first = await crea({ passphraseAmbiente: PASSPHRASE });
    expect(first.descrizione().stato).toBe('sbloccata');
    expect((await crea({ passphraseAmbiente: PASSPHRASE })).chiave()!.equals(first.chiave()!)).toBe(true);
    const wrong = new ChiaveInstallazione({
      dataDir: dir,
      custode: null,
      passphraseAmbiente: 'non è questa la frase',
      esistonoDatiCifrati: () => false,
      clock: { now: () => now },
      logger: silentLogger,
    });
    expect(await rejection(wrong.prepara())).toMatchObject({ code: 'PASSPHRASE_ERRATA' });
    expect(wrong.descrizione().stato).toBe('bloccata');
  });

  it('changing the passphrase rewraps the same key; the old passphrase no longer opens it', async () => {
    const first = await crea();
    await first.imposta(PASSPHRASE, PASSPHRASE);
    const key = first.chiave()!;
    expect(await rejection(first.cambiaPassphrase('non quella giusta', 'una frase nuova per tutti', 'una frase nuova per tutti'))).toMatchObject({
      code: 'PASSPHRASE_ERRATA',
    });
    await first.cambiaPassphrase(PASSPHRASE, 'una frase nuova per tutti', 'una frase nuova per tutti');
    const next = await crea();
    expect(await rejection(next.sblocca(PASSPHRASE))).toMatchObject({ code: 'PASSPHRASE_ERRATA' });
    await next.sblocca('una frase nuova per tutti');
    expect(next.chiave()!.equals(key)).toBe(true);
  });

  it('a missing key file while encrypted data exist is an alarm: no new key is made, nothing is written', async () => {
    const key = await crea({ esistonoDatiCifrati: () => true });
    expect(key.descrizione()).toMatchObject({ stato: 'mancante', motivo: expect.stringMatching(/Manca il file della chiave/) });
    expect(await rejection(key.sblocca(PASSPHRASE))).toMatchObject({
      code: 'CHIAVE_NON_DISPONIBILE',
      message: expect.stringMatching(/Nessun file è stato modificato/),
    });
    expect(await rejection(key.imposta(PASSPHRASE, PASSPHRASE))).toMatchObject({ code: 'NON_DISPONIBILE' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a damaged key file is reported and left byte for byte as it was', async () => {
    await (await crea()).imposta(PASSPHRASE, PASSPHRASE);
    const file = path.join(dir, CHIAVE_FILE);
    const damaged = fileChiave().replace('"chiave"', '"chiav"');
    fs.writeFileSync(file, damaged);
    const key = await crea();
    expect(key.descrizione()).toMatchObject({ stato: 'danneggiata', motivo: expect.stringMatching(/danneggiato/) });
    expect(await rejection(key.sblocca(PASSPHRASE))).toMatchObject({ code: 'CHIAVE_NON_DISPONIBILE' });
    expect(fileChiave()).toBe(damaged);
  });

  it('with a real OS secret store the key is wrapped by it and no passphrase is asked', async () => {
    const store = new Map<string, Buffer>();
    const custode: CustodeChiave = {
      nome: 'portachiavi di prova',
      avvolgi: (k) => {
        const blob = Buffer.from(`blob-${store.size}`);
        store.set(blob.toString(), k);
        return blob;
      },
      svolgi: (b) => {
        const k = store.get(b.toString());
        if (!k) throw new Error('not ours');
        return k;
      },
    };
    const first = await crea({ custode });
    expect(first.descrizione()).toMatchObject({ stato: 'sbloccata', metodo: 'safeStorage' });
    expect((await crea({ custode })).chiave()!.equals(first.chiave()!)).toBe(true);
    // The same file on a PC whose store cannot unwrap it (another user, another PC).
    const other = await crea({
      custode: {
        ...custode,
        svolgi: () => {
          throw new Error('DPAPI: not this user');
        },
      },
    });
    expect(other.descrizione()).toMatchObject({ stato: 'danneggiata', motivo: expect.stringMatching(/altro utente o su un altro PC/) });
    expect(await rejection(first.cambiaPassphrase('x', 'y', 'y'))).toMatchObject({ code: 'NON_DISPONIBILE' });
  });
});
