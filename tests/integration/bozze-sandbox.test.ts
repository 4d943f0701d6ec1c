import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bozza } from '../../electron/common/commands/types';
import { valutaIdoneita } from '../../electron/common/domain/idoneita';
import type { Core } from '../../electron/core/app';
import { pdfMinimo } from '../../electron/core/allegati/pdfMinimo';
import type { SandboxHandle } from '../../sandbox/index';
import { startSandboxCore, tokenDelServizio, type SandboxCore } from '../support/sandboxCore';

// Drafts, the outbox and push against the real sandbox over loopback HTTP, with its faults.
let sandbox: SandboxHandle;
let core: Core;
let mondo: SandboxCore | undefined;
let token = '';

beforeAll(async () => {
  mondo = await startSandboxCore({ seed: 5, timeoutMs: 1500 });
  ({ sandbox, core } = mondo);
  token = await tokenDelServizio(sandbox.url);
});
afterEach(() => {
  sandbox.faults.configure({ errorRate: 0, latencyMs: 0, resetRate: 0, timeoutRate: 0, duplicateRate: 0, seed: 1 });
});
afterAll(async () => {
  await mondo?.close();
});

const app = async <T>(name: string, input: unknown): Promise<T> => {
  const result = await core.dispatcher('app')(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details });
  return result.value as T;
};
const refusal = async (name: string, input: unknown) => {
  const result = await core.dispatcher('app')(name, input);
  if (result.ok) throw new Error(`${name} should have been refused`);
  return result.error;
};
const local = (sql: string, ...p: unknown[]) =>
  core.ctx.sqlite
    .prepare(sql)
    .pluck()
    .get(...p);
const used = new Set<string>();

/** An idoneo quesito not booked yet, its rapporto, and a free slot at a sede of the right mode. */
async function bookable() {
  const rows = core.ctx.sqlite
    .prepare(
      `SELECT q.id, q.codice_rapporto AS rapporto FROM quesiti q
       JOIN rapporti r ON r.codice = q.codice_rapporto
       JOIN deleghe d ON d.datore_cf = r.datore_cf AND d.stato = 'attiva'
       WHERE q.esito = 'negativo'
         AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id WHERE l.quesito_id = q.id AND a.stato = 'confermato')
       ORDER BY q.id`,
    )
    .all() as { id: string; rapporto: string }[];
  const pick = rows.find((r) => !used.has(r.id))!;
  used.add(pick.id);
  const sedeId = local("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id LIMIT 1") as string;
  const response = await fetch(`${sandbox.url}/v1/sedi/${sedeId}/slot?dal=2026-03-16&al=2026-03-27`, { headers: { Authorization: `Bearer ${token}` } });
  const { slot } = (await response.json()) as { slot: { data: string; ora: string }[] };
  const free = slot[used.size * 3]!;
  return { codiceRapporto: pick.rapporto, quesitiIds: [pick.id], sedeId, data: free.data, ora: free.ora, modalita: 'presenza' as const };
}

const remoteCount = () => sandbox.store.db.prepare('SELECT count(*) FROM appuntamenti').pluck().get() as number;

describe('drafts and the outbox against the sandbox', () => {
  it('books online: draft → In coda → Confermato, exactly one appointment', async () => {
    const before = remoteCount();
    const bozza = await app<Bozza>('bozza.crea', { ...(await bookable()), nota: 'Portare le ricevute MAV' });
    expect(bozza.stato).toBe('bozza');
    expect((await app<Bozza>('bozza.invia', { id: bozza.id })).stato).toBe('in_coda');
    expect(local("SELECT count(*) FROM outbox WHERE entita_id = ? AND stato = 'in_attesa'", bozza.id)).toBe(1);
    await core.ctx.sync.syncNow();
    const sent = (await app<Bozza[]>('bozze.elenco', {})).find((b) => b.id === bozza.id)!;
    expect(sent).toMatchObject({ stato: 'inviata', appuntamentoId: expect.any(String) });
    expect(local('SELECT stato FROM appuntamenti WHERE id = ?', sent.appuntamentoId)).toBe('confermato');
    expect(remoteCount()).toBe(before + 1);
  });

  it('queues offline and books when the service is back, never twice', async () => {
    const before = remoteCount();
    const bozza = await app<Bozza>('bozza.crea', await bookable());
    sandbox.faults.configure({ errorRate: 0, latencyMs: 0, resetRate: 1, timeoutRate: 0, duplicateRate: 0, seed: 1 });
    await app('bozza.invia', { id: bozza.id });
    const offline = await core.ctx.sync.syncNow();
    expect(offline).toMatchObject({ fase: 'offline', inCoda: 1 });
    expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('in_coda');
    expect(local('SELECT tentativi FROM outbox WHERE entita_id = ?', bozza.id)).toBe(1);
    const retryAt = local('SELECT prossimo_tentativo_il FROM outbox WHERE entita_id = ?', bozza.id) as string;
    expect(Date.parse(retryAt)).toBeGreaterThan(Date.parse('2026-03-10T08:00:00Z'));
    // What the status bar's error opens: advice, and the waiting booking with whom it concerns.
    const problemi = await app<{ consiglio: string; coda: Record<string, unknown>[] }>('sync.problemi', {});
    expect(problemi.consiglio).toMatch(/connessione/);
    const cliente = local("SELECT d.cognome || ' ' || d.nome FROM bozze b JOIN datori d ON d.codice_fiscale = b.datore_cf WHERE b.id = ?", bozza.id);
    expect(problemi.coda).toEqual([
      expect.objectContaining({ tipo: 'crea', bozzaId: bozza.id, codiceRapporto: bozza.codiceRapporto, cliente, tentativi: 1, prossimoTentativo: retryAt }),
    ]);

    // Back online, and the first answer is lost after the booking committed: the retry must not book again.
    sandbox.faults.configure({ errorRate: 0, latencyMs: 0, resetRate: 0, timeoutRate: 0, duplicateRate: 1, seed: 1 });
    core.ctx.sqlite.prepare('UPDATE outbox SET prossimo_tentativo_il = ? WHERE entita_id = ?').run('2026-03-10T08:00:00.000Z', bozza.id);
    await core.ctx.sync.syncNow();
    expect(remoteCount()).toBe(before + 1);
    sandbox.faults.configure({ errorRate: 0, latencyMs: 0, resetRate: 0, timeoutRate: 0, duplicateRate: 0, seed: 1 });
    core.ctx.sqlite.prepare('UPDATE outbox SET prossimo_tentativo_il = ? WHERE entita_id = ?').run('2026-03-10T08:00:00.000Z', bozza.id);
    await core.ctx.sync.syncNow();
    expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('inviata');
    expect(remoteCount()).toBe(before + 1);
  });

  it('a refused booking goes to Da correggere with the reason, the queue moves on, and the fixed draft is sent', async () => {
    const first = await bookable();
    const second = await bookable();
    // Take the first draft's slot behind its back: the service will refuse it.
    const taken = await app<Bozza>('bozza.crea', { ...(await bookable()), sedeId: first.sedeId, data: first.data, ora: first.ora });
    await app('bozza.invia', { id: taken.id });
    await core.ctx.sync.syncNow();

    const refused = await app<Bozza>('bozza.crea', first);
    const fine = await app<Bozza>('bozza.crea', second);
    await app('bozza.invia', { id: refused.id });
    await app('bozza.invia', { id: fine.id });
    await core.ctx.sync.syncNow();
    const byId = Object.fromEntries((await app<Bozza[]>('bozze.elenco', {})).map((b) => [b.id, b]));
    expect(byId[refused.id]).toMatchObject({
      stato: 'da_correggere',
      errore: { codice: 'SLOT_NON_DISPONIBILE', messaggio: expect.stringMatching(/non .*disponibil/) },
    });
    expect(byId[refused.id]!.quesitiIds).toEqual(first.quesitiIds); // nothing lost
    expect(byId[fine.id]!.stato).toBe('inviata');

    const other = await bookable();
    await app('bozza.modifica', { id: refused.id, quesitiIds: first.quesitiIds, sedeId: other.sedeId, data: other.data, ora: other.ora, modalita: 'presenza' });
    await app('bozza.invia', { id: refused.id });
    await core.ctx.sync.syncNow();
    expect(local('SELECT stato FROM bozze WHERE id = ?', refused.id)).toBe('inviata');
  });

  it('cancels a Confermato appointment through the queue, and refuses anything else', async () => {
    const id = local("SELECT id FROM appuntamenti WHERE stato = 'confermato' AND operatore_id = 'op-001' ORDER BY id LIMIT 1") as string;
    expect(await app('appuntamento.cancella', { id })).toEqual({ appuntamentoId: id, inCorso: true });
    await core.ctx.sync.syncNow();
    expect(core.ctx.sqlite.prepare('SELECT stato, cancellato_da FROM appuntamenti WHERE id = ?').get(id)).toEqual({
      stato: 'cancellato',
      cancellato_da: 'utente',
    });
    expect(await refusal('appuntamento.cancella', { id })).toMatchObject({ code: 'STATO_NON_CANCELLABILE', message: expect.stringMatching(/già cancellato/) });
  });

  it('refuses, before queuing, a draft whose quesito is not idoneo yet, and bad input at the right field', async () => {
    const candidates = core.ctx.sqlite
      .prepare(
        `SELECT q.id, q.codice_rapporto AS r, q.esito, q.data_invio AS dataInvio, q.data_esito AS dataEsito, a.termine_giorni AS termine
         FROM quesiti q JOIN argomenti a ON a.codice = q.argomento JOIN rapporti ra ON ra.codice = q.codice_rapporto
         JOIN deleghe d ON d.datore_cf = ra.datore_cf AND d.stato = 'attiva' WHERE q.esito = 'in_attesa'`,
      )
      .all() as { id: string; r: string; esito: 'in_attesa'; dataInvio: string; dataEsito: null; termine: number }[];
    const waiting = candidates.find((q) => !valutaIdoneita(q, q.termine, '2026-03-10').idoneo);
    expect(waiting).toBeDefined();
    if (waiting) {
      const slot = await bookable();
      const bozza = await app<Bozza>('bozza.crea', { ...slot, codiceRapporto: waiting.r, quesitiIds: [waiting.id] });
      const queuedBefore = local("SELECT count(*) FROM outbox WHERE stato = 'in_attesa'");
      expect(await refusal('bozza.invia', { id: bozza.id })).toMatchObject({
        code: 'QUESITO_NON_IDONEO',
        details: [{ path: 'quesitiIds.0', message: expect.stringMatching(/Diventa idoneo il \d{2}\/\d{2}\/\d{4}/) }],
      });
      expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('bozza');
      expect(local("SELECT count(*) FROM outbox WHERE stato = 'in_attesa'")).toBe(queuedBefore);
    }
    expect(await refusal('bozza.crea', { codiceRapporto: '123456789' })).toMatchObject({ code: 'INPUT_NON_VALIDO', details: [{ path: 'codiceRapporto' }] });
    expect(await refusal('bozza.crea', { codiceRapporto: '1234567890', nota: 'x'.repeat(1001) })).toMatchObject({
      code: 'INPUT_NON_VALIDO',
      details: [{ path: 'nota', message: 'La nota può avere al massimo 1000 caratteri.' }],
    });
  });
  it('a delega revoked meanwhile freezes the client’s drafts (kept, with the reason) and refuses new ones', async () => {
    const slot = await bookable();
    const datoreCf = local('SELECT datore_cf FROM rapporti WHERE codice = ?', slot.codiceRapporto) as string;
    const delegaId = local("SELECT id FROM deleghe WHERE datore_cf = ? AND stato = 'attiva'", datoreCf) as string;
    const draft = await app<Bozza>('bozza.crea', { ...slot, nota: 'Da inviare domani' });
    const response = await fetch(`${sandbox.url}/admin/deleghe/${delegaId}/fine`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ stato: 'revocata', motivo: 'Il cliente ha revocato la delega' }),
    });
    expect(response.status).toBe(200);
    await core.ctx.sync.syncNow();
    const frozen = (await app<Bozza[]>('bozze.elenco', { stati: ['congelata'] })).find((b) => b.id === draft.id);
    expect(frozen).toMatchObject({
      nota: 'Da inviare domani',
      quesitiIds: slot.quesitiIds,
      errore: { codice: 'DELEGA_NON_ATTIVA', messaggio: expect.stringMatching(/revocata/) },
    });
    expect(await refusal('bozza.invia', { id: draft.id })).toMatchObject({ code: 'STATO_NON_MODIFICABILE' });
    expect(await refusal('bozza.crea', { codiceRapporto: slot.codiceRapporto })).toMatchObject({ code: 'DELEGA_NON_ATTIVA' });
    expect(local('SELECT count(*) FROM outbox WHERE entita_id = ?', draft.id)).toBe(0);
  });

  it('uploads the attachments first, then books with them', async () => {
    const bozza = await app<Bozza>('bozza.crea', await bookable());
    const pdf = pdfMinimo('ricevuta');
    await app('bozza.allegato.aggiungi', { bozzaId: bozza.id, nomeFile: 'ricevuta.pdf', contenutoBase64: pdf.toString('base64') });
    await app('bozza.invia', { id: bozza.id });
    expect(core.ctx.sqlite.prepare('SELECT tipo FROM outbox WHERE entita_id = ? ORDER BY id').pluck().all(bozza.id)).toEqual(['upload', 'crea']);
    await core.ctx.sync.syncNow();
    const sent = (await app<Bozza[]>('bozze.elenco', {})).find((b) => b.id === bozza.id)!;
    expect(sent.stato).toBe('inviata');
    const remote = sandbox.store.db.prepare('SELECT nome_file FROM appuntamento_allegati WHERE appuntamento_id = ?').pluck().all(sent.appuntamentoId);
    expect(remote).toEqual(['ricevuta.pdf']);
    // The appointment's detail lists the attachment with its address, for the preview.
    const dettaglio = await app<{ allegati: { sha256: string; nomeFile: string; mime: string }[] }>('appuntamento.dettaglio', { id: sent.appuntamentoId });
    expect(dettaglio.allegati).toEqual([expect.objectContaining({ nomeFile: 'ricevuta.pdf', mime: 'application/pdf', sha256: sent.allegati[0]!.sha256 })]);
  });
});
