import { AppError } from '../common/errors';
import type { Core } from '../core/app';

export interface CliDeps {
  openCore(dbPath: string | undefined): Promise<Core>;
  commands: string[];
  write(line: string): void;
}

/**
 * Commands whose answer can be a finding rather than a failure: the command ran, but what it found
 * must stop a script that runs it (e.g. a scheduled chain check). Those exit with 3.
 */
const TROVATO_PROBLEMA: Record<string, (value: unknown) => boolean> = {
  'registro.verifica': (value) => (value as { integro?: boolean }).integro === false,
};

const USAGE = "Uso: npm run cli -- <comando> '<input JSON>' [--data FILE]";

/** The CLI transport, separated from process wiring so tests can drive it. Returns the exit code. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const args = [...argv];
  let dbPath: string | undefined;
  const dataFlag = args.indexOf('--data');
  if (dataFlag >= 0) {
    dbPath = args[dataFlag + 1];
    args.splice(dataFlag, 2);
  }
  const [name, rawJson] = args;
  if (!name || name === '--help' || name === 'help') {
    const help = { uso: USAGE, comandi: deps.commands };
    deps.write(
      JSON.stringify(
        name
          ? { ok: true, value: help }
          : {
              ok: false,
              error: { code: 'INPUT_NON_VALIDO', message: `Manca il comando. ${USAGE}`, details: [{ path: '', message: deps.commands.join(', ') }] },
            },
      ),
    );
    return name ? 0 : 2;
  }
  let input: unknown = {};
  if (rawJson !== undefined) {
    try {
      input = JSON.parse(rawJson);
    } catch {
      deps.write(JSON.stringify({ ok: false, error: new AppError('JSON_NON_VALIDO', `L’input non è JSON valido. ${USAGE}`).toPayload() }));
      return 2;
    }
  }
  const core = await deps.openCore(dbPath);
  try {
    const result = await core.dispatcher('ops')(name, input);
    deps.write(JSON.stringify(result));
    if (result.ok) return TROVATO_PROBLEMA[name]?.(result.value) ? 3 : 0;
    return result.error.code === 'INPUT_NON_VALIDO' || result.error.code === 'COMANDO_SCONOSCIUTO' ? 2 : 1;
  } finally {
    await core.close();
  }
}
