import { describe, expect, it } from 'vitest';
import { COMUNICAZIONE_MAX } from '../model';
import { outboxIntentSchema } from './intent';

const sha = 'a'.repeat(64);
const uuid = '6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f';
const richiesta = {
  codiceRapporto: '0000123456',
  quesitiIds: ['q1'],
  sedeId: 's1',
  data: '2026-03-20',
  ora: '09:00',
  modalita: 'presenza',
  nota: null,
  allegati: [],
};

describe('outboxIntentSchema', () => {
  it('reads back each kind as it is stored (tipo column + payload JSON)', () => {
    expect(outboxIntentSchema.parse({ tipo: 'upload', payload: { sha256: sha, mime: 'application/pdf' } }).tipo).toBe('upload');
    expect(outboxIntentSchema.parse({ tipo: 'crea', payload: richiesta })).toEqual({ tipo: 'crea', payload: richiesta });
    expect(outboxIntentSchema.parse({ tipo: 'cancella', payload: { appuntamentoId: 'app-1' } }).tipo).toBe('cancella');
    const comunicazione = { appuntamentoId: 'app-1', id: uuid, testo: 'Il cliente arriverà con 10 minuti di ritardo.' };
    expect(outboxIntentSchema.parse({ tipo: 'comunicazione', payload: comunicazione })).toEqual({ tipo: 'comunicazione', payload: comunicazione });
  });

  it('refuses a comunicazione without text, over the cap, or whose id is not a UUID', () => {
    const ok = { appuntamentoId: 'app-1', id: uuid, testo: 'x'.repeat(COMUNICAZIONE_MAX) };
    expect(outboxIntentSchema.safeParse({ tipo: 'comunicazione', payload: ok }).success).toBe(true);
    expect(outboxIntentSchema.safeParse({ tipo: 'comunicazione', payload: { ...ok, testo: '   ' } }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'comunicazione', payload: { ...ok, testo: 'x'.repeat(COMUNICAZIONE_MAX + 1) } }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'comunicazione', payload: { ...ok, id: 'com-1' } }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'comunicazione', payload: { appuntamentoId: 'app-1', testo: 'ciao' } }).success).toBe(false);
  });

  it('refuses a payload of the wrong kind, an unknown kind, and a booking without quesiti', () => {
    expect(outboxIntentSchema.safeParse({ tipo: 'cancella', payload: { sha256: sha, mime: 'application/pdf' } }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'rimborso', payload: {} }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'crea', payload: { ...richiesta, quesitiIds: [] } }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'upload', payload: { sha256: 'not-a-hash', mime: 'application/pdf' } }).success).toBe(false);
  });
});
