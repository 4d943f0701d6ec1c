import { describe, expect, it, vi } from 'vitest';
import type { CommandBridge } from '@common/commands/contract';
import { createCommandClient, detectBridge } from './client';

describe('detectBridge', () => {
  it('uses the Electron preload bridge when the window has one', async () => {
    const ipc: CommandBridge = { invoke: vi.fn(async () => ({ ok: true as const, value: 'via-ipc' })), on: () => () => undefined };
    const bridge = detectBridge({ cassetto: ipc } as unknown as Window);
    expect(bridge).toBe(ipc);
    await expect(createCommandClient(bridge).invoke('app.info', {})).resolves.toBe('via-ipc');
  });

  it('falls back to the browser host over HTTP, with the token from the fragment', async () => {
    const storage = new Map<string, string>();
    const win = {
      location: { hash: '#token=t0k', pathname: '/', search: '' },
      sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
      history: { replaceState: () => undefined },
    } as unknown as Window;
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ ok: true, value: 1 })));
    await createCommandClient(detectBridge(win)).invoke('app.info', {});
    expect(fetchSpy.mock.calls[0]?.[1]).toMatchObject({ headers: { Authorization: 'Bearer t0k' } });
    fetchSpy.mockRestore();
  });

  it('subscribes to one event name through the bridge', () => {
    const on = vi.fn((_event: string, _listener: (payload: unknown) => void) => () => undefined);
    const listener = vi.fn();
    createCommandClient({ invoke: vi.fn(), on }).on('dati.aggiornati', listener);
    expect(on).toHaveBeenCalledWith('dati.aggiornati', expect.any(Function));
    on.mock.calls[0]![1]({});
    expect(listener).toHaveBeenCalledExactlyOnceWith({});
  });
});
