import type { z } from 'zod';
import type { AppErrorPayload } from '../errors';

/**
 * Who may call a command. `app`: the renderer (IPC, browser host) and the CLI.
 * `ops`: operations only (CLI, tests) — e.g. loading demo data — never the renderer.
 */
export type CommandScope = 'app' | 'ops';

export interface CommandDef<I extends z.ZodType = z.ZodType, O = unknown, S extends CommandScope = CommandScope> {
  readonly input: I;
  readonly scope: S;
  readonly summary: string;
  /** Phantom: carries the output type; never set at run time. */
  readonly output?: O;
}

/**
 * Declares a command: `command<Output>()({ input, summary })`.
 * Curried so the output type is explicit while the input schema type is inferred.
 */
export function command<O>() {
  return <I extends z.ZodType, S extends CommandScope = 'app'>(def: { input: I; summary: string; scope?: S }): CommandDef<I, O, S> => ({
    input: def.input,
    summary: def.summary,
    scope: (def.scope ?? 'app') as S,
  });
}

export type CommandResult<O = unknown> = { ok: true; value: O } | { ok: false; error: AppErrorPayload };

/** What both transports expose to the renderer: one call, and a subscription per event name. */
export interface CommandBridge {
  invoke(name: string, input: unknown): Promise<CommandResult>;
  /** Returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
