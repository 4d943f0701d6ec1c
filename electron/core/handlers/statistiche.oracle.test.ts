import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Distribuzione,
  EsitiAppuntamenti,
  FiltriStatistiche,
  StatisticheAndamento,
  StatisticheArgomenti,
  StatisticheOperatori,
  StatisticheSedi,
} from '../../common/commands/statistiche';
import { addDays, isoWeekday, romeDate } from '../../common/domain/calendario';
import { ARGOMENTI } from '../../common/model';
import { app } from '../bozze/testing';
import { useTestCore } from '../testing';

// Statistiche (#15) on the demo office (small, seed 5) against an oracle: raw rows read with plain
// SELECTs, every figure recomputed here in JS (Rome days with romeDate, percentiles by sorting). The
// product computes in SQL; the two share nothing but the definitions. The core is the app's: an
// encrypted file, so the blocks are read on its worker connections (sqliteLettori.ts).

const OGGI = '2026-03-10'; // TEST_NOW's day in Rome
const cartella = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-oracolo-'));
afterAll(() => fs.rmSync(cartella, { recursive: true, force: true }));
const core = useTestCore({ scope: 'suite', dbPath: path.join(cartella, 'cassetto.sqlite'), chiave: crypto.randomBytes(32) });

interface App {
  id: string;
  sede_id: string;
  operatore_id: string | null;
  data: string;
  stato: string;
  cancellato_da: string | null;
  creato_il: string;
  aggiornato_il: string;
}
interface Q {
  id: string;
  argomento: string;
  data_invio: string;
  esito: string;
  data_esito: string | null;
}
let apps: App[] = [];
let chiusura = new Map<string, string>();
let quesiti: Q[] = [];
let legami: { appuntamento_id: string; quesito_id: string }[] = [];
let oss: { sede_id: string; osservata_il: string; al: string; attesa_giorni: number | null }[] = [];
let termini = new Map<string, number>();

beforeAll(async () => {
  const loaded = await core.dispatcher('ops')('demo.carica', { seme: 5, dimensione: 'small', oggi: OGGI });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const db = core.ctx.sqlite;
  apps = db.prepare('SELECT id, sede_id, operatore_id, data, stato, cancellato_da, creato_il, aggiornato_il FROM appuntamenti').all() as App[];
  const storia = db.prepare("SELECT appuntamento_id AS id, il FROM appuntamento_stati WHERE stato = 'chiuso_definito'").all() as { id: string; il: string }[];
  chiusura = new Map();
  for (const s of storia) if (!chiusura.has(s.id) || s.il < chiusura.get(s.id)!) chiusura.set(s.id, s.il);
  quesiti = db.prepare('SELECT id, argomento, data_invio, esito, data_esito FROM quesiti').all() as Q[];
  legami = db.prepare('SELECT appuntamento_id, quesito_id FROM appuntamento_quesiti').all() as typeof legami;
  oss = db.prepare('SELECT sede_id, osservata_il, al, attesa_giorni FROM slot_osservazioni').all() as typeof oss;
  termini = new Map(
    (db.prepare('SELECT codice, termine_giorni FROM argomenti').all() as { codice: string; termine_giorni: number }[]).map((a) => [a.codice, a.termine_giorni]),
  );
});

const giorni = (dal: string, al: string) => Math.round((Date.parse(`${al}T00:00:00Z`) - Date.parse(`${dal}T00:00:00Z`)) / 86_400_000);

function distribuzione(valori: number[]): Distribuzione {
  if (valori.length === 0) return { n: 0, mediana: null, p90: null };
  const s = [...valori].sort((a, b) => a - b);
  const rango = (p: number) => s[Math.ceil((p * s.length) / 100) - 1]!;
  return { n: s.length, mediana: rango(50), p90: rango(90) };
}

function esito(a: App): keyof EsitiAppuntamenti | null {
  if (a.stato === 'confermato') return 'confermati';
  if (a.stato === 'chiuso_definito') return romeDate(chiusura.get(a.id) ?? a.aggiornato_il) < a.data ? 'chiusiSenzaVisita' : 'svolti';
  return a.cancellato_da === 'sede' ? 'disdettiSede' : a.cancellato_da === 'utente' ? 'cancellatiUfficio' : null;
}

function esiti(lista: App[]): EsitiAppuntamenti {
  const e = { confermati: 0, chiusiSenzaVisita: 0, svolti: 0, cancellatiUfficio: 0, disdettiSede: 0 };
  for (const a of lista) {
    const k = esito(a);
    if (k) e[k] += 1;
  }
  return e;
}

const argomentoDi = () => new Map(quesiti.map((q) => [q.id, q.argomento]));

function prenotati(dal: string, al: string, f: FiltriStatistiche): App[] {
  const arg = argomentoDi();
  return apps.filter((a) => {
    const g = romeDate(a.creato_il);
    if (g < dal || g > al) return false;
    if (f.sedeId && a.sede_id !== f.sedeId) return false;
    if (f.operatoreId && a.operatore_id !== f.operatoreId) return false;
    return !f.argomento || legami.some((l) => l.appuntamento_id === a.id && arg.get(l.quesito_id) === f.argomento);
  });
}

const DAL = '2025-03-11'; // 12 months to 10 March 2026
const filtri = (): [string, FiltriStatistiche][] => {
  const sede = apps[3]!.sede_id;
  const operatore = apps.find((a) => a.operatore_id !== null)!.operatore_id!;
  return [
    ['no filter', {}],
    ['sede', { sedeId: sede }],
    ['operator', { operatoreId: operatore }],
    ['topic', { argomento: 'contributi' }],
  ];
};

describe('statistiche against an oracle on the demo office', () => {
  it('has data to compare (bookings, answers, observations over the year)', () => {
    expect(prenotati(DAL, OGGI, {}).length).toBeGreaterThan(50);
    expect(oss.length).toBeGreaterThan(20);
  });

  it('per sede', async () => {
    for (const [, f] of filtri()) {
      const s = await app<StatisticheSedi>(core, 'statistiche.sedi', { periodo: '12mesi', ...f });
      expect(s.periodo).toEqual({ dal: DAL, al: OGGI });
      const lista = prenotati(DAL, OGGI, f);
      const osservate = oss.filter((o) => romeDate(o.osservata_il) >= DAL && romeDate(o.osservata_il) <= OGGI && (!f.sedeId || o.sede_id === f.sedeId));
      const attesa = (o: (typeof oss)[number]) => o.attesa_giorni ?? giorni(romeDate(o.osservata_il), o.al) + 1;
      const sedi = new Set([...lista.map((a) => a.sede_id), ...osservate.map((o) => o.sede_id)]);
      expect(new Set(s.righe.map((r) => r.sedeId))).toEqual(sedi);
      for (const r of s.righe) {
        const qui = lista.filter((a) => a.sede_id === r.sedeId);
        expect(r.prenotati).toBe(qui.length);
        expect(r.esiti).toEqual(esiti(qui));
        expect(r.anticipoGiorni).toEqual(distribuzione(qui.map((a) => giorni(romeDate(a.creato_il), a.data))));
        expect(r.attesaPrimoSlotGiorni).toEqual(distribuzione(osservate.filter((o) => o.sede_id === r.sedeId).map(attesa)));
        expect(r.disdettePer100).toBe(qui.length ? (esiti(qui).disdettiSede * 100) / qui.length : null);
      }
      expect(s.totale.prenotati).toBe(lista.length);
      expect(s.totale.esiti).toEqual(esiti(lista));
      expect(s.totale.anticipoGiorni).toEqual(distribuzione(lista.map((a) => giorni(romeDate(a.creato_il), a.data))));
      expect(s.totale.attesaPrimoSlotGiorni).toEqual(distribuzione(osservate.map(attesa)));
      // Busiest first.
      expect(s.righe.map((r) => r.prenotati)).toEqual([...s.righe.map((r) => r.prenotati)].sort((a, b) => b - a));
    }
  });

  it('trend by month', async () => {
    for (const [, f] of filtri()) {
      const a = await app<StatisticheAndamento>(core, 'statistiche.andamento', { periodo: '12mesi', ...f });
      expect(a.granularita).toBe('mese');
      const lista = prenotati(DAL, OGGI, f);
      const inizio = (g: string) => (g.slice(0, 8) + '01' < DAL ? DAL : g.slice(0, 8) + '01');
      expect(a.punti).toHaveLength(13);
      for (const p of a.punti) {
        const qui = lista.filter((x) => inizio(romeDate(x.creato_il)) === p.inizio);
        const e = esiti(qui);
        expect(p).toEqual({
          inizio: p.inizio,
          prenotati: qui.length,
          chiusi: e.svolti + e.chiusiSenzaVisita,
          cancellatiUfficio: e.cancellatiUfficio,
          disdettiSede: e.disdettiSede,
        });
      }
      expect(a.punti.reduce((n, p) => n + p.prenotati, 0)).toBe(lista.length);
    }
  });

  it('trend by week over three months', async () => {
    const a = await app<StatisticheAndamento>(core, 'statistiche.andamento', { periodo: '3mesi' });
    const dal = '2025-12-11';
    const lunedi = (g: string) => {
      const m = addDays(g, 1 - isoWeekday(g));
      return m < dal ? dal : m;
    };
    const lista = prenotati(dal, OGGI, {});
    for (const p of a.punti) expect(p.prenotati).toBe(lista.filter((x) => lunedi(romeDate(x.creato_il)) === p.inizio).length);
    expect(a.punti.reduce((n, p) => n + p.prenotati, 0)).toBe(lista.length);
  });

  it('per topic', async () => {
    for (const [, f] of filtri()) {
      const r = await app<StatisticheArgomenti>(core, 'statistiche.argomenti', { periodo: '12mesi', ...f });
      const appDi = new Map(apps.map((a) => [a.id, a]));
      const diQuesto = (a: App) => (!f.sedeId || a.sede_id === f.sedeId) && (!f.operatoreId || a.operatore_id === f.operatoreId);
      const appuntamentiDi = (q: Q) =>
        legami
          .filter((l) => l.quesito_id === q.id)
          .map((l) => appDi.get(l.appuntamento_id)!)
          .filter(diQuesto);
      expect(r.righe.map((x) => x.argomento)).toEqual(f.argomento ? [f.argomento] : [...ARGOMENTI]);
      for (const riga of r.righe) {
        const t = termini.get(riga.argomento);
        const termine = t !== undefined && t > 0 ? t : null;
        const qs = quesiti.filter(
          (q) =>
            q.argomento === riga.argomento && q.data_invio >= DAL && q.data_invio <= OGGI && (!(f.sedeId || f.operatoreId) || appuntamentiDi(q).length > 0),
        );
        const risposti = qs.filter((q) => q.esito !== 'in_attesa' && q.data_esito !== null);
        const tempi = risposti.map((q) => giorni(q.data_invio, q.data_esito!));
        const oltre = termine === null ? 0 : tempi.filter((x) => x > termine).length;
        const negativi = risposti.filter((q) => q.esito === 'negativo').length;
        const conApp = qs.filter((q) => appuntamentiDi(q).length > 0);
        const appUnici = [...new Map(qs.flatMap(appuntamentiDi).map((a) => [a.id, a])).values()];
        expect(riga).toEqual({
          argomento: riga.argomento,
          descrizione: riga.descrizione,
          termineGiorni: termine,
          inviati: qs.length,
          risposti: risposti.length,
          tempoRispostaGiorni: distribuzione(tempi),
          rispostiOltreTermine: oltre,
          quotaOltreTermine: termine === null || risposti.length === 0 ? null : oltre / risposti.length,
          senzaRispostaOltreTermine: termine === null ? 0 : qs.filter((q) => q.esito === 'in_attesa' && giorni(q.data_invio, OGGI) > termine).length,
          negativi,
          quotaNegativi: risposti.length === 0 ? null : negativi / risposti.length,
          conAppuntamento: conApp.length,
          esitiAppuntamenti: esiti(appUnici),
        });
      }
    }
  });

  it('per operator, by name (the demo cache has no refused drafts: bookings and cancellations)', async () => {
    const nomi = new Map(
      (core.ctx.sqlite.prepare('SELECT id, nominativo FROM operatori').all() as { id: string; nominativo: string }[]).map((r) => [r.id, r.nominativo]),
    );
    expect(nomi.get('op-001')).toBe('Giulia Ferri'); // demo.carica lists the office's operators, as a sync would
    for (const [, f] of filtri()) {
      const o = await app<StatisticheOperatori>(core, 'statistiche.operatori', { periodo: '12mesi', ...f });
      const lista = prenotati(DAL, OGGI, f).filter((a) => a.operatore_id !== null);
      const ids = [...new Set(lista.map((a) => a.operatore_id!))];
      const atteso = ids
        .map((id) => {
          const suoi = lista.filter((a) => a.operatore_id === id);
          return {
            operatoreId: id,
            nominativo: nomi.get(id) ?? null,
            prenotazioni: suoi.length,
            cancellazioni: esiti(suoi).cancellatiUfficio,
            rifiuti: 0,
            motiviRifiuto: [],
          };
        })
        .sort((a, b) => b.prenotazioni - a.prenotazioni || (a.operatoreId < b.operatoreId ? -1 : 1));
      expect(o.righe).toEqual(atteso);
    }
  });

  it('read the figures on the readers, not on the core’s own connection', () => {
    expect(core.ctx.store.statistiche.lettoriAperti()).toBeGreaterThan(0);
  });
});
