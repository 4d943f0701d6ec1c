// The searches' caches (issue #17): a query compiled once per shape must give what a fresh Kysely
// compile gives for every value, and a kept total must never outlive a change to the data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppuntamentoRiga, ClienteRiga, Pagina } from '../../common/commands/types';
import { generateDataset } from '../../common/demo/index';
import type { Core } from '../app';
import { appuntamentoDiProva, FIXTURE, openTestCore, sedeDiProva, useTestCore } from '../testing';
import { AppuntamentiStore } from './appuntamenti';
import { CacheWriter } from './cacheWriter';
import { ClientiStore } from './clienti';
import { Queries } from './queries';

const OGGI = '2026-03-10';
const data = generateDataset({ seed: 5, size: 'tiny', today: OGGI });

async function cerca(core: Core, input: Record<string, unknown>): Promise<Pagina<AppuntamentoRiga>> {
  const result = await core.dispatcher('app')('appuntamenti.cerca', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Pagina<AppuntamentoRiga>;
}

async function cercaClienti(core: Core, input: Record<string, unknown>): Promise<Pagina<ClienteRiga>> {
  const result = await core.dispatcher('app')('clienti.cerca', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Pagina<ClienteRiga>;
}

describe('searches compiled once per shape', () => {
  const core = useTestCore({ scope: 'suite' });

  it('give, for every value of a shape, the rows and total of a fresh compile', async () => {
    const loaded = await core.dispatcher('ops')('demo.carica', { seme: 5, dimensione: 'tiny', oggi: OGGI });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const a = data.appuntamenti;
    const d = data.datori;
    // Pairs of the same shape with other values (the second one runs on the first one's statement).
    const shapes: Record<string, unknown>[][] = [
      [{ sedeId: a[0]!.sedeId }, { sedeId: a[a.length - 1]!.sedeId, offset: 3 }],
      [{ codiceRapporto: a[1]!.codiceRapporto }, { codiceRapporto: a[2]!.codiceRapporto }],
      [{ codiceRapporto: a[1]!.codiceRapporto.slice(0, 4) }, { codiceRapporto: a[2]!.codiceRapporto.slice(0, 3) }],
      [
        { stati: ['confermato'], dal: '2026-01-01', al: '2026-02-01', gestitoDaIntermediario: true },
        { stati: ['cancellato'], dal: '2025-06-01', al: '2026-12-31', gestitoDaIntermediario: false, ordine: '-data' },
      ],
      [{ testo: d[0]!.cognome }, { testo: d[3]!.cognome }],
      [{ testo: `${d[0]!.nome} ${d[0]!.cognome}` }, { testo: d[2]!.codiceFiscale.slice(0, 6) + ' x' }],
      [
        { operatoreId: 'op-001', limite: 5 },
        { operatoreId: 'op-002', limite: 7 },
      ],
    ];
    const fresh = () => new AppuntamentiStore(new Queries(core.ctx.store.queries.db, core.ctx.sqlite));
    for (const pair of shapes) {
      for (const input of pair) {
        const got = await cerca(core, input);
        const full = { codiceRapporto: '', testo: '', ordine: 'data' as const, limite: 100, offset: 0, ...input };
        const expected = fresh().cerca(full as Parameters<AppuntamentiStore['cerca']>[0]);
        expect(got.totale, JSON.stringify(input)).toBe(expected.totale);
        expect(
          got.righe.map((r) => r.id),
          JSON.stringify(input),
        ).toEqual(expected.righe.map((r) => r.id));
      }
    }
    for (const pair of [
      [{ testo: d[0]!.cognome }, { testo: d[5]!.cognome }],
      [{ testo: '' }, { testo: '', offset: 2 }],
      [{ testo: '12' }, { testo: '3' }],
    ]) {
      for (const input of pair) {
        const got = await cercaClienti(core, input);
        const expected = new ClientiStore(new Queries(core.ctx.store.queries.db, core.ctx.sqlite)).cerca({ limite: 100, offset: 0, ...input } as never);
        expect(got.totale).toBe(expected.totale);
        expect(got.righe).toEqual(expected.righe);
      }
    }
    expect(core.ctx.store.queries.shapesRefused).toEqual([]);
  });

  it('a caller whose values do not close Kysely’s parameters is refused the cache, and still gets the right rows', () => {
    const q = new Queries(core.ctx.store.queries.db, core.ctx.sqlite);
    const byStato = (stato: string) =>
      q.db
        .selectFrom('appuntamenti')
        .select('id')
        .where('stato', '=', stato as 'confermato');
    const wrong = q.allShaped('wrong', () => byStato('confermato'), ['cancellato']);
    expect(wrong.length).toBe(data.appuntamenti.filter((a) => a.stato === 'confermato').length);
    expect(q.shapesRefused).toEqual(['wrong']);
  });
});

/** Two sedi and a few appointments at s1 beside FIXTURE's office. */
function seedAppuntamenti(core: Core): void {
  const writer = new CacheWriter(core.ctx.sqlite);
  core.ctx.store.transaction(() => {
    writer.sede(sedeDiProva());
    writer.sede(sedeDiProva({ id: 's2', nome: 'INPS Roma Tuscolano' }));
    for (let i = 1; i <= 4; i++) writer.appuntamento(appuntamentoDiProva(`a-${i}`, { data: `2026-03-2${i}` }));
  });
}

describe('kept totals', () => {
  const core = useTestCore({ seed: true });
  beforeEach(() => seedAppuntamenti(core));
  const sede = (input: Record<string, unknown> = {}) => cerca(core, { sedeId: 's1', limite: 1, ...input });

  it('a write between two pages changes the total', async () => {
    const before = await sede();
    expect((await sede({ offset: 1 })).totale).toBe(before.totale);
    const writer = new CacheWriter(core.ctx.sqlite);
    core.ctx.store.transaction(() => writer.appuntamento(appuntamentoDiProva('nuovo-1', { sedeId: 's1' })));
    expect((await sede({ offset: 1 })).totale).toBe(before.totale + 1);
    core.ctx.store.transaction(() => core.ctx.sqlite.prepare("DELETE FROM appuntamenti WHERE id = 'nuovo-1'").run());
    expect((await sede()).totale).toBe(before.totale);
  });

  it('different filters never share a total', async () => {
    const writer = new CacheWriter(core.ctx.sqlite);
    core.ctx.store.transaction(() => {
      for (let i = 0; i < 3; i++) writer.appuntamento(appuntamentoDiProva(`altro-${i}`, { sedeId: 's2', data: `2026-04-0${i + 1}` }));
    });
    const count = (where: string) => core.ctx.sqlite.prepare(`SELECT count(*) FROM appuntamenti WHERE ${where}`).pluck().get() as number;
    const totals = [
      [(await cerca(core, { sedeId: 's1' })).totale, count("sede_id = 's1'")],
      [(await cerca(core, { sedeId: 's2' })).totale, count("sede_id = 's2'")],
      [(await cerca(core, { sedeId: 's2', dal: '2026-04-03' })).totale, count("sede_id = 's2' AND data >= '2026-04-03'")],
      [(await cerca(core, { sedeId: 's2', al: '2026-04-02' })).totale, count("sede_id = 's2' AND data <= '2026-04-02'")],
      [(await cerca(core, {})).totale, count('1')],
      [(await cercaClienti(core, { testo: FIXTURE.datori[0]!.cognome })).totale, 1],
      [(await cercaClienti(core, {})).totale, FIXTURE.datori.length],
    ];
    for (const [got, expected] of totals) expect(got).toBe(expected);
    expect(new Set(totals.slice(1, 4).map(([n]) => n)).size).toBe(3);
  });

  it('a total counted inside a transaction that rolls back is not kept', async () => {
    const before = (await sede()).totale;
    const writer = new CacheWriter(core.ctx.sqlite);
    expect(() =>
      core.ctx.store.transaction(() => {
        writer.appuntamento(appuntamentoDiProva('annullato-1', { sedeId: 's1' }));
        expect(core.ctx.store.appuntamenti.cerca({ codiceRapporto: '', testo: '', sedeId: 's1', ordine: 'data', limite: 1, offset: 0 }).totale).toBe(
          before + 1,
        );
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect((await sede()).totale).toBe(before);
  });
});

describe('kept totals and another connection', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a commit by another connection changes the total', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-searchcache-'));
    const core = await openTestCore({ dbPath: path.join(dir, 'cassetto.sqlite'), seed: true });
    seedAppuntamenti(core);
    try {
      const before = (await cerca(core, { sedeId: 's1' })).totale;
      const other = new BetterSqlite3(path.join(dir, 'cassetto.sqlite'));
      try {
        other.prepare("DELETE FROM appuntamenti WHERE sede_id = 's1' AND id = (SELECT min(id) FROM appuntamenti WHERE sede_id = 's1')").run();
      } finally {
        other.close();
      }
      expect((await cerca(core, { sedeId: 's1' })).totale).toBe(before - 1);
    } finally {
      await core.close();
    }
  });
});
