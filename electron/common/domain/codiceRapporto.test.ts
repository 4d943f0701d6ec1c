import { describe, expect, it } from 'vitest';
import { CODICE_RAPPORTO_MESSAGE, codiceRapportoSchema, isValidCodiceRapporto } from './codiceRapporto';

describe('codice rapporto', () => {
  it('is exactly 10 ASCII digits after trimming', () => {
    expect(isValidCodiceRapporto('1234567890')).toBe(true);
    expect(isValidCodiceRapporto(' 0012345678 ')).toBe(true);
    for (const bad of ['', '123456789', '12345678901', '12345abcde', '12345 67890', '-123456789', '1.23456789', '١٢٣٤٥٦٧٨٩٠']) {
      expect(isValidCodiceRapporto(bad), bad).toBe(false);
    }
  });

  it('schema trims, keeps leading zeros and fails in Italian', () => {
    expect(codiceRapportoSchema.parse(' 0012345678\n')).toBe('0012345678');
    for (const bad of ['123', 1234567890, undefined]) {
      const result = codiceRapportoSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Il codice rapporto deve avere esattamente 10 cifre.');
    }
    expect(CODICE_RAPPORTO_MESSAGE).toBe('Il codice rapporto deve avere esattamente 10 cifre.');
  });
});
