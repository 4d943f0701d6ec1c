import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './externalLinks';

describe('isAllowedExternalUrl', () => {
  it('lets through https links to INPS hosts', () => {
    expect(isAllowedExternalUrl('https://www.inps.it/it/it/dati-e-bilanci.html')).toBe(true);
  });
  it.each([
    'http://www.inps.it/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://www.inps.it.evil.example/',
    'https://user:pw@www.inps.it/',
    'smb://server/share',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
