import { describe, expect, it } from 'vitest';
import { outboxIntentSchema } from './intent';

const sha = 'a'.repeat(64);
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
  });

  it('refuses a payload of the wrong kind, an unknown kind, and a booking without quesiti', () => {
    expect(outboxIntentSchema.safeParse({ tipo: 'cancella', payload: { sha256: sha, mime: 'application/pdf' } }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'rimborso', payload: {} }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'crea', payload: { ...richiesta, quesitiIds: [] } }).success).toBe(false);
    expect(outboxIntentSchema.safeParse({ tipo: 'upload', payload: { sha256: 'not-a-hash', mime: 'application/pdf' } }).success).toBe(false);
  });
});
