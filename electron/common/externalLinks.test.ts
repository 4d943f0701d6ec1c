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

  it.each([
    'mailto:mario.rossi@example.it?subject=Promemoria%20appuntamento&body=Gentile%20Mario%2C%0D%0Ale%20ricordiamo',
    'mailto:?subject=Promemoria&body=testo',
    'mailto:anna%2Bverdi@example.it?SUBJECT=x',
  ])('lets through a mailto: link to at most one address, with subject and body: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });
  it.each([
    'mailto:a@example.it,b@example.it',
    'mailto:a@example.it?cc=b@example.it',
    'mailto:a@example.it?bcc=b@example.it',
    'mailto:a@example.it?attach=C:%5CWindows%5Cfile',
    'mailto:a@example.it?to=b@example.it',
    'mailto:not-an-address',
    `mailto:a@example.it?body=${'x'.repeat(9000)}`,
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
