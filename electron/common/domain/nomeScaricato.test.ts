import { describe, expect, it } from 'vitest';
import { nomeConEstensione } from './nomeScaricato';

describe('the name of a downloaded attachment', () => {
  it.each([
    ['x.exe', 'application/pdf', 'x.pdf'],
    ['fattura.pdf.exe', 'application/pdf', 'fattura.pdf'],
    ['ricevuta.PDF', 'application/pdf', 'ricevuta.PDF'],
    ['foto.png', 'image/jpeg', 'foto.jpg'],
    ['foto.jpeg', 'image/jpeg', 'foto.jpeg'],
    ['scansione', 'image/tiff', 'scansione.tif'],
    ['MAV marzo 2024', 'application/pdf', 'MAV marzo 2024.pdf'],
    ['ricevuta 3.2024', 'application/pdf', 'ricevuta 3.2024.pdf'],
    ['.exe', 'application/pdf', 'allegato.pdf'],
    ['documento.html', 'image/png', 'documento.png'],
  ])('%s (%s) → %s', (nome, mime, atteso) => {
    expect(nomeConEstensione(nome, mime)).toBe(atteso);
  });
});
