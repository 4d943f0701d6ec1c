import type { CommandBridge } from '@common/commands/contract';
import type { AppCommandName, CommandInput, CommandOutput } from '@common/commands/table';
import type { ErrorDetail } from '@common/errors';
import type { EventMap, EventName } from '@common/events';
import { BRIDGE_KEY } from '@common/ipc';
import { createHttpBridge, takeHostToken } from './httpBridge';

/** A refused command, with the operator's message in Italian and the fields at fault. */
export class CommandError extends Error {
  readonly code: string;
  readonly details: ErrorDetail[];
  constructor(code: string, message: string, details: ErrorDetail[]) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.details = details;
  }
}

export interface CommandClient {
  invoke<N extends AppCommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export function createCommandClient(bridge: CommandBridge): CommandClient {
  return {
    async invoke(name, input) {
      const result = await bridge.invoke(name, input);
      if (!result.ok) throw new CommandError(result.error.code, result.error.message, result.error.details);
      return result.value as never;
    },
    on(event, listener) {
      return bridge.on(event, (payload) => listener(payload as never));
    },
  };
}

/** Electron's preload bridge when present, else the browser host over HTTP. */
export function detectBridge(win: Window): CommandBridge {
  const electronBridge = (win as unknown as Record<string, CommandBridge | undefined>)[BRIDGE_KEY];
  if (electronBridge) return electronBridge;
  return createHttpBridge(takeHostToken(win.location, win.sessionStorage, win.history));
}

let current: CommandClient | null = null;

export function setCommandClient(client: CommandClient): void {
  current = client;
}

export function useCommandClient(): CommandClient {
  if (!current) throw new Error('command client not initialised');
  return current;
}
