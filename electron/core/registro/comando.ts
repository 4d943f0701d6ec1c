import type { CommandName } from '../../common/commands/table';
import { AppError } from '../../common/errors';
import type { CoreContext } from '../context';
import type { VoceRegistro } from '../store/registro';
import { aggiornaAncora } from './ancora';
import { REGOLE, type Oggetto, type Regola } from './azioni';

/** What the dispatcher tells the registro about one command, once it has run. */
export interface RegistroComando {
  ok(input: unknown, risultato: unknown): void;
  /** Never throws: a refusal is answered even when it cannot be recorded. */
  errore(input: unknown, messaggio: string): void;
}

/**
 * Called before the handler runs (it notes who is logged in, for the commands that change it).
 * The rows go to the core open after the command: a restore or a login may have opened another
 * database, and the action belongs in the one now in use.
 */
export function registroComando(ctx: CoreContext, name: string): RegistroComando {
  const regola = (REGOLE as Record<string, Regola<CommandName> | undefined>)[name];
  const operatorePrima = regola?.operatorePrima ? (ctx.store.sessione.ultimo()?.username ?? null) : undefined;
  const destinazione = (): CoreContext => ctx.workspace?.contestoCorrente() ?? ctx;

  function scrivi(voci: VoceRegistro[]): void {
    const dest = destinazione();
    if (voci.length > 0) dest.store.registro.registraMolte(voci, dest.clock.now().toISOString());
    aggiornaAncora(dest, regola?.ripartiAncora === true);
  }

  function voci(input: unknown, risultato: unknown, esito: 'ok' | 'errore', messaggio: string | null): VoceRegistro[] {
    if (!regola) return [];
    const dest = destinazione();
    const azione = input !== undefined && regola.azione ? regola.azione(input as never) : name;
    const base = { azione, entita: regola.entita, ...(operatorePrima !== undefined ? { operatore: operatorePrima } : {}) };
    const saltati =
      esito === 'ok' && regola.saltati
        ? regola.saltati(risultato as never, dest.store.registro).map(({ motivo, ...o }) => ({ ...base, ...o, esito: 'errore' as const, dettagli: motivo }))
        : [];
    if (esito === 'ok' && regola.okNelHandler) return saltati;
    const oggetti: Oggetto[] = input !== undefined && regola.oggetti ? regola.oggetti(input as never, dest.store.registro, risultato as never) : [];
    const dettagli = [input !== undefined ? regola.dettagli?.(input as never, risultato as never) : null, messaggio].filter(Boolean).join(' — ') || null;
    const righe = (oggetti.length > 0 ? oggetti : [{ entitaId: null, clienteCf: null }]).map((o) => ({ ...base, ...o, esito, dettagli }));
    return [...righe, ...saltati];
  }

  return {
    ok(input, risultato) {
      try {
        scrivi(voci(input, risultato, 'ok', null));
      } catch (error) {
        ctx.logger.log('error', 'registro row not written', { command: name, error: error instanceof Error ? error.name : 'unknown' });
        // What was not recorded is not handed over: an export or a read fails rather than leave no
        // trace. A change already committed with its own row is answered as done (a retry would repeat it).
        if (!regola?.okNelHandler) {
          throw new AppError('REGISTRO_NON_SCRITTO', 'Non è stato possibile scrivere l’operazione nel registro attività: riprova tra poco.');
        }
      }
    },
    errore(input, messaggio) {
      try {
        scrivi(voci(input, undefined, 'errore', messaggio));
      } catch (error) {
        ctx.logger.log('error', 'registro row of a refusal not written', { command: name, error: error instanceof Error ? error.name : 'unknown' });
      }
    },
  };
}
