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
