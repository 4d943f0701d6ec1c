import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConservazioneAnteprima, ConservazioneStato } from '../../common/commands/conservazione';
import { fixedClock } from '../clock';
import { TEST_NOW } from '../testing';
import { CONFIG_FILE } from '../workspace/config';
import { useTestWorkspace } from '../workspace/testing';

// «Impostazioni → Conservazione»: the months are the office's choice, kept in impostazioni.json.
const t = useTestWorkspace('conservazione', { clock: fixedClock(TEST_NOW) });
const open = () => t.open();
const { call, value } = t;
const configFile = () => path.join(t.dir, CONFIG_FILE);

describe('conservazione.imposta', () => {
  it('is 12 months until set; the months set are kept across a restart and move the threshold', async () => {
    await open();
    expect(await value<ConservazioneStato>('conservazione.stato')).toEqual({ mesi: 12, ultimaCorsa: null });
    expect((await value<ConservazioneAnteprima>('conservazione.anteprima')).soglia).toBe('2025-03-10');
    expect(await value<ConservazioneStato>('conservazione.imposta', { mesi: 18 })).toMatchObject({ mesi: 18 });
    expect(JSON.parse(fs.readFileSync(configFile(), 'utf8'))).toMatchObject({ conservazione: { mesi: 18 } });
    await open();
    expect((await value<ConservazioneStato>('conservazione.stato')).mesi).toBe(18);
    expect((await value<ConservazioneAnteprima>('conservazione.anteprima')).soglia).toBe('2024-09-10');
  });

  it('refuses 0, negative, fractional and over-long periods in Italian, leaving the file as it was', async () => {
    await open();
    await value('conservazione.imposta', { mesi: 24 });
    const prima = fs.readFileSync(configFile());
    for (const mesi of [0, -1, -12]) {
      const r = await call('conservazione.imposta', { mesi });
      expect(r).toMatchObject({ ok: false, error: { code: 'INPUT_NON_VALIDO' } });
      expect(!r.ok && r.error.details?.[0]?.message).toMatch(/almeno 1: con 0 o meno si cancellerebbero i dati di clienti appena usciti/);
    }
    expect(await call('conservazione.imposta', { mesi: 1.5 })).toMatchObject({
      ok: false,
      error: { details: [{ message: 'I mesi di conservazione sono un numero intero.' }] },
    });
    expect(await call('conservazione.imposta', { mesi: 121 })).toMatchObject({
      ok: false,
      error: { details: [{ message: expect.stringMatching(/al massimo 120/) }] },
    });
    expect(fs.readFileSync(configFile())).toEqual(prima);
    expect((await value<ConservazioneStato>('conservazione.stato')).mesi).toBe(24);
  });

  it('reads a file without the setting, or with a hand-edited bad value, as the default and keeps the rest', async () => {
    fs.writeFileSync(configFile(), JSON.stringify({ versione: 1, servizio: null, backup: { intervalloOre: 12, conserva: 3 } }));
    await open();
    expect((await value<ConservazioneStato>('conservazione.stato')).mesi).toBe(12);
    await t.close();
    fs.writeFileSync(configFile(), JSON.stringify({ versione: 1, servizio: null, backup: { intervalloOre: 12, conserva: 3 }, conservazione: { mesi: 0 } }));
    await open();
    expect((await value<ConservazioneStato>('conservazione.stato')).mesi).toBe(12);
    expect(JSON.parse(fs.readFileSync(configFile(), 'utf8'))).toMatchObject({ backup: { intervalloOre: 12, conserva: 3 } });
  });
});
