import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { startSandbox, type SandboxHandle } from '../sandbox/index';
import { CHIAVE_BENCH } from './chiave';
import { startReplay, type Replay } from './replay';
import { login } from './service';
import { fullSyncInto, insertPages } from './sync';

// Row 3's two sides (#17): the app syncing from the replayed feed, and the raw inserts of the same
// bodies, must end with the same cache, or the ratio compares different work.
let sandbox: SandboxHandle;
let replay: Replay;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 2, size: 'small', today: '2026-03-10', admin: true });
  replay = await startReplay(sandbox.url);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-replay-'));
}, 60_000);
afterAll(async () => {
  await replay?.stop();
  await sandbox?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every row of the cache tables both sides write, in a stable order. */
function cache(file: string, chiave: Buffer) {
  return openDatabase({ path: file, chiave }).then(async (opened) => {
    try {
      const all = (sql: string) => opened.sqlite.prepare(sql).all();
      return {
        appuntamenti: all('SELECT * FROM appuntamenti ORDER BY id'),
        links: all('SELECT * FROM appuntamento_quesiti ORDER BY appuntamento_id, quesito_id'),
        storia: all('SELECT appuntamento_id, stato, il, origine, motivo FROM appuntamento_stati ORDER BY 1, 2, 3'),
        quesiti: all('SELECT * FROM quesiti ORDER BY id'),
        comunicazioni: all('SELECT * FROM comunicazioni ORDER BY id'),
        datori: all('SELECT * FROM datori ORDER BY codice_fiscale'),
        deleghe: all('SELECT * FROM deleghe ORDER BY id'),
      };
    } finally {
      await opened.close();
    }
  });
}

/** The feed straight from the sandbox, asked as the app's gateway asks it (conta on the first page). */
async function fromSandbox(): Promise<string[]> {
  const token = await login(sandbox.url);
  const texts: string[] = [];
  for (let since = ''; ;) {
    const query = new URLSearchParams({ limit: '1000' });
    if (since) query.set('since', since);
    else query.set('conta', 'true');
    const text = await (await fetch(`${sandbox.url}/v1/changes?${query}`, { headers: { Authorization: `Bearer ${token}` } })).text();
    texts.push(text);
    const page = JSON.parse(text) as { nextCursor: string; hasMore: boolean };
    if (!page.hasMore) return texts;
    since = page.nextCursor;
  }
}

describe('the replayed feed', () => {
  it('answers the feed with the sandbox’s very bytes, and only to a token the sandbox issued', async () => {
    const texts = await replay.texts();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts).toEqual(await fromSandbox());
    const refused = await fetch(`${replay.url}/v1/changes?limit=1000&conta=true`, { headers: { Authorization: 'Bearer nessuno' } });
    expect(refused.status).toBe(401);
  });

  it('the app synced from it and the raw baseline fed its bodies end with the same cache', async () => {
    const app = path.join(dir, 'app', 'cassetto.sqlite');
    const synced = await fullSyncInto(replay.url, app, CHIAVE_BENCH);
    const texts = await replay.texts();
    const raw = path.join(dir, 'raw.sqlite');
    const opened = await openDatabase({ path: raw, chiave: CHIAVE_BENCH });
    try {
      expect(insertPages(opened.sqlite, texts)).toBe(synced.changes);
    } finally {
      await opened.close();
    }
    const [a, b] = [await cache(app, CHIAVE_BENCH), await cache(raw, CHIAVE_BENCH)];
    // Closed appointments and quesito links with their statistics columns (migration 0011) included.
    expect(a.links.some((l) => (l as { argomento: string | null }).argomento !== null)).toBe(true);
    expect(a.appuntamenti.some((r) => (r as { chiuso_il: string | null }).chiuso_il !== null)).toBe(true);
    expect(b).toEqual(a);
    expect((await replay.check()).replayed).toBeGreaterThanOrEqual(2 * texts.length);
  }, 60_000);

  it('a request for the feed it did not record fails the measurement instead of reaching the sandbox', async () => {
    const unknown = await fetch(`${replay.url}/v1/changes?limit=7`, { headers: { Authorization: `Bearer ${await login(replay.url)}` } });
    expect(unknown.status).toBe(404);
    await expect(replay.check()).rejects.toThrow(/no recorded answer/);
  });
});
