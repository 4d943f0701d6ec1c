// 11. What encryption costs (issue #12): the same work through openCore on an encrypted database
//     (the app as shipped, the bench's key) beside a plain one, in the same run, pair by pair —
//     (a) the first full sync into an empty database, both from the feed replayed from memory
//     (bench/replay.ts: the sandbox's page preparation would add the same seconds to both sides and
//     blur the ratio), (b) every search of row 1 on the two
//     databases (a) left behind, which the same feed filled with the same rows (each answer is
//     compared). Target: encrypted ≤ 1.15× plain.
import path from 'node:path';
import { inChiaro } from '../db/cifratura';
import { openCore, type Core } from '../electron/core/app';
import { silentLogger } from '../electron/core/log';
import { CHIAVE_BENCH } from './chiave';
import { paired, timed } from './measure';
import { startReplay } from './replay';
import type { SearchPlan } from './search';
import { idsOf, searchCases, type SearchCase } from './searches';
import { fullSyncInto, removeDb } from './sync';
import { makeRow, type Row, type Target } from './table';

export interface CifraturaPlan {
  syncWarmup: number;
  syncSamples: number;
  search: SearchPlan;
}

const TARGET: Target = { better: 'lower', on: 'median', limit: null, maxRatio: 1.15 };
const GROUP = '11 encryption cost (the same work through openCore, encrypted vs plain database)';

type Log = (line: string) => void;

export async function measureCifratura(url: string, runDir: string, plan: CifraturaPlan, log: Log): Promise<Row[]> {
  const dir = path.join(runDir, 'cifratura');
  const replay = await startReplay(url);
  let synced: Awaited<ReturnType<typeof fullSyncs>>;
  try {
    synced = await fullSyncs(replay.url, dir, plan, log);
    await replay.check();
  } finally {
    await replay.stop();
  }
  try {
    return [synced.row, ...(await searches(synced.encryptedFile, synced.plainFile, plan.search, log))];
  } finally {
    removeDb(synced.encryptedFile);
    removeDb(synced.plainFile);
  }
}

/** (a) Paired first full syncs; the last database of each side is kept for (b). */
async function fullSyncs(url: string, dir: string, plan: CifraturaPlan, log: Log): Promise<{ row: Row; encryptedFile: string; plainFile: string }> {
  let n = 0;
  let encryptedFile = '';
  let plainFile = '';
  const changes = new Set<number>();
  // Each side in a folder of its own: removeDb also removes the attachments folder beside the file.
  const sync = async (chiave: Buffer | undefined, previous: string): Promise<{ file: string; ms: number }> => {
    if (previous) removeDb(previous);
    const file = path.join(dir, `${chiave ? 'cifrato' : 'in-chiaro'}-${n++}`, 'cassetto.sqlite');
    const done = await fullSyncInto(url, file, chiave);
    changes.add(done.changes);
    log(`  full sync, ${chiave ? 'encrypted' : 'plain'}: ${done.changes.toLocaleString('en-US')} changes in ${Math.round(done.ms)} ms`);
    return { file, ms: done.ms };
  };
  const result = await paired({
    warmup: plan.syncWarmup,
    samples: plan.syncSamples,
    subject: async () => {
      const s = await sync(CHIAVE_BENCH, encryptedFile);
      encryptedFile = s.file;
      return s.ms;
    },
    baseline: async () => {
      const s = await sync(undefined, plainFile);
      plainFile = s.file;
      return s.ms;
    },
  });
  // The two sides must be what their names say (a plain file has SQLite's header in clear).
  if (inChiaro(encryptedFile) || !inChiaro(plainFile)) throw new Error('the «encrypted» database is plain or the «plain» one is not');
  const counts = [...changes];
  const row = makeRow({
    group: GROUP,
    name: `first full sync, ${counts.map((c) => c.toLocaleString('en-US')).join('/')} changes, encrypted`,
    unit: 'ms',
    subject: result.subject,
    baselineName: 'the same first full sync (openCore, sync.ora’s work, the same replayed feed) into an empty plain database',
    baseline: result.baseline,
    target: TARGET,
    ...(counts.length > 1 ? { warning: `the syncs applied different numbers of changes (${counts.join(', ')})` } : {}),
  });
  log(`  full sync: encrypted median ${Math.round(row.median)} ms, plain ${Math.round(row.baseline.median)} ms, ratio ${row.ratio.toFixed(2)}`);
  return { row, encryptedFile, plainFile };
}

/** (b) Each search of row 1 through the dispatcher on both databases, the same rows expected. */
async function searches(encryptedFile: string, plainFile: string, plan: SearchPlan, log: Log): Promise<Row[]> {
  // Offline cores (no gateway): nothing but the searches runs on them. The full integrity check
  // is left out, as the desktop app runs it after start-up.
  const encrypted = await openCore({ dbPath: encryptedFile, chiave: CHIAVE_BENCH, logger: silentLogger, integrityCheck: 'later' });
  try {
    const plain = await openCore({ dbPath: plainFile, logger: silentLogger, integrityCheck: 'later' });
    try {
      const cases = searchCases(plain.ctx.sqlite);
      const rows: Row[] = [];
      const [e, p] = [encrypted.dispatcher('app'), plain.dispatcher('app')];
      for (const c of cases) rows.push(await search(e, p, c, plan, log));
      return rows;
    } finally {
      await plain.close();
    }
  } finally {
    await encrypted.close();
  }
}

type Dispatch = ReturnType<Core['dispatcher']>;

async function search(encrypted: Dispatch, plain: Dispatch, c: SearchCase, plan: SearchPlan, log: Log): Promise<Row> {
  const answer = async (dispatch: Dispatch) => {
    const a = await dispatch(c.command, c.input);
    if (!a.ok) throw new Error(`${c.command} ${JSON.stringify(c.input)}: ${a.error.message}`);
    return idsOf(c, a.value);
  };
  const a = await answer(encrypted);
  const b = await answer(plain);
  const mismatch =
    a.totale !== b.totale || a.ids.join() !== b.ids.join()
      ? `the two databases answered differently (totals ${a.totale} vs ${b.totale}): not the same data`
      : null;
  const result = await paired({
    warmup: plan.warmup,
    samples: plan.samples,
    subject: timed(() => encrypted(c.command, c.input)),
    baseline: timed(() => plain(c.command, c.input)),
  });
  const row = makeRow({
    group: GROUP,
    name: `search, encrypted: ${c.command === 'appuntamenti.cerca' ? 'appuntamenti: ' : ''}${c.name}`,
    unit: 'ms',
    subject: result.subject,
    baselineName: 'the same search through the dispatcher on a plain database synced from the same feed (same rows)',
    baseline: result.baseline,
    target: TARGET,
    ...(mismatch ? { warning: mismatch } : {}),
  });
  log(`  ${row.name}: median ${row.median.toFixed(2)} ms vs ${row.baseline.median.toFixed(2)} ms plain, ratio ${row.ratio.toFixed(2)}`);
  return row;
}
