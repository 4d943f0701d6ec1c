/** Hands a generated file to the browser (or Electron's save dialog) as a download. */
export function scaricaFile(nomeFile: string, mime: string, contenuto: string | Uint8Array): void {
  const url = URL.createObjectURL(new Blob([contenuto as BlobPart], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = nomeFile;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The bytes of a base64 payload (attachments and binary exports cross the transports as base64). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
