import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppuntamentoDettaglioLocale } from '../../electron/common/commands/types';
import type { Core } from '../../electron/core/app';
import { NO_FAULTS } from '../../sandbox/faults';
import type { SandboxHandle } from '../../sandbox/index';
import { startSandboxCore, type SandboxCore } from '../support/sandboxCore';

// «Rispondi alla sede» against the real sandbox over loopback HTTP: the outbox, the service's
// idempotency under a dropped answer, offline, and a refusal after the sede cancelled.
let sandbox: SandboxHandle;
let core: Core;
let mondo: SandboxCore | undefined;

beforeAll(async () => {
  mondo = await startSandboxCore({ seed: 7 });
  ({ sandbox, core } = mondo);
});
afterEach(() => {
  sandbox.faults.configure(NO_FAULTS);
});
afterAll(async () => {
  await mondo?.close();
});

const taken = new Set<string>();
/** A Confermato appointment of a client with an active delega, not used by another test. */
function confermato(): string {
  const ids = core.ctx.sqlite
    .prepare(
      `SELECT a.id FROM appuntamenti a WHERE a.stato = 'confermato'
         AND (SELECT d.stato FROM deleghe d WHERE d.datore_cf = a.datore_cf ORDER BY d.data_sottoscrizione DESC, d.id DESC LIMIT 1) = 'attiva'
       ORDER BY a.id`,
    )
    .pluck()
    .all() as string[];
  const id = ids.find((x) => !taken.has(x));
  if (!id) throw new Error('no Confermato appointment left in the dataset');
  taken.add(id);
  return id;
}

async function comunica(appuntamentoId: string, testo: string): Promise<string> {
  const result = await core.dispatcher('app')('appuntamento.comunica', { appuntamentoId, testo });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { id: string }).id;
}
/** Lets the background push that the command started end, then makes every retry due (the clock is frozen). */
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await core.ctx.sync.syncNow();
  sandbox.clock.advance(30);
}
async function thread(id: string) {
  const result = await core.dispatcher('app')('appuntamento.dettaglio', { id });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as AppuntamentoDettaglioLocale).comunicazioni
    .filter((c) => c.autore === 'intermediario')
    .map(({ testo, stato, motivo }) => ({ testo, stato, motivo }));
}
/** The comunicazioni with this text the sandbox holds for the appointment. */
const inSandbox = (id: string, testo: string) => sandbox.store.comunicazioniOf(id).filter((c) => c.testo === testo && c.autore === 'intermediario').length;

describe('a reply to the sede against the sandbox', () => {
  it('answers dropped after the commit: the retry gets the same comunicazione, the sede has it once, the thread shows it once', async () => {
    const id = confermato();
    const testo = 'Il cliente arriverà con il modello F24 già compilato.';
    sandbox.faults.configure({ ...NO_FAULTS, duplicateRate: 1 });
    await comunica(id, testo);
    await settle();
    expect(inSandbox(id, testo)).toBe(1);
    expect(await thread(id)).toEqual([{ testo, stato: 'in_invio', motivo: null }]);
    sandbox.faults.configure(NO_FAULTS);
    await settle();
    await settle();
    expect(inSandbox(id, testo)).toBe(1);
    expect(sandbox.store.db.prepare("SELECT count(*) FROM idempotenza WHERE scope LIKE 'comunicazione:%'").pluck().get()).toBe(1);
    expect(await thread(id)).toEqual([{ testo, stato: 'inviata', motivo: null }]);
    expect(core.ctx.sqlite.prepare("SELECT stato FROM outbox WHERE tipo = 'comunicazione'").pluck().all()).toEqual(['fatto']);
  });

  it('offline: written and shown «in invio», sent when the service is back', async () => {
    const id = confermato();
    const testo = 'Serve un interprete per la lingua rumena.';
    sandbox.faults.configure({ ...NO_FAULTS, resetRate: 1 });
    await comunica(id, testo);
    await settle();
    expect(core.ctx.sync.stato.fase).toBe('offline');
    expect(inSandbox(id, testo)).toBe(0);
    expect(await thread(id)).toEqual([{ testo, stato: 'in_invio', motivo: null }]);
    sandbox.faults.configure(NO_FAULTS);
    await settle();
    expect(inSandbox(id, testo)).toBe(1);
    expect(await thread(id)).toEqual([{ testo, stato: 'inviata', motivo: null }]);
  });

  it('the sede cancelled the appointment meanwhile: refused by the service, kept as «non inviata» with its reason, nothing sent', async () => {
    const id = confermato();
    const testo = 'Possiamo spostare alle 11?';
    sandbox.faults.configure({ ...NO_FAULTS, resetRate: 1 });
    await comunica(id, testo);
    await settle();
    sandbox.faults.configure(NO_FAULTS);
    const disdetta = await fetch(`${sandbox.url}/admin/appuntamenti/${id}/disdetta`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ motivo: 'Sede chiusa per lavori' }),
    });
    expect(disdetta.status).toBe(200);
    await settle();
    expect(inSandbox(id, testo)).toBe(0);
    expect(await thread(id)).toEqual([{ testo, stato: 'non_inviata', motivo: expect.stringMatching(/non è più confermato/) }]);
    expect(core.ctx.sqlite.prepare('SELECT stato FROM appuntamenti WHERE id = ?').pluck().get(id)).toBe('cancellato');
    // And a new reply on it is refused at once, locally.
    expect(await core.dispatcher('app')('appuntamento.comunica', { appuntamentoId: id, testo: 'Allora?' })).toMatchObject({
      ok: false,
      error: { code: 'STATO_NON_MODIFICABILE' },
    });
  });
});
