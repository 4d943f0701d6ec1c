import { describe, expect, it, vi } from 'vitest';
import { createCommandClient, CommandError } from './client';
import { createHttpBridge, dispatchSseBlock, takeHostToken } from './httpBridge';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('takeHostToken', () => {
  it('moves the token from the fragment into session storage and cleans the address bar', () => {
    const storage = memoryStorage();
    const replaceState = vi.fn();
    const token = takeHostToken({ hash: '#token=abc_DEF-123', pathname: '/', search: '' } as Location, storage, { replaceState } as unknown as History);
    expect(token).toBe('abc_DEF-123');
    expect(storage.getItem('cassetto.hostToken')).toBe('abc_DEF-123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/#/');
  });

  it('keeps the stored token on reload (no fragment)', () => {
    const storage = memoryStorage();
    storage.setItem('cassetto.hostToken', 'kept');
    const replaceState = vi.fn();
    expect(takeHostToken({ hash: '#/clienti', pathname: '/', search: '' } as Location, storage, { replaceState } as unknown as History)).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
  });
});

describe('http bridge', () => {
  it('posts the command with the token and unwraps the value', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { totale: 3 } }), { status: 200 }));
    const client = createCommandClient(createHttpBridge('tok', fetchImpl as unknown as typeof fetch));
    await expect(client.invoke('clienti.cerca', { testo: 'x' })).resolves.toEqual({ totale: 3 });
    expect(fetchImpl).toHaveBeenCalledWith('/api/clienti.cerca', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok' },
      body: '{"testo":"x"}',
    });
  });

  it('turns a refusal into a CommandError with the Italian message and fields', async () => {
    const error = { code: 'INPUT_NON_VALIDO', message: 'Dati non validi', details: [{ path: 'testo', message: 'troppo lungo' }] };
    const fetchImpl = async () => new Response(JSON.stringify({ ok: false, error }), { status: 400 });
    const client = createCommandClient(createHttpBridge('tok', fetchImpl as unknown as typeof fetch));
    const thrown = await client.invoke('clienti.cerca', {}).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(CommandError);
    expect(thrown).toMatchObject({ code: 'INPUT_NON_VALIDO', message: 'Dati non validi', details: error.details });
  });

  it('says the host is unreachable when the connection fails or the answer is not ours', async () => {
    for (const fetchImpl of [
      async () => {
        throw new TypeError('fetch failed');
      },
      async () => new Response('<html>proxy error</html>', { status: 502 }),
    ]) {
      const result = await createHttpBridge('tok', fetchImpl as unknown as typeof fetch).invoke('app.info', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'HOST_NON_RAGGIUNGIBILE' } });
    }
  });
});

describe('dispatchSseBlock', () => {
  it('delivers a named event with its JSON payload and ignores comments and junk', () => {
    const listener = vi.fn();
    dispatchSseBlock('event: dati.aggiornati\ndata: {}', listener);
    dispatchSseBlock(': ping', listener);
    dispatchSseBlock('event: x\ndata: {not json', listener);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith('dati.aggiornati', {});
  });
});
