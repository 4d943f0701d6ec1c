import { beforeAll, describe, expect, it } from 'vitest';
import type { AppuntamentoRiga, Pagina } from '../../common/commands/types';
import { generateDataset } from '../../common/demo/index';
import type { Appuntamento } from '../../common/model';
import { normalizeSearchText } from '../store/search';
import { useTestCore } from '../testing';

// The search is checked against an oracle: the same filters applied in plain JS to the generated data.
const OGGI = '2026-03-10';
const data = generateDataset({ seed: 3, size: 'small', today: OGGI });
const datore = new Map(data.datori.map((d) => [d.codiceFiscale, d]));
const core = useTestCore({ scope: 'suite' });

beforeAll(async () => {
  const loaded = await core.dispatcher('ops')('demo.carica', { seme: 3, dimensione: 'small', oggi: OGGI });
  if (!loaded.ok) throw new Error(loaded.error.message);
});

async function cerca(input: Record<string, unknown>): Promise<Pagina<AppuntamentoRiga>> {
  const result = await core.dispatcher('app')('appuntamenti.cerca', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Pagina<AppuntamentoRiga>;
}

function oracle(filter: (a: Appuntamento) => boolean, desc = false): string[] {
  const rows = data.appuntamenti.filter(filter).sort((x, y) => (x.data + x.ora + x.id < y.data + y.ora + y.id ? -1 : 1));
  return (desc ? rows.reverse() : rows).map((a) => a.id);
}

const some = data.appuntamenti[17]!;
const cliente = datore.get(some.datoreCf)!;
const cases: [string, Record<string, unknown>, (a: Appuntamento) => boolean][] = [
  ['no filter', {}, () => true],
  ['codice rapporto', { codiceRapporto: some.codiceRapporto }, (a) => a.codiceRapporto === some.codiceRapporto],
  ['codice rapporto prefix', { codiceRapporto: some.codiceRapporto.slice(0, 4) }, (a) => a.codiceRapporto.startsWith(some.codiceRapporto.slice(0, 4))],
  ['several stati', { stati: ['cancellato', 'chiuso_definito'] }, (a) => a.stato !== 'confermato'],
  ['date range', { dal: '2026-01-01', al: '2026-03-31' }, (a) => a.data >= '2026-01-01' && a.data <= '2026-03-31'],
  ['gestito da intermediario', { gestitoDaIntermediario: true }, (a) => a.gestitoDaIntermediario],
  ['booked by the citizen', { gestitoDaIntermediario: false }, (a) => !a.gestitoDaIntermediario],
  ['sede', { sedeId: some.sedeId }, (a) => a.sedeId === some.sedeId],
  ['operatore', { operatoreId: 'op-002' }, (a) => a.operatoreId === 'op-002'],
  [
    'client name, any order, any case',
    { testo: `${cliente.nome} ${cliente.cognome}`.toUpperCase() },
    (a) => {
      const d = datore.get(a.datoreCf)!;
      const hay = normalizeSearchText(`${d.cognome} ${d.nome}`);
      return normalizeSearchText(`${cliente.nome} ${cliente.cognome}`)
        .split(' ')
        .every((w) => hay.includes(w));
    },
  ],
  ['codice fiscale prefix', { testo: cliente.codiceFiscale.slice(0, 11) }, (a) => a.datoreCf.startsWith(cliente.codiceFiscale.slice(0, 11))],
  [
    'several together',
    { stati: ['confermato'], dal: OGGI, gestitoDaIntermediario: true },
    (a) => a.stato === 'confermato' && a.data >= OGGI && a.gestitoDaIntermediario,
  ],
];

describe('appuntamenti.cerca', () => {
  it.each(cases)('filters by %s exactly as the oracle', async (_label, input, filter) => {
    const expected = oracle(filter);
    expect(expected.length).toBeGreaterThan(0);
    const page = await cerca({ ...input, limite: 500 });
    expect(page.totale).toBe(expected.length);
    expect(page.righe.map((r) => r.id)).toEqual(expected.slice(0, 500));
  });

  it('pages a client text matching many clients in either order (the page sorted before its rows are read)', async () => {
    const perCognome = new Map<string, number>();
    for (const a of data.appuntamenti) {
      const c = normalizeSearchText(datore.get(a.datoreCf)!.cognome).split(' ')[0]!;
      perCognome.set(c, (perCognome.get(c) ?? 0) + 1);
    }
    const [cognome] = [...perCognome].sort((x, y) => y[1] - x[1])[0]!;
    const filter = (a: Appuntamento) => normalizeSearchText(`${datore.get(a.datoreCf)!.cognome} ${datore.get(a.datoreCf)!.nome}`).includes(cognome);
    expect(new Set(data.appuntamenti.filter(filter).map((a) => a.datoreCf)).size).toBeGreaterThan(1);
    for (const [ordine, desc] of [
      ['data', false],
      ['-data', true],
    ] as const) {
      const page = await cerca({ testo: cognome, ordine, limite: 7, offset: 5 });
      expect(page.righe.map((r) => r.id)).toEqual(oracle(filter, desc).slice(5, 12));
      expect(page.totale).toBe(oracle(filter).length);
    }
    expect(core.ctx.store.queries.shapesRefused).toEqual([]);
  });

  it('sorts newest first and pages', async () => {
    const expected = oracle(() => true, true);
    const second = await cerca({ ordine: '-data', limite: 20, offset: 20 });
    expect(second.righe.map((r) => r.id)).toEqual(expected.slice(20, 40));
  });

  it('gives each row what the list shows', async () => {
    const page = await cerca({ codiceRapporto: some.codiceRapporto });
    const row = page.righe.find((r) => r.id === some.id)!;
    expect(row).toMatchObject({
      data: some.data,
      ora: some.ora,
      stato: some.stato,
      sedeNome: data.sedi.find((s) => s.id === some.sedeId)!.nome,
      datoreNominativo: `${cliente.cognome} ${cliente.nome}`,
      gestitoDaIntermediario: some.gestitoDaIntermediario,
      cancellazioneInCorso: false,
    });
  });

  it.each([["'; DROP TABLE appuntamenti; --"], ['%'], ['_']])('treats %j as plain text', async (testo) => {
    expect((await cerca({ testo })).totale).toBe(0);
    expect((await cerca({})).totale).toBe(data.appuntamenti.length);
  });

  it('refuses a codice rapporto with letters or more than 10 digits, at the field', async () => {
    for (const codiceRapporto of ['12345678901', '12a4']) {
      const result = await core.dispatcher('app')('appuntamenti.cerca', { codiceRapporto });
      expect(result).toMatchObject({ ok: false, error: { code: 'INPUT_NON_VALIDO', details: [{ path: 'codiceRapporto' }] } });
    }
  });
});
