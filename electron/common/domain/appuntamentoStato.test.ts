import { describe, expect, it } from 'vitest';
import { APPUNTAMENTO_STATI } from '../model';
import type { AppuntamentoStato } from '../model';
import { STATO_LABELS, canTransition, isCancellabile, motivoNonCancellabile } from './appuntamentoStato';

describe('appointment status machine', () => {
  const allowed = new Set(['confermato→chiuso_definito', 'confermato→cancellato']);

  it('allows only Confermato → Chiuso e Definito | Cancellato (all 9 pairs)', () => {
    let pairs = 0;
    for (const from of APPUNTAMENTO_STATI) {
      for (const to of APPUNTAMENTO_STATI) {
        expect(canTransition(from, to), `${from}→${to}`).toBe(allowed.has(`${from}→${to}`));
        pairs++;
      }
    }
    expect(pairs).toBe(9);
  });

  it('cancels only Confermato, and says why not otherwise', () => {
    const expected: Record<AppuntamentoStato, string | null> = {
      confermato: null,
      chiuso_definito: "L'appuntamento è chiuso e definito: non si può cancellare.",
      cancellato: "L'appuntamento è già cancellato.",
    };
    for (const stato of APPUNTAMENTO_STATI) {
      expect(isCancellabile(stato)).toBe(stato === 'confermato');
      expect(motivoNonCancellabile(stato)).toBe(expected[stato]);
    }
  });

  it('labels every status', () => {
    expect(APPUNTAMENTO_STATI.map((s) => STATO_LABELS[s])).toEqual(['Confermato', 'Chiuso e Definito', 'Cancellato']);
  });
});
