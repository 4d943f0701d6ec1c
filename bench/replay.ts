// The feed replayed from memory for the full-sync rows (#17): see bench/child/replay.ts. Row 3's
// subject and baseline both read the pages the sandbox produced once, byte for byte, so their ratio
// is the app's cost over plain inserts, not the sandbox's page preparation on the same 2 cores.
import type { ChangesPage } from '../electron/common/remote/changes';
import { startChild } from './children';
import { login } from './service';

export interface Replay {
  url: string;
  pages: number;
  bytes: number;
  /** The page texts as the app's gateway receives them (same URLs, same bytes), in feed order. */
  texts(): Promise<string[]>;
  /** Throws if a request for the feed was not one recorded (the measurement would not be what it says). */
  check(): Promise<{ replayed: number; forwarded: number }>;
  stop(): Promise<void>;
}

export async function startReplay(sandboxUrl: string, pageSize = 1000): Promise<Replay> {
  const child = await startChild<{ url: string; pages: number; bytes: number }>('replay.ts', [sandboxUrl, String(pageSize)]);
  const { url, pages, bytes } = child.ready;
  return {
    url,
    pages,
    bytes,
    async texts() {
      const token = await login(url);
      const texts: string[] = [];
      let since = '';
      for (;;) {
        // HttpGateway.changes's query: limit, then since (or conta on the first page).
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (since) query.set('since', since);
        else query.set('conta', 'true');
        const response = await fetch(`${url}/v1/changes?${query}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
        if (!response.ok) throw new Error(`replay GET /v1/changes: ${response.status}`);
        const text = await response.text();
        texts.push(text);
        const page = JSON.parse(text) as ChangesPage;
        if (!page.hasMore) return texts;
        since = page.nextCursor;
      }
    },
    async check() {
      const stats = await child.ask<{ replayed: number; forwarded: number; missed: number }>('stats');
      if (stats.missed > 0) throw new Error(`the replay had no recorded answer for ${stats.missed} request(s) of the feed`);
      return stats;
    },
    stop: () => child.stop(),
  };
}
