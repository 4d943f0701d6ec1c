import type { CommandBridge, CommandResult } from '@common/commands/contract';
import { isAppErrorPayload } from '@common/errors';

const TOKEN_KEY = 'cassetto.hostToken';

/**
 * The browser host hands its token in the URL fragment (#token=…), which is never sent to a server.
 * Keep it for this tab only and remove it from the address bar.
 */
export function takeHostToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  }
  return storage.getItem(TOKEN_KEY);
}

const UNREACHABLE: CommandResult = {
  ok: false,
  error: {
    code: 'HOST_NON_RAGGIUNGIBILE',
    message: 'Cassetto Desk non risponde. Controlla che il programma sia ancora in esecuzione e ricarica la pagina.',
    details: [],
  },
};

/** The browser-host transport: POST /api/<command> with the token; events over a fetch stream. */
export function createHttpBridge(token: string | null, fetchImpl: typeof fetch = fetch): CommandBridge {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let stream: AbortController | null = null;
  return {
    async invoke(name, input) {
      let response: Response;
      try {
        response = await fetchImpl(`/api/${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      } catch {
        return UNREACHABLE;
      }
      const body: unknown = await response.json().catch(() => null);
      if (typeof body === 'object' && body !== null && 'ok' in body) {
        const result = body as CommandResult;
        if (result.ok || isAppErrorPayload(result.error)) return result;
      }
      return UNREACHABLE;
    },
    // One stream for all subscriptions, opened with the first and closed with the last.
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (!stream) {
        stream = new AbortController();
        void followEvents(fetchImpl, headers, stream.signal, (name, payload) => {
          for (const l of listeners.get(name) ?? []) l(payload);
        });
      }
      return () => {
        set.delete(listener);
        if ([...listeners.values()].every((s) => s.size === 0)) {
          stream?.abort();
          stream = null;
        }
      };
    },
  };
}

async function followEvents(
  fetchImpl: typeof fetch,
  headers: Record<string, string>,
  signal: AbortSignal,
  listener: (event: string, payload: unknown) => void,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetchImpl('/api/events', { headers, signal });
      if (!response.ok || !response.body) throw new Error('events unavailable');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatchSseBlock(buffer.slice(0, end), listener);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Reconnect below, unless we were asked to stop.
    }
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

export function dispatchSseBlock(block: string, listener: (event: string, payload: unknown) => void): void {
  let event = '';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (!event || data.length === 0) return;
  try {
    listener(event, JSON.parse(data.join('\n')));
  } catch {
    // A malformed event is dropped; the next data refresh repairs the view.
  }
}
