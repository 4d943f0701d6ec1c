// 7. Resident set of the core process (the browser host's process: core + HTTP host) with the
//    dataset open, after the renderer has searched and scrolled through it and after every
//    search of measurement 1 ran in it; against the same process before it opened the database.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Child } from './children';
import type { SearchCase } from './searches';
import { makeRow, type Row } from './table';

/** `limitMB`: DESIGN §7's 250 MB at office size; 300 MB for the large office (#17). */
export async function measureMemory(child: Child<{ rssBefore: number[] }>, cases: readonly SearchCase[], rounds: number, limitMB = 250): Promise<Row[]> {
  const calls = cases.map((c) => [c.command, c.input]);
  // Every search, then the deeper pages of the default list (what scrolling loads).
  for (let r = 0; r < rounds; r++) await child.ask({ op: 'run', calls });
  const deep = Array.from({ length: 20 }, (_, i) => ['appuntamenti.cerca', { limite: 200, offset: i * 5000 }]);
  await child.ask({ op: 'run', calls: deep });
  const before = child.ready.rssBefore.map((b) => b / 2 ** 20);
  const after: number[] = [];
  for (let i = 0; i < before.length; i++) {
    after.push((await child.ask<{ rss: number }>({ op: 'rss' })).rss / 2 ** 20);
    await sleep(50);
  }
  return [
    makeRow({
      group: '7 memory',
      name: 'RSS of the core process, dataset open, after the runs',
      unit: 'MB',
      subject: after,
      baselineName: 'the same process with every module loaded, before opening the database',
      baseline: before,
      target: { better: 'lower', on: 'median', limit: limitMB, maxRatio: null },
    }),
  ];
}
