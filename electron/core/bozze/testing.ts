// Test helpers for the batch commands on drafts: sedi and appointments in the cache, calls
// through the dispatcher, and what the database holds (to show nothing was half-written).
import type { AppErrorPayload } from '../../common/errors';
import type { Appuntamento, Quesito, Sede } from '../../common/model';
import type { AppuntamentoDettaglio, PrenotazioneRichiesta } from '../../common/remote/changes';
import type { Core } from '../app';
import { GatewayError } from '../gateway/errors';
import { CacheWriter } from '../store/cacheWriter';
import { appuntamentoDiProva, FIXTURE } from '../testing';
import type { RemoteService } from '../sync/service';

export const ROSSI = FIXTURE.datori[0]!.codiceFiscale;
export const BIANCHI = FIXTURE.datori[1]!.codiceFiscale;
export const ESPOSITO = FIXTURE.datori[2]!.codiceFiscale;
export const VERDI = FIXTURE.datori[3]!.codiceFiscale;

const sede = (id: string, nome: string, modalita: Sede['modalita']): Sede => ({
  id,
  nome,
  indirizzo: 'Via Roma 1',
  comune: 'Roma',
  provincia: 'RM',
  modalita,
  slotMinuti: 30,
  orari: {
    1: { dalle: '08:30', alle: '10:30' },
    2: { dalle: '08:30', alle: '10:30' },
    3: { dalle: '08:30', alle: '10:30' },
    4: { dalle: '08:30', alle: '10:30' },
    5: { dalle: '08:30', alle: '10:30' },
  },
  chiusure: [],
});

export const SEDE_A = sede('sede-a', 'INPS Roma Eur', ['presenza', 'videochiamata']);
export const SEDE_B = sede('sede-b', 'INPS Roma Tiburtino', ['presenza']);

export function addSedi(core: Core): void {
  const writer = new CacheWriter(core.ctx.sqlite);
  writer.sede(SEDE_A);
  writer.sede(SEDE_B);
}

/** An appointment in the cache: Rossi's, at sede B on 2 February unless the test says otherwise. */
export function appuntamento(core: Core, { id, ...a }: Partial<Appuntamento> & Pick<Appuntamento, 'id'>): Appuntamento {
  const full = appuntamentoDiProva(id, {
    sedeId: SEDE_B.id,
    data: '2026-02-02',
    creatoIl: '2026-01-20T08:00:00.000Z',
    aggiornatoIl: '2026-01-20T08:00:00.000Z',
    ...a,
  });
  new CacheWriter(core.ctx.sqlite).appuntamento(full);
  return full;
}

/** A quesito of the fixture as the feed would bring it changed (e.g. a positive answer). */
export function cambiaQuesito(core: Core, id: string, patch: Partial<Quesito>): void {
  const q = FIXTURE.quesiti.find((x) => x.id === id)!;
  new CacheWriter(core.ctx.sqlite).quesito({ ...q, ...patch });
}

export async function app<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatcher('app')(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details });
  return result.value as T;
}

export async function refusal(core: Core, name: string, input: unknown): Promise<AppErrorPayload> {
  const result = await core.dispatcher('app')(name, input);
  if (result.ok) throw new Error(`${name} should have been refused`);
  return result.error;
}

export function count(core: Core, table: 'bozze' | 'outbox' | 'audit_log' | 'bozza_allegati', where = '1 = 1', ...params: unknown[]): number {
  return core.ctx.sqlite
    .prepare(`SELECT count(*) FROM ${table} WHERE ${where}`)
    .pluck()
    .get(...params) as number;
}

export function statoDi(core: Core, id: string): string | undefined {
  return core.ctx.sqlite.prepare('SELECT stato FROM bozze WHERE id = ?').pluck().get(id) as string | undefined;
}

/** Everything a draft row holds, to show a refused action changed nothing. */
export function rigaBozza(core: Core, id: string): unknown {
  return core.ctx.sqlite.prepare('SELECT * FROM bozze WHERE id = ?').get(id);
}

/** A remote whose free slots and booking answers the test decides; it records what it was asked. */
export function fakeRemote(options: {
  slot?: (sedeId: string, dal: string, al: string) => { data: string; ora: string }[] | GatewayError;
  rifiuta?: (key: string) => GatewayError | null;
}): RemoteService & { slotCalls: { sedeId: string; dal: string; al: string }[]; booked: string[] } {
  const remote = {
    slotCalls: [] as { sedeId: string; dal: string; al: string }[],
    booked: [] as string[],
    async slotLiberi(sedeId: string, dal: string, al: string) {
      remote.slotCalls.push({ sedeId, dal, al });
      const answer = options.slot?.(sedeId, dal, al) ?? [];
      if (answer instanceof GatewayError) throw answer;
      return answer;
    },
    async creaAppuntamento(key: string, r: PrenotazioneRichiesta): Promise<AppuntamentoDettaglio> {
      const refused = options.rifiuta?.(key);
      if (refused) throw refused;
      remote.booked.push(key);
      const now = '2026-03-10T09:00:00.000Z';
      return {
        ...r,
        id: `app-${key}`,
        datoreCf: FIXTURE.rapporti.find((x) => x.codice === r.codiceRapporto)?.datoreCf ?? ROSSI,
        stato: 'confermato',
        cancellatoDa: null,
        motivoStato: null,
        nota: r.nota ?? null,
        gestitoDaIntermediario: true,
        operatoreId: 'op-001',
        creatoIl: now,
        aggiornatoIl: now,
        allegati: [],
        comunicazioni: [],
        storico: [],
      };
    },
    cancellaAppuntamento: () => Promise.reject(new Error('not used')),
    inviaComunicazione: () => Promise.reject(new Error('not used')),
    caricaAllegato: () => Promise.resolve(),
    changes: () => Promise.resolve({ changes: [], nextCursor: 'c', hasMore: false }),
    // A service without the operators' list (#15): the names in the cache stay as they are.
    operatori: () => Promise.resolve(null),
    logout: () => undefined,
  };
  return remote;
}

export const offline = (): GatewayError =>
  new GatewayError({ kind: 'transient', status: 0, code: 'RETE', detail: 'Il servizio non è raggiungibile: controlla la connessione.' });
