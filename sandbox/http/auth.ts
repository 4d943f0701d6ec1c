// Bearer sessions with an expiry on the sandbox clock.
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../problem';
import type { Principal, Store } from '../store/store';

export const SESSION_MINUTES = 30;

interface SessionRow {
  username: string;
  kind: 'operatore' | 'cittadino';
  operatore_id: string | null;
  intermediario_id: string | null;
  datore_cf: string | null;
}

function toPrincipal(row: SessionRow): Principal {
  if (row.kind === 'cittadino') return { kind: 'cittadino', username: row.username, datoreCf: row.datore_cf ?? '' };
  return {
    kind: 'operatore',
    username: row.username,
    operatoreId: row.operatore_id ?? '',
    intermediarioId: row.intermediario_id ?? '',
  };
}

export function login(store: Store, username: string, password: string): { token: string; scadenza: string; principal: Principal } {
  const row = store.db.prepare('SELECT username, password, kind, operatore_id, intermediario_id, datore_cf FROM accounts WHERE username = ?').get(username) as
    (SessionRow & { password: string }) | undefined;
  if (row === undefined || row.password !== password) {
    throw new ProblemError(401, 'CREDENZIALI_NON_VALIDE', 'Nome utente o password non corretti.');
  }
  const token = randomBytes(24).toString('base64url');
  const scadenzaMs = store.clock.nowMs() + SESSION_MINUTES * 60_000;
  store.db
    .prepare('INSERT INTO sessions (token, username, kind, operatore_id, intermediario_id, datore_cf, scadenza_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(token, row.username, row.kind, row.operatore_id, row.intermediario_id, row.datore_cf, scadenzaMs);
  return { token, scadenza: new Date(scadenzaMs).toISOString(), principal: toPrincipal(row) };
}

export function authenticate(store: Store, request: FastifyRequest): Principal {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{10,100})$/.exec(header);
  const row =
    match === null
      ? undefined
      : (store.db.prepare('SELECT username, kind, operatore_id, intermediario_id, datore_cf, scadenza_ms FROM sessions WHERE token = ?').get(match[1]) as
          (SessionRow & { scadenza_ms: number }) | undefined);
  if (row === undefined || row.scadenza_ms <= store.clock.nowMs()) {
    throw new ProblemError(401, 'NON_AUTENTICATO', 'Sessione assente, scaduta o non valida: accedi di nuovo.');
  }
  return toPrincipal(row);
}

export function requireIntermediario(p: Principal): Extract<Principal, { kind: 'operatore' }> {
  if (p.kind !== 'operatore') {
    throw new ProblemError(403, 'SOLO_INTERMEDIARI', 'Operazione riservata agli intermediari abilitati.');
  }
  return p;
}
