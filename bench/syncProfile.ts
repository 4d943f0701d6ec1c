// One first full sync of the office feed replayed from memory (bench/replay.ts), for profiling (#17):
// `node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/syncProfile.ts [--size office] [--plain] [--live] [--raw]`
// --live syncs from the sandbox itself; --raw runs the raw-insert baseline on the same pages instead;
// --out FILE keeps the synced database (FILE must not exist).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { DatasetSize } from '../electron/common/demo/index';
import { openDatabase } from '../db/connection';
import { CHIAVE_BENCH } from './chiave';
import { startChild } from './children';
import { prepareDataset, runFolder, workingCopy } from './dataset';
import { startReplay } from './replay';
import { fullSyncInto, insertPages } from './sync';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'office' },
    plain: { type: 'boolean', default: false },
    live: { type: 'boolean', default: false },
    raw: { type: 'boolean', default: false },
    /** Where to leave the synced database (default: removed with the run's folder). */
    out: { type: 'string' },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const size = values.size as DatasetSize;
const dataset = prepareDataset(size, 1, log);
const run = runFolder();
const sandbox = await startChild<{ url: string }>('sandbox.ts', [workingCopy(dataset, run.dir), size, '1']);
const replay = await startReplay(sandbox.ready.url);
try {
  log(`replay: ${replay.pages} pages, ${(replay.bytes / 1e6).toFixed(1)} MB`);
  const file = values.out ? path.resolve(values.out) : path.join(run.dir, 'client', 'cassetto.sqlite');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (values.raw) {
    const texts = await replay.texts();
    const opened = await openDatabase({ path: file, ...(values.plain ? {} : { chiave: CHIAVE_BENCH }) });
    try {
      const t0 = performance.now();
      const n = insertPages(opened.sqlite, texts);
      const ms = performance.now() - t0;
      log(`raw: ${n} changes in ${Math.round(ms)} ms = ${Math.round((n / ms) * 1000)}/s`);
    } finally {
      await opened.close();
    }
  } else {
    const done = await fullSyncInto(values.live ? sandbox.ready.url : replay.url, file, values.plain ? undefined : CHIAVE_BENCH);
    log(`sync: ${done.changes} changes in ${Math.round(done.ms)} ms = ${Math.round((done.changes / done.ms) * 1000)}/s`);
    log(`replay requests: ${JSON.stringify(await replay.check())}`);
  }
} finally {
  await replay.stop();
  await sandbox.stop();
  run.remove();
}
