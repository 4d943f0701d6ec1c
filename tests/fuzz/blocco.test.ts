import { describe, expect, it } from 'vitest';
import { checkPartizione, tipoDi } from './blocco';
import type { FuzzState } from './ops';

// The batch checks must be able to fail: a check that never fires proves nothing.
describe('the fuzzer’s batch checks', () => {
  const state = () => ({ failures: [] as string[], step: 7, motiviBlocco: {} as Record<string, number> }) as unknown as FuzzState;

  it('every draft of the selection comes back once, done or skipped with a reason', () => {
    const s = state();
    checkPartizione(
      s,
      'inviaBlocco',
      ['a', 'b'],
      ['a'],
      [{ id: 'b', datoreNominativo: null, motivo: 'La bozza non è completa: mancano alcuni dati. Scegli il giorno.' }],
    );
    expect(s.failures).toEqual([]);
    expect(s.motiviBlocco).toEqual({ 'inviaBlocco: La bozza non è completa: mancano alcuni dati.': 1 });
  });

  it('catches a draft lost, one reported twice, one never asked for, and a skip without a reason', () => {
    const s = state();
    checkPartizione(
      s,
      'inviaBlocco',
      ['a', 'b', 'c'],
      ['a', 'x'],
      [
        { id: 'a', datoreNominativo: null, motivo: 'Già in coda.' },
        { id: 'b', datoreNominativo: null, motivo: ' ' },
      ],
    );
    expect(s.failures).toEqual([
      'step 7: inviaBlocco: draft a of the selection came back 2 times',
      'step 7: inviaBlocco: draft c of the selection came back 0 times',
      'step 7: inviaBlocco: x came back but was not in the selection',
      'step 7: inviaBlocco: b was skipped without a reason',
    ]);
  });

  it('counts reasons by kind, without the numbers and names that tell items apart', () => {
    expect(tipoDi('Il quesito INPS.0100.2026.0000009 è già in una bozza (bozza).')).toBe('Il quesito … è già in una bozza (bozza).');
    expect(tipoDi('La sede INPS Roma – Agenzia non offre la modalità scelta: la modalità della bozza resta da scegliere.')).toBe(
      'La sede … non offre la modalità scelta: la modalità della bozza resta da scegliere.',
    );
  });
});
