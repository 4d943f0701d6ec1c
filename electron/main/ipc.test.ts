import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult } from '../common/commands/contract';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../common/ipc';
import { FIXTURE, useTestCore } from '../core/testing';

// The Electron binary cannot run here: stand in for ipcMain and drive the real transport code.
const handlers = new Map<string, (...args: unknown[]) => Promise<CommandResult>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => Promise<CommandResult>) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpc } = await import('./ipc');

const INDEX = 'cassetto://app/index.html';
const core = useTestCore({ seed: true });
let unregister: () => void;
const sent: unknown[] = [];
const window = { isDestroyed: () => false, webContents: { send: (channel: string, message: unknown) => sent.push([channel, message]) } };

function eventFrom(url: string, mainFrame = true) {
  return { senderFrame: { url, parent: mainFrame ? null : { url: INDEX } } };
}
const invoke = (event: unknown, name: unknown, input: unknown) => handlers.get(IPC_INVOKE_CHANNEL)!(event, name, input);

beforeEach(() => {
  unregister = registerIpc(core, { appOrigin: 'cassetto://app' }, () => window as never);
});
afterEach(() => {
  unregister();
  sent.length = 0;
});

describe('IPC transport', () => {
  it('dispatches a command from the app page through the command table', async () => {
    const result = await invoke(eventFrom(`${INDEX}#/clienti`), 'clienti.cerca', { testo: 'rossi' });
    expect(result).toMatchObject({ ok: true, value: { totale: 1 } });
  });

  it('refuses calls from another page or from a subframe', async () => {
    expect(await invoke(eventFrom('file:///tmp/evil.html'), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'NON_AUTORIZZATO' } });
    expect(await invoke(eventFrom('file:///opt/cassetto/out/renderer/index.html'), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'NON_AUTORIZZATO' },
    });
    expect(await invoke(eventFrom(INDEX, false), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'NON_AUTORIZZATO' } });
  });

  it('refuses wrong types, unknown commands and non-string names', async () => {
    expect(await invoke(eventFrom(INDEX), 'clienti.cerca', { limite: 'x' })).toMatchObject({ ok: false, error: { code: 'INPUT_NON_VALIDO' } });
    expect(await invoke(eventFrom(INDEX), 'nessuno', {})).toMatchObject({ ok: false, error: { code: 'COMANDO_SCONOSCIUTO' } });
    expect(await invoke(eventFrom(INDEX), { toString: () => 'app.info' }, {})).toMatchObject({ ok: false, error: { code: 'COMANDO_SCONOSCIUTO' } });
  });

  it('never lets the renderer run operations-only commands', async () => {
    expect(await invoke(eventFrom(INDEX), 'demo.carica', { dimensione: 'tiny' })).toMatchObject({ ok: false, error: { code: 'COMANDO_NON_CONSENTITO' } });
    expect(core.ctx.sqlite.prepare('SELECT count(*) FROM datori').pluck().get()).toBe(FIXTURE.datori.length);
  });

  it('forwards core events to the window on one channel', () => {
    core.events.emit('dati.aggiornati', {});
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, { event: 'dati.aggiornati', payload: {} }]]);
  });
});
