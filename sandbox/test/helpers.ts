// Shared by the contract tests: a real sandbox on 127.0.0.1:0, fetch, and fixtures found in the store.
import { createHash } from 'node:crypto';
import { addDays, romeInstant } from '../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../electron/common/domain/idoneita';
import type { DatasetSize } from '../../electron/common/demo';
import type { Quesito } from '../../electron/common/model';
import { useFixture } from '../../electron/common/testing/fixture';
import { SandboxClock, startSandbox, type SandboxHandle } from '../index';

/** A Wednesday; the clock starts at 07:00 Rome, before any sede opens. */
export const TODAY = '2026-11-25';

export interface StartOptions {
  size?: DatasetSize;
  admin?: boolean;
  seed?: number;
}

export async function start(opts: StartOptions = {}): Promise<SandboxHandle> {
  return startSandbox({
    size: opts.size ?? 'small',
    seed: opts.seed ?? 7,
    today: TODAY,
    admin: opts.admin ?? true,
    clock: new SandboxClock(new Date(romeInstant(TODAY, '07:00')), { frozen: true }),
  });
}

/** A sandbox started for a suite, with the token of the operator `useSandbox` logged in. */
export interface SuiteSandbox extends SandboxHandle {
  readonly token: string;
}

/**
 * Registers, in the file or `describe` it is called in, `start(opts)` and the login of
 * `opts.login` (operatore1 unless given; false: nobody) before the tests, and closing after them.
 * The handle returned reads the sandbox of the running suite.
 */
export function useSandbox(opts: StartOptions & { login?: string | false } = {}): SuiteSandbox {
  return useFixture(
    {
      what: 'useSandbox: the sandbox',
      scope: 'suite',
      async open(): Promise<SuiteSandbox> {
        const h = await start(opts);
        if (opts.login === false) {
          return {
            ...h,
            get token(): string {
              throw new Error('useSandbox: nobody logged in (login: false)');
            },
          };
        }
        try {
          return { ...h, token: await login(h, opts.login) };
        } catch (error) {
          await h.close();
          throw error;
        }
      },
      close: (h) => h.close(),
    },
    ['token', 'url', 'port', 'app', 'store', 'clock', 'faults', 'routes', 'seeded', 'close'],
  );
}

export interface Res {
  status: number;
  contentType: string;
  headers: Headers;
  text: string;
  /** Parsed body (null if not JSON); `any` so assertions can reach into it freely. */
  json: any;
}

export async function call(
  h: SandboxHandle,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; body?: RequestInit['body']; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: RequestInit['body'] | undefined = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(h.url + path, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', headers: res.headers, text, json };
}

export async function login(h: SandboxHandle, username = 'operatore1', password = 'demo'): Promise<string> {
  const r = await call(h, 'POST', '/v1/sessione', { json: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.text}`);
  return r.json.token as string;
}

/** Asserts the problem+json shape and returns the code. */
export function problemCode(r: Res): string {
  if (!r.contentType.startsWith('application/problem+json')) throw new Error(`not problem+json: ${r.status} ${r.text}`);
  const p = r.json as { type: string; title: string; status: number; detail: string; code: string };
  if (p.status !== r.status || typeof p.detail !== 'string' || typeof p.type !== 'string') throw new Error(`bad problem: ${r.text}`);
  return p.code;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function pdfBytes(text = 'ciao'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${text}\ntrailer <<>>\n%%EOF\n`, 'latin1');
}

// ------------------------------------------------------------------ fixtures from the store

export function rapportiDelegati(h: SandboxHandle, intermediarioId: string): string[] {
  return (
    h.store.db
      .prepare(
        `SELECT r.codice FROM rapporti r JOIN deleghe d ON d.datore_cf = r.datore_cf
         WHERE d.stato = 'attiva' AND d.intermediario_id = ? ORDER BY r.codice`,
      )
      .all(intermediarioId) as { codice: string }[]
  ).map((r) => r.codice);
}

function quesitiOf(h: SandboxHandle, codiceRapporto: string): Quesito[] {
  return (h.store.db.prepare('SELECT data FROM quesiti WHERE codice_rapporto = ? ORDER BY id').all(codiceRapporto) as { data: string }[]).map(
    (r) => JSON.parse(r.data) as Quesito,
  );
}

function isBooked(h: SandboxHandle, quesitoId: string): boolean {
  return (
    h.store.db
      .prepare(
        `SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id
         WHERE l.quesito_id = ? AND a.stato = 'confermato'`,
      )
      .get(quesitoId) !== undefined
  );
}

function idoneo(h: SandboxHandle, q: Quesito): boolean {
  const termine = h.store.argomento(q.argomento)?.termineGiorni ?? 0;
  return valutaIdoneita(q, termine, h.clock.today()).idoneo;
}

/** Quesiti of delegated rapporti, classified: bookable (idoneo, free), non idonei, already booked. */
export function quesitiFixtures(h: SandboxHandle, intermediarioId = 'int-001') {
  const bookable: Quesito[] = [];
  const nonIdonei: Quesito[] = [];
  const booked: Quesito[] = [];
  for (const codice of rapportiDelegati(h, intermediarioId)) {
    for (const q of quesitiOf(h, codice)) {
      if (isBooked(h, q.id)) booked.push(q);
      else if (idoneo(h, q)) bookable.push(q);
      else nonIdonei.push(q);
    }
  }
  return { bookable, nonIdonei, booked };
}

/** A rapporto whose datore has no attiva delega to the given intermediario. */
export function rapportoNonDelegato(h: SandboxHandle, intermediarioId = 'int-001'): string {
  const row = h.store.db
    .prepare(
      `SELECT r.codice FROM rapporti r WHERE NOT EXISTS (
         SELECT 1 FROM deleghe d WHERE d.datore_cf = r.datore_cf AND d.stato = 'attiva' AND d.intermediario_id = ?)
       ORDER BY r.codice LIMIT 1`,
    )
    .get(intermediarioId) as { codice: string } | undefined;
  if (row === undefined) throw new Error('no non-delegated rapporto in the dataset');
  return row.codice;
}

/** The first free slot of a sede offering `modalita`, from the API. */
export async function freeSlot(h: SandboxHandle, token: string, modalita = 'presenza', skip = 0): Promise<{ sedeId: string; data: string; ora: string }> {
  for (const sede of h.store.sedi()) {
    if (!sede.modalita.includes(modalita as 'presenza')) continue;
    const r = await call(h, 'GET', `/v1/sedi/${sede.id}/slot?dal=${h.clock.today()}&al=${addDays(h.clock.today(), 20)}`, { token });
    const slot = (r.json.slot as { data: string; ora: string }[])[skip];
    if (slot !== undefined) return { sedeId: sede.id, ...slot };
  }
  throw new Error('no free slot');
}
