import type { AllegatoMime } from './allegati';

/** The extensions each attachment type is known by; the first is the one given. */
export const ESTENSIONI_ALLEGATO: Record<AllegatoMime, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/tiff': ['.tif', '.tiff'],
};

/**
 * The name an attachment is saved under when downloaded: its own, with the extension of the type
 * sniffed from its bytes — «x.exe» holding a PDF is saved as «x.pdf», so the system opens it as
 * what it is and never runs it. A name without an extension gets one.
 */
export function nomeConEstensione(nome: string, mime: string): string {
  const estensioni = ESTENSIONI_ALLEGATO[mime as AllegatoMime];
  if (!estensioni) return nome;
  if (estensioni.some((e) => nome.toLowerCase().endsWith(e))) return nome;
  const base = nome.replace(/\.[A-Za-z][A-Za-z0-9]{0,7}$/, '').replace(/[.\s]+$/, '');
  // «fattura.pdf.exe» holding a PDF: the extension under the false one is already right.
  if (estensioni.some((e) => base.toLowerCase().endsWith(e))) return base;
  return `${base || 'allegato'}${estensioni[0]}`;
}
