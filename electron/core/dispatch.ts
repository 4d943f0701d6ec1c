import type { z } from 'zod';
import { commands, isCommandName, type CommandName } from '../common/commands/table';
import type { CommandResult, CommandScope } from '../common/commands/contract';
import { AppError, toErrorPayload, type ErrorDetail } from '../common/errors';
import type { CoreContext } from './context';
import { handlers } from './handlers/index';
import type { Handler } from './handlers/types';
import { registroComando } from './registro/comando';

export type Dispatch = (name: string, rawInput: unknown) => Promise<CommandResult>;

/**
 * The single entry every transport calls: looks the command up, enforces the caller's scope,
 * validates the payload with the command's schema and maps any failure to `{code, message, details}`.
 */
export function createDispatcher(ctx: CoreContext, callerScope: CommandScope): Dispatch {
  return async (name, rawInput) => {
    // The registro attività records the command once it has run, done or refused (core/registro/azioni.ts).
    const registro = registroComando(ctx, name);
    let input: unknown;
    try {
      const command = resolve(name, callerScope);
      // Only a missing input means "no arguments"; an explicit null is a wrong input.
      const parsed = command.input.safeParse(rawInput === undefined ? {} : rawInput);
      if (!parsed.success) throw invalidInput(parsed.error);
      input = parsed.data;
      const handler = handlers[name as CommandName] as Handler<CommandName>;
      const value = await handler(parsed.data as never, ctx);
      registro.ok(input, value);
      return { ok: true, value };
    } catch (error) {
      const payload = toErrorPayload(error);
      if (payload.code === 'ERRORE_INTERNO') {
        ctx.logger.log('error', 'command failed', { command: safeName(name), error: englishSummary(error) });
      } else {
        ctx.logger.log('info', 'command refused', { command: safeName(name), code: payload.code });
      }
      registro.errore(input, payload.message);
      return { ok: false, error: payload };
    }
  };
}

function resolve(name: string, callerScope: CommandScope) {
  if (!isCommandName(name)) {
    throw new AppError('COMANDO_SCONOSCIUTO', `Comando sconosciuto: «${safeName(name)}».`);
  }
  const command = commands[name];
  if (command.scope === 'ops' && callerScope !== 'ops') {
    throw new AppError('COMANDO_NON_CONSENTITO', 'Questa operazione non è disponibile dall’interfaccia.');
  }
  return command;
}

function invalidInput(error: z.ZodError): AppError {
  const details: ErrorDetail[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = details[0];
  const where = first && first.path ? ` (campo «${first.path}»)` : '';
  return new AppError('INPUT_NON_VALIDO', `Dati non validi${where}: ${first?.message ?? 'controlla i valori inseriti.'}`, details);
}

/** Command names are echoed back; keep them short and printable. */
function safeName(name: string): string {
  return String(name)
    .replace(/[^\w.-]/g, '?')
    .slice(0, 60);
}

function englishSummary(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return 'non-Error thrown';
}
