import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BloccoEsito, Bozza, ProposteOrari } from '../../electron/common/commands/types';
import { addDays, romeDate, romeInstant } from '../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../electron/common/domain/idoneita';
import type { Esito } from '../../electron/common/model';
import { SandboxClock, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { NO_FAULTS } from './ops';
import { admin, openInstance, settle, type Instance } from './world';

// The bugs the fuzzer found (seed 5, then seed 9 once the first was fixed; seed 101 once the
// batch operations of #11 joined the mix), replayed step by step so they stay fixed whatever the
// fuzzer's operation mix becomes.
let sandbox: SandboxHandle;
let inst: Instance;
const clock = () => sandbox.clock;

beforeEach(async () => {
  sandbox = await startSandbox({
    seed: 5,
    size: 'small',
    today: '2026-03-10',
    admin: true,
    clock: new SandboxClock(new Date(romeInstant('2026-03-10', '08:00')), { frozen: true }),
  });
  inst = await openInstance(sandbox, 0); // operatore1, int-001
  await inst.core.ctx.sync.syncNow();
});
afterEach(async () => {
  await inst?.core.close();
  await sandbox?.close();
});

const app = async <T>(name: string, input: unknown): Promise<T> => {
  const r = await inst.core.dispatcher('app')(name, input);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.value as T;
};
const local = (sql: string, ...p: unknown[]) =>
  inst.core.ctx.sqlite
    .prepare(sql)
    .pluck()
    .get(...p);
const makeAllDue = () => inst.core.ctx.sqlite.prepare("UPDATE outbox SET prossimo_tentativo_il = ? WHERE stato = 'in_attesa'").run(clock().now().toISOString());

/** A complete draft for an idoneo, unbooked quesito of a client with an active delega. */
async function draft(): Promise<{ bozza: Bozza; datoreCf: string; delegaId: string }> {
  const oggi = romeDate(clock().now());
  const q = (
    inst.core.ctx.sqlite
      .prepare(
        `SELECT q.id, q.codice_rapporto AS rapporto, r.datore_cf AS cf, d.id AS delega, q.esito, q.data_invio AS dataInvio, q.data_esito AS dataEsito, a.termine_giorni AS termine
         FROM quesiti q JOIN argomenti a ON a.codice = q.argomento JOIN rapporti r ON r.codice = q.codice_rapporto
         JOIN deleghe d ON d.datore_cf = r.datore_cf AND d.stato = 'attiva'
         WHERE NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti ap ON ap.id = l.appuntamento_id WHERE l.quesito_id = q.id AND ap.stato = 'confermato')
         ORDER BY q.id`,
      )
      .all() as { id: string; rapporto: string; cf: string; delega: string; esito: Esito; dataInvio: string; dataEsito: string | null; termine: number }[]
  ).find((x) => valutaIdoneita(x, x.termine, oggi).idoneo)!;
  const sedeId = local("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id LIMIT 1") as string;
  const { slot } = await app<{ slot: { data: string; ora: string }[] }>('sedi.slot', { sedeId, dal: addDays(oggi, 1), al: addDays(oggi, 14) });
  const bozza = await app<Bozza>('bozza.crea', {
    codiceRapporto: q.rapporto,
    quesitiIds: [q.id],
    sedeId,
    data: slot[0]!.data,
    ora: slot[0]!.ora,
    modalita: 'presenza',
  });
  return { bozza, datoreCf: q.cf, delegaId: q.delega };
}

/** Sends the draft while the service misbehaves as told; the row stays queued for a retry. */
async function sendUnder(fault: Partial<typeof NO_FAULTS>, id: string): Promise<void> {
  sandbox.faults.configure({ ...NO_FAULTS, ...fault });
  await app('bozza.invia', { id });
  await settle(inst.core);
  sandbox.faults.configure(NO_FAULTS);
}

describe('sync bugs found by the fuzzer', () => {
  it('a replayed booking answer does not overwrite the newer state the feed brought (seed 5, check 1)', async () => {
    const { bozza } = await draft();
    await sendUnder({ duplicateRate: 1 }, bozza.id); // booked at the service, answer lost
    const entry = sandbox.store.db.prepare('SELECT response FROM idempotenza WHERE chiave = ?').pluck().get(bozza.id) as string;
    const appId = (JSON.parse(entry) as { id: string }).id;
    expect((await admin(sandbox, `/admin/appuntamenti/${appId}/disdetta`, { motivo: 'Sede chiusa' })).status).toBe(200);
    await inst.core.ctx.sync.syncNow(); // the retry is not due yet: only the pull runs
    expect(local('SELECT stato FROM appuntamenti WHERE id = ?', appId)).toBe('cancellato');

    makeAllDue();
    await inst.core.ctx.sync.syncNow(); // the retry gets the stored (confermato) answer
    expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('inviata');
    expect(local('SELECT appuntamento_id FROM bozze WHERE id = ?', bozza.id)).toBe(appId);
    expect(local('SELECT stato FROM appuntamenti WHERE id = ?', appId)).toBe('cancellato');
  });

  it('a frozen draft with a booking on its way is neither deleted nor booked behind the operator’s back (seed 9)', async () => {
    const { bozza, datoreCf, delegaId } = await draft();
    await sendUnder({ resetRate: 1 }, bozza.id); // not booked, row queued
    expect((await admin(sandbox, `/admin/deleghe/${delegaId}/fine`, { stato: 'revocata', motivo: 'Revocata dal cliente' })).status).toBe(200);
    await inst.core.ctx.sync.syncNow();
    expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('congelata');
    await expect(app('bozza.elimina', { id: bozza.id })).rejects.toMatchObject({ code: 'STATO_NON_MODIFICABILE' });

    // While frozen, the queued booking is held even when due.
    makeAllDue();
    await inst.core.ctx.sync.syncNow();
    expect(sandbox.store.db.prepare('SELECT count(*) FROM idempotenza WHERE chiave = ?').pluck().get(bozza.id)).toBe(0);

    // The client comes back: the draft returns to the queue and is booked once.
    expect((await admin(sandbox, '/admin/deleghe', { datoreCf, intermediarioId: 'int-001', stato: 'attiva' })).status).toBe(201);
    await inst.core.ctx.sync.syncNow(); // pull thaws it to in_coda
    expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('in_coda');
    makeAllDue();
    await inst.core.ctx.sync.syncNow();
    expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('inviata');
    expect(sandbox.store.db.prepare('SELECT count(*) FROM idempotenza WHERE chiave = ?').pluck().get(bozza.id)).toBe(1);
  });

  it('Proponi orari does not write a day outside the window another window set while it waited for the service (seed 101)', async () => {
    const { bozza } = await draft();
    const oggi = romeDate(clock().now());
    const finestra = { dal: addDays(oggi, 12), al: addDays(oggi, 20) };
    // Window 1 asks the service for slots (tomorrow onwards: the draft has no window yet); meanwhile
    // window 2 narrows the window, which empties the day that no longer fits.
    const [proposte, modifica] = await Promise.all([
      inst.core.dispatcher('app')('bozze.proponiOrari', { ids: [bozza.id] }),
      inst.core.dispatcher('app')('bozze.modificaInBlocco', { ids: [bozza.id], campi: { finestra } }),
    ]);
    expect(modifica).toMatchObject({ ok: true, value: { fatte: [bozza.id] } });
    expect(proposte.ok).toBe(true);
    const esito = (proposte as { value: ProposteOrari }).value;
    expect(esito.proposte).toEqual([]);
    expect(esito.saltati).toEqual([
      { id: bozza.id, datoreNominativo: expect.any(String), motivo: 'La finestra di date della bozza è cambiata nel frattempo: proponi di nuovo gli orari.' },
    ]);
    expect(await app<Bozza>('bozza.dettaglio', { id: bozza.id })).toMatchObject({ finestraDal: finestra.dal, finestraAl: finestra.al, data: null, ora: null });

    // Proposed again, it gets a day inside the new window.
    const again = await app<ProposteOrari>('bozze.proponiOrari', { ids: [bozza.id] });
    expect(again.proposte).toHaveLength(1);
    expect(again.proposte[0]!.data >= finestra.dal && again.proposte[0]!.data <= finestra.al).toBe(true);
    const nessuna: BloccoEsito = await app('bozze.modificaInBlocco', { ids: [bozza.id], campi: { nota: 'ok' } });
    expect(nessuna.fatte).toEqual([bozza.id]);
  });
});
