import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppuntamentoDettaglioLocale } from '../../electron/common/commands/types';
import type { Core } from '../../electron/core/app';
import { pdfDiProva } from '../../electron/core/allegati/prova';
import type { SandboxHandle } from '../../sandbox/index';
import { startSandboxCore, tokenDelServizio, type SandboxCore } from '../support/sandboxCore';

// Attachments of appointments booked elsewhere (#14): another PC of the office books over HTTP
// with an attachment; this PC's sync brings its metadata in the changes feed, Dettaglio lists it,
// and it is downloaded on request (GET /v1/allegati/{sha256}) into the encrypted content store.

let sandbox: SandboxHandle;
let core: Core;
let mondo: SandboxCore | undefined;
let token = '';

beforeAll(async () => {
  mondo = await startSandboxCore({ seed: 5, timeoutMs: 3000 });
  ({ sandbox, core } = mondo);
  token = await tokenDelServizio(sandbox.url);
});
afterAll(async () => {
  await mondo?.close();
});

const auth = () => ({ Authorization: `Bearer ${token}` });
const app = async <T>(name: string, input: unknown): Promise<T> => {
  const result = await core.dispatcher('app')(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
};
const refusal = async (name: string, input: unknown) => {
  const result = await core.dispatcher('app')(name, input);
  if (result.ok) throw new Error(`${name} should have been refused`);
  return result.error;
};

/** «Another PC»: uploads a PDF and books with it straight over the service's API. */
async function prenotaAltrove(testo: string): Promise<{ appuntamentoId: string; sha256: string; bytes: Buffer; datoreCf: string }> {
  const q = core.ctx.sqlite
    .prepare(
      `SELECT q.id, q.codice_rapporto AS rapporto, r.datore_cf AS cf FROM quesiti q JOIN rapporti r ON r.codice = q.codice_rapporto
       JOIN deleghe d ON d.datore_cf = r.datore_cf AND d.stato = 'attiva'
       WHERE q.esito = 'negativo' AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l WHERE l.quesito_id = q.id) ORDER BY q.id DESC LIMIT 1`,
    )
    .get() as { id: string; rapporto: string; cf: string };
  const sedeId = core.ctx.sqlite.prepare("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id LIMIT 1").pluck().get() as string;
  const { slot } = (await (await fetch(`${sandbox.url}/v1/sedi/${sedeId}/slot?dal=2026-03-16&al=2026-03-27`, { headers: auth() })).json()) as {
    slot: { data: string; ora: string }[];
  };
  const bytes = await pdfDiProva(2, testo);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const put = await fetch(`${sandbox.url}/v1/allegati/${sha256}`, {
    method: 'PUT',
    headers: { ...auth(), 'Content-Type': 'application/pdf' },
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(201);
  const booked = await fetch(`${sandbox.url}/v1/appuntamenti`, {
    method: 'POST',
    headers: { ...auth(), 'Content-Type': 'application/json', 'Idempotency-Key': `altrove-${sha256.slice(0, 16)}` },
    body: JSON.stringify({
      codiceRapporto: q.rapporto,
      quesitiIds: [q.id],
      sedeId,
      data: slot.at(-1)!.data,
      ora: slot.at(-1)!.ora,
      modalita: 'presenza',
      nota: null,
      allegati: [{ sha256, nomeFile: 'delega firmata.pdf' }],
    }),
  });
  expect(booked.status).toBe(201);
  return { appuntamentoId: ((await booked.json()) as { id: string }).id, sha256, bytes, datoreCf: q.cf };
}

describe('attachments of appointments booked elsewhere', () => {
  it('come with the appointment in the feed, are listed in Dettaglio and downloaded on request into the encrypted store', async () => {
    const { appuntamentoId, sha256, bytes } = await prenotaAltrove('Delega firmata');
    await core.ctx.sync.syncNow();
    const dettaglio = await app<AppuntamentoDettaglioLocale>('appuntamento.dettaglio', { id: appuntamentoId });
    expect(dettaglio.allegati).toEqual([{ posizione: 0, sha256, nomeFile: 'delega firmata.pdf', mime: 'application/pdf', dimensione: bytes.byteLength }]);
    // Not on this PC yet: the content is not there until it is downloaded.
    expect(await refusal('allegato.contenuto', { sha256 })).toMatchObject({ code: 'ALLEGATO_NON_DISPONIBILE' });
    expect(await app('allegato.scaricaRemoto', { sha256 })).toEqual({ sha256, mime: 'application/pdf', dimensione: bytes.byteLength });
    expect(core.ctx.allegati.stato(sha256)).toBe('cifrato');
    const letto = await app<{ contenutoBase64: string }>('allegato.contenuto', { sha256, scopo: 'scarica' });
    expect(Buffer.from(letto.contenutoBase64, 'base64').equals(bytes)).toBe(true);
  });

  it('GET /v1/allegati/{sha256}: JSON or the bytes themselves; 404 for an unknown hash; 403 without an active delega', async () => {
    const { sha256, bytes, datoreCf } = await prenotaAltrove('Ricevuta');
    const json = await fetch(`${sandbox.url}/v1/allegati/${sha256}`, { headers: { ...auth(), Accept: 'application/json' } });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ sha256, mime: 'application/pdf', dimensione: bytes.byteLength, contenutoBase64: bytes.toString('base64') });
    const raw = await fetch(`${sandbox.url}/v1/allegati/${sha256}`, { headers: auth() });
    expect(raw.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await raw.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fetch(`${sandbox.url}/v1/allegati/${'0'.repeat(64)}`, { headers: auth() })).status).toBe(404);
    expect((await fetch(`${sandbox.url}/v1/allegati/${sha256}`)).status).toBe(401);

    // The delega ends: the service refuses, and the app says why, storing nothing.
    await core.ctx.sync.syncNow();
    const delegaId = sandbox.store.db.prepare("SELECT id FROM deleghe WHERE datore_cf = ? AND stato = 'attiva'").pluck().get(datoreCf) as string;
    const fine = await fetch(`${sandbox.url}/admin/deleghe/${delegaId}/fine`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ stato: 'revocata', motivo: 'Delega conferita ad altro intermediario' }),
    });
    expect(fine.status).toBe(200);
    const negato = await fetch(`${sandbox.url}/v1/allegati/${sha256}`, { headers: { ...auth(), Accept: 'application/json' } });
    expect(negato.status).toBe(403);
    expect(((await negato.json()) as { code: string }).code).toBe('DELEGA_NON_ATTIVA');
    expect(await refusal('allegato.scaricaRemoto', { sha256 })).toMatchObject({ code: 'DELEGA_NON_ATTIVA', message: expect.stringContaining('delega attiva') });
    expect(core.ctx.allegati.stato(sha256)).toBe('mancante');
  });

  it('refuses a hash no appointment of the office lists, without asking the service', async () => {
    expect(await refusal('allegato.scaricaRemoto', { sha256: 'a'.repeat(64) })).toMatchObject({ code: 'NON_TROVATO' });
  });
});
