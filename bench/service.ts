// Plain HTTP to the sandbox, for the baselines and for making changes through its admin routes
// (the service is reached on 127.0.0.1 only).
import { DEMO_PASSWORD } from '../electron/common/demo/index';
import type { ChangesPage } from '../electron/common/remote/changes';
import { isStaleConnection } from '../electron/core/gateway/errors';

export const OPERATORE = { username: 'operatore1', password: DEMO_PASSWORD };

/**
 * fetch, sent again once when it went out on a kept-alive connection the sandbox had already
 * closed. After a synchronous stretch longer than the sandbox's keep-alive timeout (a large full
 * sync's raw inserts, the core's open and ANALYZE), the close is still unread when the next request
 * takes that socket, and undici fails it with «other side closed»: it never reached a handler. The
 * app's gateway does the same for its reads and the login (httpGateway.ts); this was row 4's
 * «fetch failed» at large size.
 */
export async function benchFetch(url: URL | string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!isStaleConnection(error)) throw error;
    return fetch(url, init);
  }
}

export async function login(baseUrl: string): Promise<string> {
  const response = await benchFetch(new URL('/v1/sessione', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(OPERATORE),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** The raw text of each page of the feed from `since`, as the wire carries it. */
export async function fetchPageTexts(baseUrl: string, token: string, since: string, limit = 1000): Promise<string[]> {
  const texts: string[] = [];
  let cursor = since;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('since', cursor);
    const response = await benchFetch(new URL(`/v1/changes?${query}`, baseUrl), { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET /v1/changes: ${response.status}`);
    const text = await response.text();
    texts.push(text);
    const page = JSON.parse(text) as ChangesPage;
    if (!page.hasMore) return texts;
    cursor = page.nextCursor;
  }
}

/** `count` comunicazioni from the sede, spread over the given Confermato appointments. */
export async function addComunicazioni(baseUrl: string, appuntamenti: readonly string[], count: number, concurrency = 8): Promise<void> {
  if (appuntamenti.length === 0) throw new Error('no Confermato appointment to add comunicazioni to');
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const id = appuntamenti[i % appuntamenti.length]!;
      const response = await benchFetch(new URL(`/admin/appuntamenti/${encodeURIComponent(id)}/comunicazioni`, baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ testo: `Comunicazione di prova ${i + 1} dalla sede: si prega di portare i documenti.` }),
      });
      if (response.status !== 201) throw new Error(`admin comunicazione on ${id}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
