import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { Appuntamento, Quesito } from '../../common/model';
import { appuntamentoDiProva, FIXTURE, sedeDiProva, useTestCore } from '../testing';
import { CacheWriter } from './cacheWriter';

// What migration 0011 denormalises for the statistics (#15) and the cache writer keeps: an
// appointment's first closing instant, and on each quesito link its quesito's topic and sending
// day and its appointment's outcome, sede and operator. Checked against the source rows with SQL
// of its own (the closing day from the history, as the statistics computed it before 0011).

const core = useTestCore({ seed: true });
const ROSSI = FIXTURE.datori[0]!.codiceFiscale;

const quesito = (id: string, over: Partial<Quesito> = {}): Quesito => ({
  id,
  protocollo: `P-${id}`,
  codiceRapporto: '0000123456',
  argomento: 'mav',
  oggetto: `Quesito ${id}`,
  dataInvio: '2026-02-10',
  esito: 'in_attesa',
  dataEsito: null,
  motivoEsito: null,
  ...over,
});

const appuntamento = (id: string, over: Partial<Appuntamento> = {}): Appuntamento =>
  appuntamentoDiProva(id, { datoreCf: ROSSI, sedeId: 's1', data: '2026-03-20', quesitiIds: ['q1'], ...over });

/** Rows whose denormalised columns differ from what their sources say; [] when all agree. */
function incoerenze(db: BetterSqlite3.Database): unknown[] {
  const chiusura = `(SELECT min(s.il) FROM appuntamento_stati s WHERE s.appuntamento_id = a.id AND s.stato = 'chiuso_definito')`;
  const appuntamenti = db
    .prepare(
      `SELECT a.id, a.chiuso_il, ${chiusura} AS storia FROM appuntamenti a
       WHERE a.chiuso_il IS NOT coalesce(${chiusura}, CASE WHEN a.stato = 'chiuso_definito' THEN a.aggiornato_il END)`,
    )
    .all();
  // Rome is UTC+1 in winter: the test's instants are all before 22:00 UTC, so the Rome day is the UTC day.
  const atteso = `CASE a.stato WHEN 'confermato' THEN 'confermato'
      WHEN 'chiuso_definito' THEN CASE WHEN substr(coalesce(${chiusura}, a.aggiornato_il), 1, 10) < a.data THEN 'chiuso_senza_visita' ELSE 'svolto' END
      WHEN 'cancellato' THEN CASE a.cancellato_da WHEN 'utente' THEN 'cancellato_ufficio' WHEN 'sede' THEN 'disdetto_sede' END END`;
  const link = db
    .prepare(
      `SELECT l.*, ${atteso} AS atteso FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id JOIN quesiti q ON q.id = l.quesito_id
       WHERE l.argomento IS NOT q.argomento OR l.data_invio IS NOT q.data_invio OR l.esito IS NOT ${atteso}
         OR l.sede_id IS NOT a.sede_id OR l.operatore_id IS NOT a.operatore_id`,
    )
    .all();
  // The outcome written on the row (migration 0013) against the same definition.
  const esiti = db.prepare(`SELECT a.id, a.esito, ${atteso} AS atteso FROM appuntamenti a WHERE a.esito IS NOT ${atteso}`).all();
  return [...appuntamenti, ...link, ...esiti];
}

function scrivi(fn: (w: CacheWriter) => void): void {
  const w = new CacheWriter(core.ctx.sqlite);
  core.ctx.sqlite.transaction(() => {
    // As a page of the feed: parents and children in any order, references checked at commit.
    core.ctx.sqlite.pragma('defer_foreign_keys = ON');
    fn(w);
  })();
}

const link = (appuntamentoId: string) =>
  core.ctx.sqlite
    .prepare('SELECT quesito_id, argomento, data_invio, esito, sede_id, operatore_id FROM appuntamento_quesiti WHERE appuntamento_id = ? ORDER BY quesito_id')
    .all(appuntamentoId);
const chiusoIl = (id: string) => core.ctx.sqlite.prepare('SELECT chiuso_il FROM appuntamenti WHERE id = ?').pluck().get(id);

describe('the statistics columns the cache writer keeps (migrations 0011 and 0013)', () => {
  it('a link carries its quesito and its appointment, also when the quesito comes later in the page', () => {
    scrivi((w) => {
      w.sede(sedeDiProva({ id: 's1' }));
      w.sede(sedeDiProva({ id: 's2' }));
      w.appuntamento(appuntamento('A1', { quesitiIds: ['q1', 'q2'] }));
      w.quesito(quesito('q1', { dataInvio: '2026-02-11' }));
      w.quesito(quesito('q2'));
    });
    expect(link('A1')).toEqual([
      { quesito_id: 'q1', argomento: 'mav', data_invio: '2026-02-11', esito: 'confermato', sede_id: 's1', operatore_id: 'op-001' },
      { quesito_id: 'q2', argomento: 'mav', data_invio: '2026-02-10', esito: 'confermato', sede_id: 's1', operatore_id: 'op-001' },
    ]);
    expect(chiusoIl('A1')).toBeNull();
    // The quesito corrected by the service (topic, sending day): its links follow.
    scrivi((w) => w.quesito(quesito('q2', { argomento: 'contributi', dataInvio: '2026-02-12', esito: 'positivo', dataEsito: '2026-02-20' })));
    expect(link('A1')).toMatchObject([{ argomento: 'mav' }, { argomento: 'contributi', data_invio: '2026-02-12' }]);
    expect(incoerenze(core.ctx.sqlite)).toEqual([]);
  });

  it('follows the state: closed on its day, closed before it, cancelled by the office after the sync, disdetto, moved', () => {
    scrivi((w) => {
      w.sede(sedeDiProva({ id: 's1' }));
      w.sede(sedeDiProva({ id: 's2' }));
      w.quesito(quesito('q1'));
      for (const id of ['A1', 'A2', 'A3', 'A4']) w.appuntamento(appuntamento(id));
    });
    scrivi((w) => {
      // Closed on its day: held. Closed the day before: the sede closed it without seeing the client.
      w.appuntamento(appuntamento('A1', { stato: 'chiuso_definito', aggiornatoIl: '2026-03-20T11:00:00.000Z' }));
      w.appuntamento(appuntamento('A2', { stato: 'chiuso_definito', aggiornatoIl: '2026-03-19T11:00:00.000Z' }));
      // The office's cancellation, as the service answers it (after the sync brought the booking).
      w.appuntamentoSeNuovo(appuntamento('A3', { stato: 'cancellato', cancellatoDa: 'utente', aggiornatoIl: '2026-03-05T09:00:00.000Z' }));
      // The sede's, moved to another sede and operator first.
      w.appuntamento(
        appuntamento('A4', { stato: 'cancellato', cancellatoDa: 'sede', sedeId: 's2', operatoreId: 'op-002', aggiornatoIl: '2026-03-06T09:00:00.000Z' }),
      );
    });
    expect([link('A1'), link('A2'), link('A3'), link('A4')].map((l) => (l as { esito: string }[])[0]!.esito)).toEqual([
      'svolto',
      'chiuso_senza_visita',
      'cancellato_ufficio',
      'disdetto_sede',
    ]);
    expect(core.ctx.sqlite.prepare("SELECT esito FROM appuntamenti WHERE id IN ('A1', 'A2', 'A3', 'A4') ORDER BY id").pluck().all()).toEqual([
      'svolto',
      'chiuso_senza_visita',
      'cancellato_ufficio',
      'disdetto_sede',
    ]);
    expect(link('A4')).toMatchObject([{ sede_id: 's2', operatore_id: 'op-002' }]);
    expect(chiusoIl('A2')).toBe('2026-03-19T11:00:00.000Z');
    expect(incoerenze(core.ctx.sqlite)).toEqual([]);
  });

  it('a re-sync of the same record changes nothing; a later update of a closed one keeps the first closing', () => {
    const chiuso = appuntamento('A1', { stato: 'chiuso_definito', aggiornatoIl: '2026-03-19T11:00:00.000Z' });
    scrivi((w) => {
      w.sede(sedeDiProva({ id: 's1' }));
      w.quesito(quesito('q1'));
      w.quesito(quesito('q2'));
      w.appuntamento(appuntamento('A1'));
    });
    scrivi((w) => w.appuntamento(chiuso));
    const prima = link('A1');
    scrivi((w) => w.appuntamento(chiuso));
    expect(link('A1')).toEqual(prima);
    // The service touches the closed row on its day (a note), naming one more quesito: still closed before its day.
    scrivi((w) => w.appuntamento({ ...chiuso, nota: 'Pratica chiusa', aggiornatoIl: '2026-03-20T15:00:00.000Z', quesitiIds: ['q1', 'q2'] }));
    expect(chiusoIl('A1')).toBe('2026-03-19T11:00:00.000Z');
    expect((link('A1') as { esito: string }[]).map((l) => l.esito)).toEqual(['chiuso_senza_visita', 'chiuso_senza_visita']);
    // An older answer replayed (appuntamentoSeNuovo) changes nothing.
    scrivi((w) => w.appuntamentoSeNuovo(appuntamento('A1')));
    expect(link('A1')).toHaveLength(2);
    expect(incoerenze(core.ctx.sqlite)).toEqual([]);
  });
});
