// 5. Core cold start on the synced (encrypted) database: each sample in a fresh process (the OS
//    page cache stays warm, as on a PC where the app was used today). Both sides open the file
//    with the bench's key: deriving nothing (a raw key), but every page read is decrypted.
import { chiaveEnv } from './chiave';
import { runChild } from './children';
import { paired } from './measure';
import { makeRow, type Row } from './table';

export interface ColdStartPlan {
  warmup: number;
  samples: number;
}

interface Answer {
  ms: number;
  openMs: number;
}

export async function measureColdStart(dbPath: string, plan: ColdStartPlan, log: (line: string) => void): Promise<Row[]> {
  const opens: number[] = [];
  const result = await paired({
    warmup: plan.warmup,
    samples: plan.samples,
    subject: async () => {
      const a = await runChild<Answer>('coldstart.ts', [dbPath, 'core'], chiaveEnv());
      opens.push(a.openMs);
      return a.ms;
    },
    baseline: async () => (await runChild<Answer>('coldstart.ts', [dbPath, 'raw'], chiaveEnv())).ms,
  });
  const sorted = [...opens].sort((a, b) => a - b);
  log(`  cold start: openCore alone (checks, pragmas, migrations) median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN)} ms`);
  return [
    makeRow({
      group: '5 core cold start (fresh process, synced encrypted database)',
      name: 'openCore + first page of appuntamenti.cerca',
      unit: 'ms',
      subject: result.subject,
      baselineName: 'better-sqlite3 open + the same key and pragmas + a hand-written first page and count',
      baseline: result.baseline,
      target: { better: 'lower', on: 'median', limit: 300, maxRatio: null },
    }),
  ];
}
