import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConservazioneAnteprima, ConservazioneEsito, ConservazioneStato } from '../../common/commands/conservazione';
import { BIANCHI, ESPOSITO, ROSSI, VERDI } from '../bozze/testing';
import { CacheWriter } from '../store/cacheWriter';
import { useTestCore } from '../testing';
import { esegui, sogliaPer } from './corsa';
import { BLU, call, dump, GIALLI, NERI, senzaPurgati, ufficioConservazione, value } from './testing';

const conferma = (a: ConservazioneAnteprima) => ({ soglia: a.soglia, clienti: a.clienti.map((c) => c.codiceFiscale) });
const PURGATI = [GIALLI.codiceFiscale, NERI.codiceFiscale, BLU.codiceFiscale];

describe('soglia', () => {
  it('is whole months before today, the end of a shorter month clamped', () => {
    expect(sogliaPer('2026-03-10', 12)).toBe('2025-03-10');
    expect(sogliaPer('2026-03-31', 1)).toBe('2026-02-28');
    expect(sogliaPer('2026-03-10', 120)).toBe('2016-03-10');
  });
});

describe('conservazione.anteprima', () => {
  const core = useTestCore({ seed: true });

  it('lists exactly the clients whose delega ended before the threshold, with what would go', async () => {
    const u = await ufficioConservazione(core);
    const a = await value<ConservazioneAnteprima>(core, 'conservazione.anteprima');
    expect(a.mesi).toBe(12);
    expect(a.soglia).toBe('2025-03-10');
    // Not Rossi (active), Bianchi (active after an old revoked one), Esposito (revoked on 1 Feb 2026: recent), Verdi (to activate).
    expect(a.clienti.map((c) => c.codiceFiscale).sort()).toEqual([...PURGATI].sort());
    for (const cf of [ROSSI, BIANCHI, ESPOSITO, VERDI]) expect(a.clienti.some((c) => c.codiceFiscale === cf)).toBe(false);
    const per = Object.fromEntries(a.clienti.map((c) => [c.codiceFiscale, c]));
    const dim = (s: string) => core.ctx.sqlite.prepare('SELECT dimensione FROM allegati WHERE sha256 = ?').pluck().get(s) as number;
    expect(per[GIALLI.codiceFiscale]).toEqual({
      codiceFiscale: GIALLI.codiceFiscale,
      nominativo: 'Gialli Franco',
      delegaStato: 'revocata',
      delegaFine: '2024-06-30',
      bozze: 2,
      note: 1,
      allegati: 1,
      allegatiByte: dim(u.sha.gialli),
      comunicazioni: 2,
      avvisi: 1,
    });
    // Neri's one attachment is also on Rossi's draft: it stays.
    expect(per[NERI.codiceFiscale]).toMatchObject({ delegaStato: 'annullata', delegaFine: '2025-01-15', bozze: 1, note: 1, allegati: 0, comunicazioni: 0 });
    // Blu's delega is still «attiva» here but expired on 31 Dec 2024; a note of blanks is no note.
    expect(per[BLU.codiceFiscale]).toMatchObject({ delegaStato: 'attiva', delegaFine: '2024-12-31', bozze: 1, note: 0, allegati: 0 });
    expect(a.orfani).toEqual({ allegati: 1, allegatiByte: dim(u.sha.orfano) });
    expect(a.totali).toEqual({
      bozze: 4,
      note: 2,
      allegati: 2,
      allegatiByte: dim(u.sha.gialli) + dim(u.sha.orfano),
      comunicazioni: 2,
      avvisi: 1,
    });
  });
});

describe('conservazione.esegui', () => {
  const core = useTestCore({ seed: true });

  it('purges exactly the previewed clients’ local data and leaves every other row as it was', async () => {
    const u = await ufficioConservazione(core);
    const prima = dump(core);
    const a = await value<ConservazioneAnteprima>(core, 'conservazione.anteprima');
    const esito = await value<ConservazioneEsito>(core, 'conservazione.esegui', conferma(a));
    expect(esito).toEqual({ soglia: '2025-03-10', clienti: 3, totali: a.totali, fileEliminati: 2 });

    const bozze = [u.bozze.gialli1.id, u.bozze.gialli2.id, u.bozze.neri.id, u.bozze.blu.id];
    expect(dump(core)).toEqual(senzaPurgati(prima, { bozze, sha: [u.sha.gialli, u.sha.orfano] }));
    // Appointments, quesiti, clients and deleghe stay; so does the appointment's attachment list.
    expect(prima.appuntamento_allegati).toEqual(dump(core).appuntamento_allegati);
    // Files: the purged ones unlinked, the shared one and Rossi's kept.
    expect(fs.existsSync(core.ctx.allegati.pathOf(u.sha.gialli))).toBe(false);
    expect(fs.existsSync(core.ctx.allegati.pathOf(u.sha.orfano))).toBe(false);
    expect(core.ctx.allegati.read(u.sha.condiviso).toString()).toContain('condiviso');
    expect(core.ctx.allegati.read(u.sha.rossi).toString()).toContain('rossi');
    // The marker is gone; the run and each client are in the registro.
    expect(core.ctx.store.conservazione.corsa()).toBeUndefined();
    const righe = core.ctx.sqlite.prepare("SELECT entita, cliente_cf, dettagli FROM audit_log WHERE azione = 'conservazione.esegui' ORDER BY id").all() as {
      entita: string;
      cliente_cf: string | null;
      dettagli: string;
    }[];
    expect(
      righe
        .map((r) => r.cliente_cf)
        .slice(0, 3)
        .sort(),
    ).toEqual([...PURGATI].sort());
    expect(righe.at(-1)).toMatchObject({ entita: 'corsa', cliente_cf: null });
    expect(JSON.parse(righe.at(-1)!.dettagli)).toMatchObject({ clienti: 3, fileEliminati: 2, ripresa: false });
    expect((await value<ConservazioneStato>(core, 'conservazione.stato')).ultimaCorsa).toMatchObject({ il: '2026-03-10T09:00:00.000Z', clienti: 3 });
    // Nothing is left to purge.
    expect((await value<ConservazioneAnteprima>(core, 'conservazione.anteprima')).clienti).toEqual([]);
  });

  it('refuses a stale confirmation in Italian and removes nothing', async () => {
    await ufficioConservazione(core);
    const a = await value<ConservazioneAnteprima>(core, 'conservazione.anteprima');
    const prima = dump(core);
    // Another client's delega ended long ago since the preview: the list is no longer the one confirmed.
    new CacheWriter(core.ctx.sqlite).delega({
      id: 'del-1',
      datoreCf: ROSSI,
      intermediarioId: 'int-1',
      stato: 'revocata',
      dataSottoscrizione: '2025-01-10',
      dataAttivazione: '2025-01-12',
      dataScadenza: null,
      dataFine: '2025-01-20',
      motivoFine: null,
    });
    const dopoDelega = dump(core);
    const stale = await call(core, 'conservazione.esegui', conferma(a));
    expect(stale).toMatchObject({ ok: false, error: { code: 'ANTEPRIMA_NON_AGGIORNATA' } });
    expect(!stale.ok && stale.error.message).toMatch(/rifai l’anteprima.*Non è stato cancellato nulla/);
    const altraSoglia = await call(core, 'conservazione.esegui', { ...conferma(a), soglia: '2025-03-09' });
    expect(altraSoglia).toMatchObject({ ok: false, error: { code: 'ANTEPRIMA_NON_AGGIORNATA' } });
    const meno = await call(core, 'conservazione.esegui', { ...conferma(a), clienti: conferma(a).clienti.slice(1) });
    expect(meno).toMatchObject({ ok: false, error: { code: 'ANTEPRIMA_NON_AGGIORNATA' } });
    expect(dump(core)).toEqual(dopoDelega);
    expect(prima.bozze).toEqual(dopoDelega.bozze);
    expect(core.ctx.store.conservazione.corsa()).toBeUndefined();
  });

  it('with nothing to purge says so', async () => {
    const r = await call(core, 'conservazione.esegui', { soglia: '2025-03-10', clienti: [] });
    expect(r).toMatchObject({ ok: false, error: { code: 'NIENTE_DA_CANCELLARE', message: expect.stringMatching(/Non ci sono dati da cancellare/) } });
  });

  it('an interrupted run (failure after the first client) resumes and completes; nothing is half-deleted', async () => {
    const u = await ufficioConservazione(core);
    const prima = dump(core);
    const a = await value<ConservazioneAnteprima>(core, 'conservazione.anteprima');
    let clienti = 0;
    expect(() =>
      esegui(core.ctx, conferma(a), (punto) => {
        if (punto === 'cliente' && ++clienti === 1) throw new Error('injected crash');
      }),
    ).toThrow('injected crash');
    // The marker holds the confirmed run; the first client is wholly purged, the others wholly there.
    expect(core.ctx.store.conservazione.corsa()).toMatchObject({ soglia: a.soglia, clienti: conferma(a).clienti });
    const bozzeRimaste = (cf: string) => (core.ctx.sqlite.prepare('SELECT count(*) FROM bozze WHERE datore_cf = ?').pluck().get(cf) as number) > 0;
    expect(conferma(a).clienti.map(bozzeRimaste)).toEqual([false, true, true]);
    // Confirming it again completes the interrupted run (the next start would have, too).
    const r = await value<ConservazioneEsito>(core, 'conservazione.esegui', conferma(a));
    expect(r).toMatchObject({ clienti: 3, fileEliminati: 2 });
    expect(core.ctx.store.conservazione.corsa()).toBeUndefined();
    const bozze = [u.bozze.gialli1.id, u.bozze.gialli2.id, u.bozze.neri.id, u.bozze.blu.id];
    expect(dump(core)).toEqual(senzaPurgati(prima, { bozze, sha: [u.sha.gialli, u.sha.orfano] }));
    expect(fs.existsSync(core.ctx.allegati.pathOf(u.sha.gialli))).toBe(false);
  });
});
