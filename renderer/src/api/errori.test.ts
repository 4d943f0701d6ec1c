import { describe, expect, it } from 'vitest';
import { it as messaggi } from '../i18n/it';
import { CommandError } from './client';
import { messaggioErrore } from './errori';

describe('messaggioErrore', () => {
  it('shows the core’s Italian message for a refused command', () => {
    expect(messaggioErrore(new CommandError('NON_TROVATO', 'Appuntamento non trovato.', []))).toBe('Appuntamento non trovato.');
    expect(messaggioErrore(new CommandError('NON_TROVATO', 'Appuntamento non trovato.', []), 'altro')).toBe('Appuntamento non trovato.');
  });

  it('never shows an internal error: the generic message, or the caller’s', () => {
    expect(messaggioErrore(new TypeError('x is undefined'))).toBe(messaggi.errori.generico);
    expect(messaggioErrore('boom', messaggi.allegati.anteprimaNonRiuscita)).toBe(messaggi.allegati.anteprimaNonRiuscita);
  });
});
