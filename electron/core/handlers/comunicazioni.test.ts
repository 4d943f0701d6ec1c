import { beforeEach, describe, expect, it } from 'vitest';
import type { AppuntamentoDettaglioLocale, Cambiamento } from '../../common/commands/types';
import { COMUNICAZIONE_MAX, type Appuntamento, type Comunicazione } from '../../common/model';
import type { Clock } from '../clock';
import { GatewayError } from '../gateway/errors';
import { CacheWriter } from '../store/cacheWriter';
import { PageApplier } from '../sync/applyPage';
import { pushOutbox, type OutboxTarget } from '../sync/push';
import { appuntamentoDiProva, FIXTURE, sedeDiProva, TEST_NOW, useTestCore } from '../testing';

// «Rispondi alla sede» in the core: the command, the outbox row, the push against a fake service
// that keeps its own copy by idempotency key (as the sandbox does), and the thread the detail shows.
const core = useTestCore({ seed: true });

const esposito = FIXTURE.datori[2];
const appuntamento = (id: string, extra: Partial<Appuntamento> = {}) => appuntamentoDiProva(id, { sedeId: 's', ...extra });

beforeEach(() => {
  const writer = new CacheWriter(core.ctx.sqlite);
  writer.sede(sedeDiProva({ id: 's', nome: 'Sede', indirizzo: 'Via Roma 1' }));
  writer.appuntamento(appuntamento('app-1'));
  writer.appuntamento(appuntamento('app-cancellato', { stato: 'cancellato', cancellatoDa: 'sede', motivoStato: 'Sede chiusa' }));
  writer.appuntamento(appuntamento('app-revocata', { codiceRapporto: '5555555555', datoreCf: esposito!.codiceFiscale }));
});

/** The service's side: one comunicazione per idempotency key, a replay returns it again. */
class FakeSede implements OutboxTarget {
  readonly byKey = new Map<string, Comunicazione>();
  readonly calls: string[] = [];
  offline = false;
  /** Commit, then lose the answer (a connection dropped after the service's commit). */
  loseNextAnswer = false;
  refuse: GatewayError | null = null;

  async inviaComunicazione(appuntamentoId: string, key: string, testo: string): Promise<Comunicazione> {
    this.calls.push(key);
    if (this.offline) throw new GatewayError({ kind: 'transient', status: 0, code: 'RETE_NON_DISPONIBILE', detail: 'Servizio non raggiungibile.' });
    const stored = this.byKey.get(key);
    if (stored) return stored;
    if (this.refuse) throw this.refuse;
    const c: Comunicazione = { id: `com-s${this.byKey.size + 1}`, appuntamentoId, autore: 'intermediario', testo, inviataIl: '2026-03-10T09:00:05.000Z' };
    this.byKey.set(key, c);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new GatewayError({ kind: 'transient', status: 0, code: 'RETE_NON_DISPONIBILE', detail: 'Connessione interrotta.' });
    }
    return c;
  }
  creaAppuntamento(): never {
    throw new Error('not used');
  }
  cancellaAppuntamento(): never {
    throw new Error('not used');
  }
  caricaAllegato(): never {
    throw new Error('not used');
  }
}

let sede: FakeSede;
let minutes = 0;
const clock: Clock = { now: () => new Date(Date.parse(TEST_NOW) + minutes * 60_000) };
beforeEach(() => {
  sede = new FakeSede();
  minutes = 0;
});

const comunica = (appuntamentoId: string, testo: string) => core.dispatcher('app')('appuntamento.comunica', { appuntamentoId, testo });
/** A push round, an hour later each time: every retry is due. */
const push = () => {
  minutes += 60;
  return pushOutbox(core.ctx.store, sede, core.ctx.allegati, clock, () => 0);
};
async function thread(id = 'app-1') {
  const result = await core.dispatcher('app')('appuntamento.dettaglio', { id });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as AppuntamentoDettaglioLocale).comunicazioni.map(({ autore, testo, stato, motivo }) => ({ autore, testo, stato, motivo }));
}
const outbox = () => core.ctx.sqlite.prepare("SELECT entita_id AS entita, idempotency_key AS k, stato FROM outbox WHERE tipo = 'comunicazione'").all();
const audit = () => core.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE azione = 'appuntamento.comunica' AND esito = 'ok'").pluck().get();

describe('appuntamento.comunica', () => {
  it('queues the reply on a Confermato appointment: «in invio» in the thread, one outbox row keyed by its id, one audit row', async () => {
    const result = await comunica('app-1', '  Il cliente porterà il modello F24.  ');
    expect(result).toMatchObject({ ok: true, value: { inInvio: true } });
    const id = result.ok ? (result.value as { id: string }).id : '';
    expect(outbox()).toEqual([{ entita: 'app-1', k: id, stato: 'in_attesa' }]);
    expect(audit()).toBe(1);
    expect(await thread()).toEqual([{ autore: 'intermediario', testo: 'Il cliente porterà il modello F24.', stato: 'in_invio', motivo: null }]);
  });

  it.each([
    ['an empty text', '', 'Scrivi il testo della comunicazione.'],
    ['blanks only', ' \n\t ', 'Scrivi il testo della comunicazione.'],
    ['a text over the cap', 'x'.repeat(COMUNICAZIONE_MAX + 1), `La comunicazione può avere al massimo ${COMUNICAZIONE_MAX} caratteri.`],
  ])('refuses %s with the Italian message and queues nothing', async (_label, testo, message) => {
    expect(await comunica('app-1', testo)).toEqual({
      ok: false,
      error: { code: 'INPUT_NON_VALIDO', message: expect.stringContaining(message), details: [{ path: 'testo', message }] },
    });
    expect(outbox()).toEqual([]);
    expect(audit()).toBe(0);
  });

  it('accepts a text of exactly the cap', async () => {
    expect(await comunica('app-1', 'x'.repeat(COMUNICAZIONE_MAX))).toMatchObject({ ok: true });
  });

  it.each([
    ['an appointment not in the cache', 'app-nessuno', 'NON_TROVATO'],
    ['an appointment no longer Confermato', 'app-cancellato', 'STATO_NON_MODIFICABILE'],
    ['a client whose delega is not active', 'app-revocata', 'DELEGA_NON_ATTIVA'],
  ])('refuses a reply on %s, locally, and queues nothing', async (_label, id, code) => {
    const result = await comunica(id, 'Buongiorno');
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/\S/) } });
    expect(outbox()).toEqual([]);
  });

  it('refuses a reply while the appointment’s cancellation is queued', async () => {
    expect(await core.dispatcher('app')('appuntamento.cancella', { id: 'app-1' })).toMatchObject({ ok: true });
    expect(await comunica('app-1', 'Buongiorno')).toMatchObject({
      ok: false,
      error: { code: 'STATO_NON_MODIFICABILE', message: expect.stringMatching(/cancellazione/) },
    });
    expect(outbox()).toEqual([]);
  });
});

describe('a reply through the outbox', () => {
  it('is sent once when the answer is lost and the push retried, and shown once even when the feed brings it first', async () => {
    await comunica('app-1', 'Arriveremo alle 9.');
    sede.loseNextAnswer = true;
    expect(await push()).toMatchObject({ sent: 0, retried: 1 });
    expect(await thread()).toEqual([{ autore: 'intermediario', testo: 'Arriveremo alle 9.', stato: 'in_invio', motivo: null }]);
    // The feed brings the service's copy before the retry: one message, sent.
    const [copy] = sede.byKey.values();
    new PageApplier(core.ctx.sqlite).apply(
      { changes: [{ seq: 1, entity: 'comunicazione', op: 'upsert', data: copy! }], nextCursor: 'c1', hasMore: false },
      TEST_NOW,
    );
    expect(await thread()).toEqual([{ autore: 'intermediario', testo: 'Arriveremo alle 9.', stato: 'inviata', motivo: null }]);
    // The retry gets the same comunicazione back (same key), and a second answer changes nothing.
    expect(await push()).toMatchObject({ sent: 1 });
    expect(await push()).toMatchObject({ sent: 0 });
    expect(new Set(sede.calls).size).toBe(1);
    expect(sede.calls).toHaveLength(2);
    expect(sede.byKey.size).toBe(1);
    expect(outbox()).toEqual([expect.objectContaining({ stato: 'fatto' })]);
    expect(await thread()).toEqual([{ autore: 'intermediario', testo: 'Arriveremo alle 9.', stato: 'inviata', motivo: null }]);
  });

  it('offline: stays «in invio» through failed rounds and goes out when the service is back', async () => {
    await comunica('app-1', 'Il cliente chiede un interprete.');
    sede.offline = true;
    expect(await push()).toMatchObject({ sent: 0, stoppedBy: 'offline' });
    expect(await push()).toMatchObject({ sent: 0, stoppedBy: 'offline' });
    expect(await thread()).toEqual([expect.objectContaining({ stato: 'in_invio' })]);
    // «1 in coda» names the client, as for a booking or a cancellation.
    expect(core.ctx.store.outbox.coda(10)).toEqual([
      expect.objectContaining({ tipo: 'comunicazione', appuntamentoId: 'app-1', codiceRapporto: '0000123456', cliente: 'Rossi Mario', tentativi: 2 }),
    ]);
    sede.offline = false;
    expect(await push()).toMatchObject({ sent: 1 });
    const detail = await core.dispatcher('app')('appuntamento.dettaglio', { id: 'app-1' });
    expect(detail.ok && (detail.value as AppuntamentoDettaglioLocale).comunicazioni).toEqual([
      {
        id: 'com-s1',
        autore: 'intermediario',
        testo: 'Il cliente chiede un interprete.',
        inviataIl: '2026-03-10T09:00:05.000Z',
        stato: 'inviata',
        motivo: null,
      },
    ]);
  });

  it('the sede cancelled meanwhile: refused by the service, kept in the thread as «non inviata» with the reason, and in the review queue', async () => {
    await comunica('app-1', 'Possiamo anticipare di mezz’ora?');
    const motivo = "L'appuntamento non è più confermato: non si possono aggiungere comunicazioni.";
    sede.refuse = new GatewayError({ kind: 'permanent', status: 409, code: 'STATO_NON_MODIFICABILE', detail: motivo });
    expect(await push()).toMatchObject({ refused: 1 });
    expect(await thread()).toEqual([{ autore: 'intermediario', testo: 'Possiamo anticipare di mezz’ora?', stato: 'non_inviata', motivo }]);
    expect(await push()).toMatchObject({ sent: 0, refused: 0 }); // parked, not retried
    const review = await core.dispatcher('app')('revisione.elenco', {});
    expect(review.ok && (review.value as Cambiamento[])).toEqual([
      expect.objectContaining({ tipo: 'rifiutato', appuntamentoId: 'app-1', bozzaId: null, descrizione: `Comunicazione alla sede non inviata: ${motivo}` }),
    ]);
  });

  it('two replies with the same text are two messages: the second stays «in invio» beside the first one sent', async () => {
    await comunica('app-1', 'Grazie.');
    await push();
    await comunica('app-1', 'Grazie.');
    expect((await thread()).map((c) => c.stato)).toEqual(['inviata', 'in_invio']);
    await push();
    expect((await thread()).map((c) => c.stato)).toEqual(['inviata', 'inviata']);
    expect(sede.byKey.size).toBe(2);
  });

  it('the sede’s messages and ours in one thread, by time, the ones not yet sent last', async () => {
    const sedeMsg = { id: 'com-sede', appuntamentoId: 'app-1', autore: 'sede' as const, testo: 'Portare il documento.', inviataIl: '2026-03-09T10:00:00.000Z' };
    new PageApplier(core.ctx.sqlite).apply(
      { changes: [{ seq: 1, entity: 'comunicazione', op: 'upsert', data: sedeMsg }], nextCursor: 'c1', hasMore: false },
      TEST_NOW,
    );
    await comunica('app-1', 'Va bene.');
    expect((await thread()).map((c) => [c.autore, c.stato])).toEqual([
      ['sede', 'inviata'],
      ['intermediario', 'in_invio'],
    ]);
  });
});
