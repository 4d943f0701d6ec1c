import type { ComunicazioneThread } from '../../common/commands/types';
import { OutboxStore, type ComunicazioneInCoda } from './outbox';
import type { Queries } from './queries';

type Inviata = Pick<ComunicazioneThread, 'id' | 'autore' | 'testo' | 'inviataIl'>;

/**
 * An appointment's thread: the comunicazioni the service has (cache), the operator's replies
 * still in the outbox («in invio», last) and the ones it refused («non inviata», with the reason).
 */
export function threadComunicazioni(q: Queries, appuntamentoId: string): ComunicazioneThread[] {
  const inviate = q.all(
    q.db
      .selectFrom('comunicazioni')
      .select(['id', 'autore', 'testo', 'inviata_il as inviataIl'])
      .where('appuntamento_id', '=', appuntamentoId)
      .orderBy('inviata_il')
      .orderBy('id'),
  );
  return unisciThread(inviate, new OutboxStore(q).comunicazioniPer(appuntamentoId));
}

/**
 * The service gives its own id to a comunicazione, so a queued reply and the service's copy are
 * matched by text. The push writes the copy and retires the row in one transaction; but when an
 * answer was lost after the service committed, the feed can bring the copy while the row still
 * waits for its retry (which will get the same copy back, by idempotency key). So the replies of
 * ours in the cache that no sent row accounts for stand for the oldest waiting rows of the same
 * text, and those are not shown again: a reply never appears twice.
 */
export function unisciThread(inviate: readonly Inviata[], coda: readonly ComunicazioneInCoda[]): ComunicazioneThread[] {
  const senzaRiga = new Map<string, number>();
  const conta = (testo: string, n: number) => senzaRiga.set(testo, (senzaRiga.get(testo) ?? 0) + n);
  for (const c of inviate) if (c.autore === 'intermediario') conta(c.testo, 1);
  for (const r of coda) if (r.stato === 'fatto') conta(r.testo, -1);

  const thread: ComunicazioneThread[] = inviate.map((c) => ({ ...c, stato: 'inviata', motivo: null }));
  const rifiutate = coda
    .filter((r) => r.stato === 'fallito')
    .map((r): ComunicazioneThread => ({ ...locale(r), stato: 'non_inviata', motivo: motivo(r.errore) }));
  const inInvio: ComunicazioneThread[] = [];
  for (const r of coda) {
    if (r.stato !== 'in_attesa') continue;
    if ((senzaRiga.get(r.testo) ?? 0) > 0) conta(r.testo, -1);
    else inInvio.push({ ...locale(r), stato: 'in_invio', motivo: null });
  }
  // Not yet in the sede's thread: after everything that is, in the order they were written.
  return [...[...thread, ...rifiutate].sort((a, b) => (a.inviataIl < b.inviataIl ? -1 : a.inviataIl > b.inviataIl ? 1 : 0)), ...inInvio];
}

function locale(r: ComunicazioneInCoda): Inviata {
  return { id: r.id, autore: 'intermediario', testo: r.testo, inviataIl: r.creataIl };
}

/** The row stores 'CODE: detail'; the operator reads the service's detail. */
function motivo(errore: string | null): string {
  return errore?.replace(/^[A-Z0-9_]+: /, '') || 'Il servizio ha rifiutato la comunicazione.';
}
