import { describe, expect, it } from 'vitest';
import { forzaPassphrase } from './forza';

describe('forzaPassphrase', () => {
  it('says how many characters are missing below the core minimum', () => {
    expect(forzaPassphrase('')).toBe('vuota');
    expect(forzaPassphrase('corta')).toBe('corta');
    expect(forzaPassphrase('123456789')).toBe('corta');
  });

  it('calls repetitive or well-known strings weak even when long enough', () => {
    expect(forzaPassphrase('aaaaaaaaaaaaaaaa')).toBe('debole');
    expect(forzaPassphrase('1234567890')).toBe('debole');
    expect(forzaPassphrase('Password2024!')).toBe('debole');
    expect(forzaPassphrase('ufficiodiroma')).toBe('debole');
  });

  it('rates a sentence the office remembers above a short word', () => {
    expect(forzaPassphrase('girasole17x')).toBe('discreta');
    expect(forzaPassphrase('il gatto dorme sul divano rosso')).toBe('buona');
    expect(forzaPassphrase('Il caffè di via Roma alle 9!')).toBe('buona');
  });
});
