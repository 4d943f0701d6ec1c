import { describe, expect, it } from 'vitest';
import { DEMO_INTERMEDIARIO_ID, generateDataset } from '../../common/demo/index';
import type { Change, ChangesPage } from '../../common/remote/changes';
import type { Core } from '../app';
import { openTestCore, useTestCore } from '../testing';
import { INDICI_RINVIABILI } from '../../../db/indiciRinviati';
import { CACHE_CARICAMENTO_KB, CHECKPOINT_CARICAMENTO_PAGINE } from './caricamentoMassivo';
import { pullChanges, type ChangesSource } from './pull';

/** The tiny demo office as the ordered feed the service would send (parents before children). */
function feedOf(): Change[] {
  const ds = generateDataset({ seed: 7, size: 'tiny', today: '2026-03-10' });
  const mine = new Set(ds.deleghe.filter((d) => d.intermediarioId === DEMO_INTERMEDIARIO_ID).map((d) => d.datoreCf));
  const changes: Omit<Change, 'seq'>[] = [
    ...ds.argomenti.map((data) => ({ entity: 'argomento' as const, op: 'upsert' as const, data })),
    ...ds.sedi.map((data) => ({ entity: 'sede' as const, op: 'upsert' as const, data })),
    ...ds.datori.filter((d) => mine.has(d.codiceFiscale)).map((data) => ({ entity: 'datore' as const, op: 'upsert' as const, data })),
    ...ds.deleghe.filter((d) => d.intermediarioId === DEMO_INTERMEDIARIO_ID).map((data) => ({ entity: 'delega' as const, op: 'upsert' as const, data })),
    ...ds.rapporti.filter((r) => mine.has(r.datoreCf)).map((data) => ({ entity: 'rapporto' as const, op: 'upsert' as const, data })),
    ...ds.quesiti.map((data) => ({ entity: 'quesito' as const, op: 'upsert' as const, data })),
    ...ds.appuntamenti.filter((a) => mine.has(a.datoreCf)).map((data) => ({ entity: 'appuntamento' as const, op: 'upsert' as const, data })),
  ];
  const appIds = new Set(changes.filter((c) => c.entity === 'appuntamento').map((c) => (c.data as { id: string }).id));
  changes.push(
    ...ds.comunicazioni.filter((c) => appIds.has(c.appuntamentoId)).map((data) => ({ entity: 'comunicazione' as const, op: 'upsert' as const, data })),
  );
  return changes.map((c, i) => ({ ...c, seq: i + 1 }) as Change);
}

/** Pages the feed by position; optionally fails when asked for a given page. */
function source(feed: Change[], failOnPage?: number): ChangesSource & { calls: number } {
  const s = {
    calls: 0,
    async changes(since: string, limit: number): Promise<ChangesPage> {
      s.calls += 1;
      if (failOnPage !== undefined && s.calls === failOnPage) throw new Error('connection reset');
      const from = since === '' ? 0 : Number(since.slice(2));
      const page = feed.slice(from, from + limit);
      return { changes: page, nextCursor: `c:${from + page.length}`, hasMore: from + page.length < feed.length };
    },
  };
  return s;
}

const core = useTestCore();

const snapshot = (c: Core) =>
  Object.fromEntries(
    ['datori', 'deleghe', 'rapporti', 'quesiti', 'sedi', 'appuntamenti', 'appuntamento_quesiti', 'comunicazioni'].map((t) => [
      t,
      c.ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
    ]),
  );
const cursor = () => core.ctx.sqlite.prepare("SELECT cursore FROM sync_state WHERE stream = 'changes'").pluck().get();

describe('pullChanges', () => {
  it('applies the whole feed page by page and stores the cursor', async () => {
    const feed = feedOf();
    const pages: number[] = [];
    const result = await pullChanges(core.ctx.sqlite, source(feed), core.ctx.clock, { pageSize: 50, onPage: (p) => pages.push(p.changes) });
    expect(result.changes).toBe(feed.length);
    expect(pages.at(-1)).toBe(feed.length);
    expect(cursor()).toBe(`c:${feed.length}`);
    const appuntamenti = feed.filter((c) => c.entity === 'appuntamento').length;
    expect(core.ctx.sqlite.prepare('SELECT count(*) FROM appuntamenti').pluck().get()).toBe(appuntamenti);
    // Nothing new: one empty page, nothing changes.
    const again = await pullChanges(core.ctx.sqlite, source(feed), core.ctx.clock, { pageSize: 50 });
    expect(again).toEqual({ pages: 1, changes: 0, percent: null });
  });

  it('resumes after a failure from the last applied page and converges to the same state', async () => {
    const feed = feedOf();
    await expect(pullChanges(core.ctx.sqlite, source(feed, 3), core.ctx.clock, { pageSize: 40 })).rejects.toThrow('connection reset');
    expect(cursor()).toBe('c:80');
    await pullChanges(core.ctx.sqlite, source(feed), core.ctx.clock, { pageSize: 40 });
    const reference = await openTestCore();
    await pullChanges(reference.ctx.sqlite, source(feed), reference.ctx.clock, { pageSize: 1000 });
    expect(snapshot(core)).toEqual(snapshot(reference));
    await reference.close();
  });

  it('loads the first full sync with a larger cache and WAL, and gives the settings back, after an error too', async () => {
    const sqlite = core.ctx.sqlite;
    const settings = () => ({ cache: sqlite.pragma('cache_size', { simple: true }), checkpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }) });
    const before = settings();
    const seen: ReturnType<typeof settings>[] = [];
    const feed = feedOf();
    await expect(pullChanges(sqlite, source(feed, 3), core.ctx.clock, { pageSize: 40, onPage: () => seen.push(settings()) })).rejects.toThrow(
      'connection reset',
    );
    expect(seen[0]).toEqual({ cache: -CACHE_CARICAMENTO_KB, checkpoint: CHECKPOINT_CARICAMENTO_PAGINE });
    expect(settings()).toEqual(before);
    // Resumed, still the first full sync; then caught up: news, with the usual settings.
    await pullChanges(sqlite, source(feed), core.ctx.clock, { pageSize: 40, onPage: () => seen.push(settings()) });
    expect(seen.at(-1)).toEqual({ cache: -CACHE_CARICAMENTO_KB, checkpoint: CHECKPOINT_CARICAMENTO_PAGINE });
    const later: ReturnType<typeof settings>[] = [];
    await pullChanges(sqlite, source(feed), core.ctx.clock, { pageSize: 40, onPage: () => later.push(settings()) });
    expect(later).toEqual([before]);
    expect(settings()).toEqual(before);
  });

  it('builds the indexes only reads need at the end of the first full sync, after an error too, and leaves them to later pulls', async () => {
    const sqlite = core.ctx.sqlite;
    const presenti = () =>
      INDICI_RINVIABILI.filter((nome) => sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(nome) !== undefined).length;
    const feed = feedOf();
    const during: number[] = [];
    await expect(pullChanges(sqlite, source(feed, 3), core.ctx.clock, { pageSize: 40, onPage: () => during.push(presenti()) })).rejects.toThrow(
      'connection reset',
    );
    expect(during).toEqual([0, 0]);
    // Stopped midway: built again for the screens that read the partial cache.
    expect(presenti()).toBe(INDICI_RINVIABILI.length);
    during.length = 0;
    await pullChanges(sqlite, source(feed), core.ctx.clock, { pageSize: 40, onPage: () => during.push(presenti()) });
    // The last page commits with the indexes built and the statistics of the whole cache.
    expect(during.slice(0, -1).every((n) => n === 0)).toBe(true);
    expect(during.at(-1)).toBe(INDICI_RINVIABILI.length);
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_stat1 WHERE idx = 'appuntamenti_anticipo'").pluck().get()).toBe(1);
    expect(sqlite.prepare('SELECT count(*) FROM indici_rinviati').pluck().get()).toBe(0);
    const later: number[] = [];
    await pullChanges(sqlite, source(feed), core.ctx.clock, { pageSize: 40, onPage: () => later.push(presenti()) });
    expect(later).toEqual([INDICI_RINVIABILI.length]);
  });

  it('rolls back a page with a bad record entirely, cursor included', async () => {
    const full = feedOf();
    const feed = full.slice(0, 30);
    const bad = {
      seq: 36,
      entity: 'rapporto',
      op: 'upsert',
      data: { ...(full.find((c) => c.entity === 'rapporto')!.data as object), codice: '123' },
    } as Change;
    await pullChanges(core.ctx.sqlite, source(feed), core.ctx.clock, { pageSize: 30 });
    const before = snapshot(core);
    const extra = full.slice(30, 35);
    await expect(pullChanges(core.ctx.sqlite, source([...feed, ...extra, bad]), core.ctx.clock, { pageSize: 100 })).rejects.toThrow(/CHECK/);
    expect(snapshot(core)).toEqual(before);
    expect(cursor()).toBe('c:30');
  });

  it('freezes a client’s drafts when the delega is revoked, and gives them back when a new one is active', async () => {
    const feed = feedOf();
    await pullChanges(core.ctx.sqlite, source(feed), core.ctx.clock);
    const delega = feed.find((c) => c.entity === 'delega' && c.data.stato === 'attiva')!.data as Extract<Change, { entity: 'delega' }>['data'];
    const rapporto = core.ctx.sqlite.prepare('SELECT codice FROM rapporti WHERE datore_cf = ?').pluck().get(delega.datoreCf) as string;
    core.ctx.sqlite
      .prepare(
        `INSERT INTO bozze (id, datore_cf, codice_rapporto, stato, nota, creata_il, aggiornata_il) VALUES ('b-1', ?, ?, 'bozza', 'Portare le ricevute', 'x', 'x')`,
      )
      .run(delega.datoreCf, rapporto);
    const next = (seq: number, stato: 'revocata' | 'attiva'): Change => ({ seq, entity: 'delega', op: 'upsert', data: { ...delega, stato } });

    await pullChanges(core.ctx.sqlite, source([...feed, next(feed.length + 1, 'revocata')]), core.ctx.clock);
    expect(core.ctx.sqlite.prepare("SELECT stato, nota, errore_codice, errore_messaggio FROM bozze WHERE id = 'b-1'").get()).toEqual({
      stato: 'congelata',
      nota: 'Portare le ricevute',
      errore_codice: 'DELEGA_NON_ATTIVA',
      errore_messaggio: expect.stringContaining('revocata'),
    });

    await pullChanges(core.ctx.sqlite, source([...feed, next(feed.length + 1, 'revocata'), next(feed.length + 2, 'attiva')]), core.ctx.clock);
    expect(core.ctx.sqlite.prepare("SELECT stato, nota, errore_codice FROM bozze WHERE id = 'b-1'").get()).toEqual({
      stato: 'bozza',
      nota: 'Portare le ricevute',
      errore_codice: null,
    });
  });
});

describe('pull progress', () => {
  it('reports a percentage when the service says how much is left', async () => {
    const feed = feedOf();
    const counting: ChangesSource = {
      async changes(since, limit, _signal, count) {
        const page = await source(feed).changes(since, limit);
        const from = since === '' ? 0 : Number(since.slice(2));
        return count ? { ...page, remaining: feed.length - from } : page;
      },
    };
    const percents: (number | null)[] = [];
    await pullChanges(core.ctx.sqlite, counting, core.ctx.clock, { pageSize: Math.ceil(feed.length / 4), onPage: (p) => percents.push(p.percent) });
    expect(percents).toEqual([25, 50, 75, 100].map((p, i) => (i < 3 ? expect.closeTo(p, -1) : 100)));
    expect(percents).toEqual([...percents].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });
});

describe('pull pipelining (#17)', () => {
  it('asks for the next page before writing this one, and an error while writing ends the page asked ahead', async () => {
    const feed = feedOf();
    const events: string[] = [];
    const aborted: boolean[] = [];
    const base = source(feed);
    const tracing: ChangesSource = {
      async changes(since, limit, signal) {
        events.push(`ask ${since || 'start'}`);
        const page = await base.changes(since, limit);
        await new Promise((resolve) => setTimeout(resolve, 5));
        aborted.push(signal?.aborted ?? false);
        return page;
      },
    };
    const size = Math.ceil(feed.length / 3);
    await pullChanges(core.ctx.sqlite, tracing, core.ctx.clock, { pageSize: size, onPage: (p) => events.push(`wrote ${p.changes}`) });
    // Page 2 is asked for before page 1 is written; the pages are written in order, each once.
    expect(events.slice(0, 3)).toEqual(['ask start', `ask c:${size}`, `wrote ${size}`]);
    expect(events.filter((e) => e.startsWith('wrote'))).toEqual([`wrote ${size}`, `wrote ${2 * size}`, `wrote ${feed.length}`]);
    expect(cursor()).toBe(`c:${feed.length}`);

    // A page that cannot be written: the pull fails with it, the page asked ahead is aborted.
    const other = await openTestCore();
    try {
      const bad = feed.map((c) => (c.seq === 2 ? ({ ...c, data: { ...c.data, codice: null } } as unknown as Change) : c));
      const badSource: ChangesSource = {
        async changes(since, limit, signal) {
          const page = await source(bad).changes(since, limit);
          await new Promise((resolve) => setTimeout(resolve, 5));
          aborted.push(signal?.aborted ?? false);
          return page;
        },
      };
      aborted.length = 0;
      await expect(pullChanges(other.ctx.sqlite, badSource, other.ctx.clock, { pageSize: size })).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(aborted).toEqual([false, true]);
      expect(other.ctx.sqlite.prepare("SELECT cursore FROM sync_state WHERE stream = 'changes'").pluck().get()).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
