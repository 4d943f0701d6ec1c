import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandBridge, CommandResult } from '../common/commands/contract';
import type { AppEvent } from '../common/events';
import { BRIDGE_KEY, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../common/ipc';

// Runs sandboxed, bundled as CommonJS. Exposes one typed call and one subscription —
// never ipcRenderer itself, so the page cannot reach other channels.
const bridge: CommandBridge = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, String(name), input) as Promise<CommandResult>,
  on: (event, listener) => {
    const name = String(event);
    const handler = (_event: IpcRendererEvent, message: AppEvent) => {
      if (message.event === name) listener(message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
