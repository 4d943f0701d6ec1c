import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatisticheAndamento, StatisticheArgomenti, StatisticheOperatori, StatisticheSedi, SediConsigliate } from '../../common/commands/statistiche';
import type { FileEsportato } from '../../common/commands/types';
import type { Appuntamento, Quesito } from '../../common/model';
import type { Core } from '../app';
import { ricreaIndici, rinviaIndici } from '../../../db/indiciRinviati';
import { app, refusal } from '../bozze/testing';
import { CACHE_STATISTICHE_MINIMA_KB } from '../store/statisticheCache';
import { CacheWriter } from '../store/cacheWriter';
import { appuntamentoDiProva, FIXTURE, sedeDiProva, useTestCore } from '../testing';
import type { LogFields, LogLevel } from '../log';
import { LettoriSqlite } from '../sqliteLettori';

// Statistiche (#15) on a small office made by hand: every expected figure below was worked out on
// paper from the rows inserted here (today is 10 March 2026 in Rome, TEST_NOW).

const core = useTestCore();
const FEB = { dal: '2026-02-01', al: '2026-02-28' };
const D1 = FIXTURE.datori[0]!; // RM
const D2 = FIXTURE.datori[1]!; // MI

function quesito(id: string, argomento: Quesito['argomento'], dataInvio: string, esito: Quesito['esito'], dataEsito: string | null): Quesito {
  return { id, protocollo: `P-${id}`, codiceRapporto: '1000000001', argomento, oggetto: `Quesito ${id}`, dataInvio, esito, dataEsito, motivoEsito: null };
}

function appuntamento(id: string, over: Partial<Appuntamento>): Appuntamento {
  return appuntamentoDiProva(id, { codiceRapporto: '1000000001', datoreCf: D1.codiceFiscale, ...over });
}

function seed(c: Core): void {
  const w = new CacheWriter(c.ctx.sqlite);
  const db = c.ctx.sqlite;
  c.ctx.store.transaction(() => {
    w.datore(D1);
    w.datore(D2);
    w.rapporto({
      codice: '1000000001',
      datoreCf: D1.codiceFiscale,
      lavoratoreCf: 'LVRLVR80A01H501X',
      lavoratoreNominativo: 'Lavoratore Uno',
      tipologia: 'colf',
      dataInizio: '2020-01-01',
      dataFine: null,
    });
    w.argomento({ codice: 'mav', descrizione: 'MAV', termineGiorni: 30 });
    w.argomento({ codice: 'anagrafiche', descrizione: 'Anagrafiche', termineGiorni: 0 }); // no termine
    w.argomento({ codice: 'contributi', descrizione: 'Contributi', termineGiorni: 60 });
    w.argomento({ codice: 'rapporti', descrizione: 'Rapporti', termineGiorni: 45 });
    w.argomento({ codice: 'avviso_bonario', descrizione: 'Avviso bonario', termineGiorni: 30 });
    w.sede(sedeDiProva({ id: 'S1', nome: 'INPS Roma Eur', provincia: 'RM', comune: 'Roma' }));
    w.sede(sedeDiProva({ id: 'S2', nome: 'INPS Milano Centro', provincia: 'MI', comune: 'Milano' }));
    w.sede(sedeDiProva({ id: 'S3', nome: 'INPS Napoli', provincia: 'NA', comune: 'Napoli' }));
    w.sede(sedeDiProva({ id: 'S4', nome: 'INPS Torino', provincia: 'TO', comune: 'Torino' }));
    w.sede(sedeDiProva({ id: 'S5', nome: 'INPS Roma Tiburtino', provincia: 'RM', comune: 'Roma' }));
    w.quesito(quesito('Q1', 'mav', '2026-02-02', 'positivo', '2026-02-12')); // 10 days
    w.quesito(quesito('Q2', 'mav', '2026-02-03', 'negativo', '2026-03-09')); // 34 days: after the termine, negative
    w.quesito(quesito('Q3', 'mav', '2026-02-05', 'in_attesa', null)); // 33 days today: late
    w.quesito(quesito('Q4', 'mav', '2026-02-20', 'in_attesa', null)); // 18 days: not late
    w.quesito(quesito('Q5', 'anagrafiche', '2026-02-10', 'positivo', '2026-03-05')); // 23 days, no termine
    w.quesito(quesito('Q6', 'anagrafiche', '2026-02-11', 'in_attesa', null));
    w.quesito(quesito('Q7', 'contributi', '2026-01-15', 'positivo', '2026-01-20')); // before February
    w.quesito(quesito('Q8', 'mav', '2026-02-25', 'positivo', '2026-02-27')); // 2 days
    const chiuso = { stato: 'chiuso_definito' as const };
    // A1: svolto (closed on its day). Booked 2 Feb, day 20 Feb: 18 days ahead.
    w.appuntamento(
      appuntamento('A1', {
        sedeId: 'S1',
        operatoreId: 'op-001',
        creatoIl: '2026-02-02T10:00:00.000Z',
        data: '2026-02-20',
        ...chiuso,
        aggiornatoIl: '2026-02-20T15:00:00.000Z',
        quesitiIds: ['Q1'],
      }),
    );
    // A2: booked 23:30 UTC on 3 Feb = 4 Feb in Rome (20 days ahead); closed on 10 Feb, before its day: senza visita.
    w.appuntamento(
      appuntamento('A2', {
        sedeId: 'S1',
        operatoreId: 'op-001',
        creatoIl: '2026-02-03T23:30:00.000Z',
        data: '2026-02-24',
        ...chiuso,
        aggiornatoIl: '2026-02-10T09:00:00.000Z',
        quesitiIds: ['Q2'],
      }),
    );
    w.appuntamento(appuntamento('A3', { sedeId: 'S1', operatoreId: 'op-002', creatoIl: '2026-02-10T09:00:00.000Z', data: '2026-03-20', quesitiIds: ['Q2'] })); // 38 days
    w.appuntamento(
      appuntamento('A4', {
        sedeId: 'S1',
        operatoreId: 'op-002',
        creatoIl: '2026-02-12T09:00:00.000Z',
        data: '2026-02-26',
        stato: 'cancellato',
        cancellatoDa: 'utente',
        aggiornatoIl: '2026-02-13T09:00:00.000Z',
        quesitiIds: ['Q3'],
      }),
    ); // 14 days
    w.appuntamento(
      appuntamento('A5', {
        sedeId: 'S2',
        operatoreId: 'op-001',
        creatoIl: '2026-02-15T09:00:00.000Z',
        data: '2026-02-25',
        stato: 'cancellato',
        cancellatoDa: 'sede',
        aggiornatoIl: '2026-02-20T09:00:00.000Z',
        quesitiIds: ['Q5'],
      }),
    ); // 10 days
    // A6: 23:30 UTC on 28 Feb = 1 March in Rome: not in February.
    w.appuntamento(
      appuntamento('A6', { sedeId: 'S2', operatoreId: null, creatoIl: '2026-02-28T23:30:00.000Z', data: '2026-03-12', datoreCf: D2.codiceFiscale }),
    );
    // A7: 23:30 UTC on 31 Jan = 1 Feb in Rome (2 days ahead). The sync saw it closed on 2 Feb (before its day); the
    // service touched the closed row again on 5 Feb: the first closing seen wins, senza visita.
    const a7 = appuntamento('A7', {
      sedeId: 'S2',
      operatoreId: 'op-003',
      creatoIl: '2026-01-31T23:30:00.000Z',
      data: '2026-02-03',
      ...chiuso,
      aggiornatoIl: '2026-02-02T10:00:00.000Z',
      quesitiIds: ['Q8'],
    });
    w.appuntamento(a7);
    w.appuntamento({ ...a7, aggiornatoIl: '2026-02-05T10:00:00.000Z' });
    // A8: booked in January (outside the period), names Q1.
    w.appuntamento(
      appuntamento('A8', {
        sedeId: 'S1',
        operatoreId: 'op-001',
        creatoIl: '2026-01-20T09:00:00.000Z',
        data: '2026-02-05',
        ...chiuso,
        aggiornatoIl: '2026-02-05T12:00:00.000Z',
        quesitiIds: ['Q1'],
      }),
    );

    const oss = db.prepare('INSERT INTO slot_osservazioni (sede_id, osservata_il, dal, al, primo_libero, attesa_giorni) VALUES (?, ?, ?, ?, ?, ?)');
    oss.run('S1', '2026-02-05T09:00:00.000Z', '2026-02-06', '2026-03-07', '2026-02-12', 7);
    oss.run('S1', '2026-02-06T09:00:00.000Z', '2026-02-07', '2026-03-08', '2026-02-09', 3);
    oss.run('S1', '2026-02-07T09:00:00.000Z', '2026-02-08', '2026-02-17', null, null); // none free: counts as 17 − 7 + 1 = 11
    oss.run('S3', '2026-02-10T09:00:00.000Z', '2026-02-11', '2026-03-12', '2026-02-25', 15);
    oss.run('S1', '2026-03-02T09:00:00.000Z', '2026-03-03', '2026-04-01', '2026-03-03', 1); // March

    const bozza =
      db.prepare(`INSERT INTO bozze (id, datore_cf, codice_rapporto, stato, sede_id, quesiti, errore_messaggio, operatore_id, creata_il, aggiornata_il)
      VALUES (?, ?, '1000000001', 'da_correggere', ?, ?, ?, ?, '2026-02-01T09:00:00.000Z', '2026-02-01T09:00:00.000Z')`);
    bozza.run('B1', D1.codiceFiscale, 'S1', '["Q1"]', 'Delega scaduta', 'op-001');
    bozza.run('B2', D1.codiceFiscale, 'S2', '["Q5"]', 'Sede chiusa', 'op-002');
    bozza.run('B3', D1.codiceFiscale, 'S1', '["Q3"]', null, 'op-004');
    bozza.run('B4', D1.codiceFiscale, 'S1', '["Q3"]', null, null);
    const cambio = db.prepare('INSERT INTO cambiamenti (tipo, bozza_id, appuntamento_id, descrizione, rilevato_il) VALUES (?, ?, ?, ?, ?)');
    cambio.run('rifiutato', 'B1', null, 'Orario non più disponibile', '2026-02-10T10:00:00.000Z');
    cambio.run('rifiutato', 'B1', null, 'Orario non più disponibile', '2026-02-11T10:00:00.000Z');
    cambio.run('rifiutato', 'B1', null, 'Delega scaduta', '2026-02-12T10:00:00.000Z');
    cambio.run('rifiutato', 'B2', null, null, '2026-02-13T10:00:00.000Z'); // no description: the draft's message
    cambio.run('rifiutato', 'B3', null, 'Quesito già prenotato', '2026-02-14T10:00:00.000Z');
    cambio.run('rifiutato', 'B4', null, 'Nessun operatore', '2026-02-14T10:00:00.000Z'); // nobody's
    cambio.run('rifiutato', 'B1', null, 'Marzo', '2026-03-05T10:00:00.000Z'); // March
    cambio.run('rifiutato', null, 'A3', 'Comunicazione alla sede non inviata: x', '2026-02-14T10:00:00.000Z'); // a reply, not a booking
    cambio.run('disdetto', null, 'A5', 'La sede ha disdetto', '2026-02-20T10:00:00.000Z');
    const operatore = db.prepare("INSERT INTO operatori (id, nominativo, username, aggiornato_il) VALUES (?, ?, ?, '2026-03-01T00:00:00.000Z')");
    operatore.run('op-001', 'Giulia Ferri', 'operatore1');
    operatore.run('op-002', 'Marco Neri', null);
    operatore.run('op-004', 'Anna Blu', 'operatore4'); // op-003 has no name
  });
}

const nulle = { n: 0, mediana: null, p90: null };
const tassiNulli = { confermati: null, chiusiSenzaVisita: null, svolti: null, cancellatiUfficio: null, disdettiSede: null };
const esitiZero = { confermati: 0, chiusiSenzaVisita: 0, svolti: 0, cancellatiUfficio: 0, disdettiSede: 0 };
const sedi = (input: object) => app<StatisticheSedi>(core, 'statistiche.sedi', input);
const argomenti = (input: object) => app<StatisticheArgomenti>(core, 'statistiche.argomenti', input);

describe('statistiche.sedi', () => {
  it('gives the connection the screen’s page cache (store/statisticheCache.ts)', async () => {
    const prima = core.ctx.sqlite.pragma('cache_size', { simple: true });
    expect(prima).not.toBe(-CACHE_STATISTICHE_MINIMA_KB);
    await sedi(FEB);
    expect(core.ctx.sqlite.pragma('cache_size', { simple: true })).toBe(-CACHE_STATISTICHE_MINIMA_KB);
  });

  it('says, in Italian, that the figures wait for the end of a first full sync still loading the cache', async () => {
    seed(core);
    rinviaIndici(core.ctx.sqlite);
    for (const name of ['statistiche.sedi', 'statistiche.argomenti', 'statistiche.andamento', 'statistiche.operatori']) {
      const error = await refusal(core, name, FEB);
      expect(error.code, name).toBe('PRIMA_SINCRONIZZAZIONE_IN_CORSO');
      expect(error.message).toMatch(/prima sincronizzazione.*al suo termine/);
    }
    ricreaIndici(core.ctx.sqlite);
    expect((await sedi(FEB)).totale.prenotati).toBeGreaterThan(0);
  });

  it('counts each sede’s bookings of the period by their Rome day, their outcomes, lead times and waits', async () => {
    seed(core);
    const s = await sedi(FEB);
    expect(s.periodo).toEqual(FEB);
    expect(s.righe.map((r) => r.sedeId)).toEqual(['S1', 'S2', 'S3']);
    expect(s.righe[0]).toEqual({
      sedeId: 'S1',
      nome: 'INPS Roma Eur',
      comune: 'Roma',
      provincia: 'RM',
      prenotati: 4,
      esiti: { confermati: 1, chiusiSenzaVisita: 1, svolti: 1, cancellatiUfficio: 1, disdettiSede: 0 },
      tassi: { confermati: 0.25, chiusiSenzaVisita: 0.25, svolti: 0.25, cancellatiUfficio: 0.25, disdettiSede: 0 },
      anticipoGiorni: { n: 4, mediana: 18, p90: 38 }, // 14, 18, 20, 38
      attesaPrimoSlotGiorni: { n: 3, mediana: 7, p90: 11 }, // 3, 7, (none free: 11)
      osservazioniSenzaLibero: 1,
      disdettePer100: 0,
    });
    expect(s.righe[1]).toMatchObject({
      sedeId: 'S2',
      prenotati: 2,
      esiti: { confermati: 0, chiusiSenzaVisita: 1, svolti: 0, cancellatiUfficio: 0, disdettiSede: 1 },
      tassi: { chiusiSenzaVisita: 0.5, disdettiSede: 0.5, svolti: 0 },
      anticipoGiorni: { n: 2, mediana: 2, p90: 10 },
      attesaPrimoSlotGiorni: nulle,
      disdettePer100: 50,
    });
    // Observations only: listed, with no booking figures (nulls, not NaN).
    expect(s.righe[2]).toMatchObject({
      sedeId: 'S3',
      prenotati: 0,
      tassi: tassiNulli,
      anticipoGiorni: nulle,
      attesaPrimoSlotGiorni: { n: 1, mediana: 15, p90: 15 },
      disdettePer100: null,
    });
    expect(s.totale).toEqual({
      prenotati: 6,
      esiti: { confermati: 1, chiusiSenzaVisita: 2, svolti: 1, cancellatiUfficio: 1, disdettiSede: 1 },
      tassi: { confermati: 1 / 6, chiusiSenzaVisita: 2 / 6, svolti: 1 / 6, cancellatiUfficio: 1 / 6, disdettiSede: 1 / 6 },
      anticipoGiorni: { n: 6, mediana: 14, p90: 38 }, // 2, 10, 14, 18, 20, 38
      attesaPrimoSlotGiorni: { n: 4, mediana: 7, p90: 15 }, // 3, 7, 11, 15
      osservazioniSenzaLibero: 1,
      disdettePer100: 100 / 6,
    });
  });

  it('this month: from the 1st in Rome, so a booking at 23:30 UTC on 28 February is March’s', async () => {
    seed(core);
    const s = await sedi({ periodo: 'mese' });
    expect(s.periodo).toEqual({ dal: '2026-03-01', al: '2026-03-10' });
    expect(s.righe.map((r) => [r.sedeId, r.prenotati, r.esiti.confermati, r.attesaPrimoSlotGiorni.mediana])).toEqual([
      ['S2', 1, 1, null],
      ['S1', 0, 0, 1],
    ]);
  });

  it('filters by operator and by topic (the appointments naming a quesito of it); the waits follow the sede only', async () => {
    seed(core);
    const op = await sedi({ ...FEB, operatoreId: 'op-001' });
    expect(op.righe.map((r) => [r.sedeId, r.prenotati, r.esiti.svolti, r.esiti.chiusiSenzaVisita, r.esiti.disdettiSede])).toEqual([
      ['S1', 2, 1, 1, 0],
      ['S2', 1, 0, 0, 1],
      ['S3', 0, 0, 0, 0],
    ]);
    const arg = await sedi({ ...FEB, argomento: 'anagrafiche' });
    expect(arg.righe.map((r) => [r.sedeId, r.prenotati, r.attesaPrimoSlotGiorni.n])).toEqual([
      ['S2', 1, 0],
      ['S3', 0, 1],
      ['S1', 0, 3],
    ]);
    const sede = await sedi({ ...FEB, sedeId: 'S2' });
    expect(sede.righe.map((r) => r.sedeId)).toEqual(['S2']);
    expect(sede.totale.prenotati).toBe(2);
    expect(sede.totale.attesaPrimoSlotGiorni).toEqual(nulle);
  });

  it('a sede with no appointments, or a period with no data: zeros and nulls, never NaN', async () => {
    seed(core);
    const vuota = await sedi({ ...FEB, sedeId: 'S4' });
    expect(vuota.righe).toEqual([]);
    expect(vuota.totale).toEqual({
      prenotati: 0,
      esiti: esitiZero,
      tassi: tassiNulli,
      anticipoGiorni: nulle,
      attesaPrimoSlotGiorni: nulle,
      osservazioniSenzaLibero: 0,
      disdettePer100: null,
    });
    const prima = await sedi({ dal: '2025-01-01', al: '2025-01-31' });
    expect(prima.righe).toEqual([]);
    expect(prima.totale).toEqual(vuota.totale);
    expect(JSON.stringify(await argomenti({ dal: '2025-01-01', al: '2025-01-31' }))).not.toContain('NaN');
  });

  it('reads on the core’s own connection when its readers fail, with the same figures, and logs why in English', async () => {
    seed(core);
    const attese = { sedi: await sedi(FEB), argomenti: await argomenti(FEB) };
    const righe: [LogLevel, string, LogFields | undefined][] = [];
    // Readers of a file that is not there: each block's request fails, and is read here instead.
    const lettori = new LettoriSqlite({
      file: path.join(os.tmpdir(), `cassetto-nessuno-${process.pid}`, 'x.sqlite'),
      chiave: null,
      corsie: 2,
      pragmi: () => [],
      riposoMs: 60_000,
    });
    core.ctx.store.statistiche.usaLettori(lettori, { log: (level, message, fields) => righe.push([level, message, fields]) });
    try {
      expect({ sedi: await sedi(FEB), argomenti: await argomenti(FEB) }).toEqual(attese);
      expect(righe).toHaveLength(2);
      for (const [level, message, fields] of righe) {
        expect([level, message]).toEqual(['warn', 'statistics reader failed; reading on the core thread']);
        expect(fields?.error).toMatch(/unable to open|directory does not exist/i);
      }
    } finally {
      await lettori.close();
    }
  });
});

describe('statistiche.andamento', () => {
  it('buckets a month by week (from Monday, the first clipped to the period), empty weeks included', async () => {
    seed(core);
    const a = await app<StatisticheAndamento>(core, 'statistiche.andamento', FEB);
    expect(a.granularita).toBe('settimana');
    expect(a.punti).toEqual([
      { inizio: '2026-02-01', prenotati: 1, chiusi: 1, cancellatiUfficio: 0, disdettiSede: 0 }, // A7 (Sunday 1 Feb)
      { inizio: '2026-02-02', prenotati: 2, chiusi: 2, cancellatiUfficio: 0, disdettiSede: 0 }, // A1, A2
      { inizio: '2026-02-09', prenotati: 3, chiusi: 0, cancellatiUfficio: 1, disdettiSede: 1 }, // A3, A4, A5 (Sunday 15)
      { inizio: '2026-02-16', prenotati: 0, chiusi: 0, cancellatiUfficio: 0, disdettiSede: 0 },
      { inizio: '2026-02-23', prenotati: 0, chiusi: 0, cancellatiUfficio: 0, disdettiSede: 0 },
    ]);
  });

  it('buckets six months by month', async () => {
    seed(core);
    const a = await app<StatisticheAndamento>(core, 'statistiche.andamento', { periodo: '6mesi' });
    expect(a.periodo).toEqual({ dal: '2025-09-11', al: '2026-03-10' });
    expect(a.granularita).toBe('mese');
    expect(a.punti.map((p) => [p.inizio, p.prenotati])).toEqual([
      ['2025-09-11', 0],
      ['2025-10-01', 0],
      ['2025-11-01', 0],
      ['2025-12-01', 0],
      ['2026-01-01', 1], // A8
      ['2026-02-01', 6],
      ['2026-03-01', 1], // A6
    ]);
  });
});

describe('statistiche.argomenti', () => {
  it('answer times against the termine, late unanswered ones, negatives and the appointments they led to', async () => {
    seed(core);
    const a = await argomenti(FEB);
    expect(a.righe.map((r) => r.argomento)).toEqual(['mav', 'anagrafiche', 'contributi', 'rapporti', 'avviso_bonario']);
    expect(a.righe[0]).toEqual({
      argomento: 'mav',
      descrizione: 'MAV',
      termineGiorni: 30,
      inviati: 5,
      risposti: 3,
      tempoRispostaGiorni: { n: 3, mediana: 10, p90: 34 }, // 2, 10, 34
      rispostiOltreTermine: 1,
      quotaOltreTermine: 1 / 3,
      senzaRispostaOltreTermine: 1,
      negativi: 1,
      quotaNegativi: 1 / 3,
      conAppuntamento: 4,
      esitiAppuntamenti: { confermati: 1, chiusiSenzaVisita: 2, svolti: 2, cancellatiUfficio: 1, disdettiSede: 0 }, // A1 A8 A2 A3 A4 A7
    });
    expect(a.righe[1]).toEqual({
      argomento: 'anagrafiche',
      descrizione: 'Anagrafiche',
      termineGiorni: null,
      inviati: 2,
      risposti: 1,
      tempoRispostaGiorni: { n: 1, mediana: 23, p90: 23 },
      rispostiOltreTermine: 0,
      quotaOltreTermine: null,
      senzaRispostaOltreTermine: 0,
      negativi: 0,
      quotaNegativi: 0,
      conAppuntamento: 1,
      esitiAppuntamenti: { ...esitiZero, disdettiSede: 1 },
    });
    expect(a.righe[2]).toMatchObject({
      argomento: 'contributi',
      termineGiorni: 60,
      inviati: 0,
      risposti: 0,
      tempoRispostaGiorni: nulle,
      quotaOltreTermine: null,
      quotaNegativi: null,
    });
  });

  it('counts an appointment once per topic in each period one of its quesiti of that topic was sent in', async () => {
    seed(core);
    // A9 names Q7 (contributi, sent in January) and Q9 (contributi, sent in February). The link
    // migration 0012 marks for the pair is Q7's, sent outside February: February counts A9 all the same.
    core.ctx.store.transaction(() => {
      const w = new CacheWriter(core.ctx.sqlite);
      w.quesito(quesito('Q9', 'contributi', '2026-02-16', 'in_attesa', null));
      w.appuntamento(appuntamento('A9', { sedeId: 'S2', creatoIl: '2026-02-17T09:00:00.000Z', data: '2026-03-20', quesitiIds: ['Q9', 'Q7'] }));
    });
    const contributi = async (periodo: { dal: string; al: string }) => (await argomenti({ ...periodo, argomento: 'contributi' })).righe[0];
    const una = { ...esitiZero, confermati: 1 };
    expect(await contributi(FEB)).toMatchObject({ inviati: 1, conAppuntamento: 1, esitiAppuntamenti: una });
    expect(await contributi({ dal: '2026-01-01', al: '2026-01-31' })).toMatchObject({ inviati: 1, conAppuntamento: 1, esitiAppuntamenti: una });
    expect(await contributi({ dal: '2026-01-01', al: '2026-02-28' })).toMatchObject({ inviati: 2, conAppuntamento: 2, esitiAppuntamenti: una });
  });

  it('with a sede, the quesiti booked there; with a topic, that topic only', async () => {
    seed(core);
    const s1 = await argomenti({ ...FEB, sedeId: 'S1' });
    expect(s1.righe[0]).toMatchObject({
      inviati: 3, // Q1 Q2 Q3
      risposti: 2,
      tempoRispostaGiorni: { n: 2, mediana: 10, p90: 34 },
      rispostiOltreTermine: 1,
      quotaOltreTermine: 0.5,
      senzaRispostaOltreTermine: 1,
      conAppuntamento: 3,
      esitiAppuntamenti: { confermati: 1, chiusiSenzaVisita: 1, svolti: 2, cancellatiUfficio: 1, disdettiSede: 0 },
    });
    expect(s1.righe[1]).toMatchObject({ inviati: 0 });
    const op2 = await argomenti({ ...FEB, operatoreId: 'op-002' });
    expect(op2.righe[0]).toMatchObject({ inviati: 2, conAppuntamento: 2, esitiAppuntamenti: { ...esitiZero, confermati: 1, cancellatiUfficio: 1 } }); // Q2 (A3), Q3 (A4)
    const solo = await argomenti({ ...FEB, argomento: 'anagrafiche' });
    expect(solo.righe.map((r) => [r.argomento, r.inviati])).toEqual([['anagrafiche', 2]]);
  });
});

describe('statistiche.operatori', () => {
  it('bookings, cancellations and the service’s refusals with their reasons, by name when known', async () => {
    seed(core);
    const o = await app<StatisticheOperatori>(core, 'statistiche.operatori', FEB);
    expect(o.righe).toEqual([
      {
        operatoreId: 'op-001',
        nominativo: 'Giulia Ferri',
        prenotazioni: 3,
        cancellazioni: 0,
        rifiuti: 3,
        motiviRifiuto: [
          { motivo: 'Orario non più disponibile', n: 2 },
          { motivo: 'Delega scaduta', n: 1 },
        ],
      },
      { operatoreId: 'op-002', nominativo: 'Marco Neri', prenotazioni: 2, cancellazioni: 1, rifiuti: 1, motiviRifiuto: [{ motivo: 'Sede chiusa', n: 1 }] },
      { operatoreId: 'op-003', nominativo: null, prenotazioni: 1, cancellazioni: 0, rifiuti: 0, motiviRifiuto: [] },
      {
        operatoreId: 'op-004',
        nominativo: 'Anna Blu',
        prenotazioni: 0,
        cancellazioni: 0,
        rifiuti: 1,
        motiviRifiuto: [{ motivo: 'Quesito già prenotato', n: 1 }],
      },
    ]);
    const s2 = await app<StatisticheOperatori>(core, 'statistiche.operatori', { ...FEB, sedeId: 'S2' });
    expect(s2.righe.map((r) => [r.operatoreId, r.prenotazioni, r.rifiuti])).toEqual([
      ['op-001', 1, 0],
      ['op-003', 1, 0],
      ['op-002', 0, 1],
    ]);
    const mav = await app<StatisticheOperatori>(core, 'statistiche.operatori', { ...FEB, argomento: 'mav', operatoreId: 'op-001' });
    expect(mav.righe.map((r) => [r.operatoreId, r.prenotazioni, r.rifiuti])).toEqual([['op-001', 2, 3]]);
  });
});

describe('sedi.consigliate', () => {
  it('the client’s province first, then by the recent median wait (none last), with cancellations per 100', async () => {
    seed(core);
    const c = await app<SediConsigliate>(core, 'sedi.consigliate', { codiceFiscale: D1.codiceFiscale });
    expect(c.provincia).toBe('RM');
    // Observations since 9 December: S1 (3, 7, 11, 1) median 3; S3 15. Bookings since 11 March 2025.
    expect(c.sedi.map((s) => [s.sede.id, s.stessaProvincia, s.attesaMedianaGiorni, s.osservazioni, s.appuntamenti, s.disdettePer100])).toEqual([
      ['S1', true, 3, 4, 5, 0],
      ['S5', true, null, 0, 0, null],
      ['S3', false, 15, 1, 0, null],
      ['S2', false, null, 0, 3, 100 / 3],
      ['S4', false, null, 0, 0, null],
    ]);
    expect(c.sedi[0]!.sede).toEqual({
      id: 'S1',
      nome: 'INPS Roma Eur',
      indirizzo: 'Viale Civiltà del Lavoro 46',
      comune: 'Roma',
      provincia: 'RM',
      modalita: ['presenza'],
    });
  });
});

describe('bad input', () => {
  it('refuses a range ending before it starts, longer than 5 years, half a range, or a periodo with dates, in Italian', async () => {
    const casi: [object, string][] = [
      [{ dal: '2026-02-10', al: '2026-02-01' }, 'La data «al» è precedente alla data «dal»'],
      [{ dal: '2020-01-01', al: '2026-01-02' }, 'più lungo di 5 anni'],
      [{ dal: '2026-02-10' }, 'sia la data «dal» sia la data «al»'],
      [{ periodo: 'mese', dal: '2026-02-01', al: '2026-02-10' }, 'non entrambi'],
      [{}, 'Indica il periodo'],
    ];
    for (const [input, messaggio] of casi) {
      const e = await refusal(core, 'statistiche.sedi', input);
      expect(e.code).toBe('INPUT_NON_VALIDO');
      expect(e.message).toContain(messaggio);
    }
  });
});

describe('statistiche.esporta', () => {
  it('writes the block as one sheet with the period and the filters above, and records the export', async () => {
    seed(core);
    const f = await app<FileEsportato>(core, 'statistiche.esporta', { blocco: 'operatori', filtri: { ...FEB, sedeId: 'S2' } });
    expect(f).toMatchObject({ nomeFile: 'statistiche-operatori-2026-02-01-2026-02-28.xlsx', codifica: 'base64', righe: 3 });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.contenuto, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Operatori')!;
    const valori = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(valori(2)).toEqual(['Periodo', 'dal 01/02/2026 al 28/02/2026']);
    expect(valori(3)).toEqual(['Sede', 'INPS Milano Centro']);
    expect(valori(7)).toEqual(['Operatore', 'Codice operatore', 'Prenotazioni', 'Cancellazioni', 'Rifiuti del servizio', 'Motivi dei rifiuti']);
    expect(valori(8)).toEqual(['Giulia Ferri', 'op-001', 1, 0, 0, '']);
    expect(valori(10)).toEqual(['Marco Neri', 'op-002', 0, 0, 1, 'Sede chiusa (1)']);
    const riga = core.ctx.sqlite.prepare("SELECT azione, entita, dettagli, esito FROM audit_log WHERE azione = 'statistiche.esporta'").get();
    expect(riga).toEqual({
      azione: 'statistiche.esporta',
      entita: 'statistiche',
      dettagli: 'XLSX, blocco operatori, 3 righe, filtri: dal=2026-02-01; al=2026-02-28; sedeId=S2',
      esito: 'ok',
    });
  });
});
