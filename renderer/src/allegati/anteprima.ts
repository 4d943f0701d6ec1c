// Thumbnails of attachments, drawn in the renderer: first page of a PDF (pdf.js), first image of a
// TIFF (UTIF), JPEG and PNG as they are. The libraries load on first use, not with the app.

export const LATO_ANTEPRIMA = 160;

/** An object URL for the thumbnail; the caller revokes it. */
export async function creaAnteprima(bytes: Uint8Array, mime: string, lato = LATO_ANTEPRIMA): Promise<string> {
  switch (mime) {
    case 'image/jpeg':
    case 'image/png':
      return URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
    case 'application/pdf':
      return canvasUrl(await primaPaginaPdf(bytes, lato));
    case 'image/tiff':
      return canvasUrl(await primaImmagineTiff(bytes, lato));
    default:
      throw new Error(`no preview for ${mime}`);
  }
}

async function primaPaginaPdf(bytes: Uint8Array, lato: number): Promise<HTMLCanvasElement> {
  const pdfjs = await import('pdfjs-dist');
  if (!pdfjs.GlobalWorkerOptions.workerSrc) {
    pdfjs.GlobalWorkerOptions.workerSrc = (await import('pdfjs-dist/build/pdf.worker.min.mjs?url')).default;
  }
  // A copy: pdf.js transfers the buffer to its worker, and the caller may still need the bytes.
  // No eval (the CSP forbids it) and nothing fetched from outside the file.
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  const doc = await task.promise;
  try {
    const page = await doc.getPage(1);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: lato / Math.max(base.width, base.height) });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    await page.render({ canvas, viewport }).promise;
    return canvas;
  } finally {
    await doc.destroy();
  }
}

async function primaImmagineTiff(bytes: Uint8Array, lato: number): Promise<HTMLCanvasElement> {
  const UTIF = (await import('utif2')).default;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const ifds = UTIF.decode(buffer);
  const first = ifds[0];
  if (!first) throw new Error('TIFF without images');
  UTIF.decodeImage(buffer, first);
  const rgba = UTIF.toRGBA8(first);
  const full = document.createElement('canvas');
  full.width = first.width;
  full.height = first.height;
  const pixels = new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.byteLength);
  full.getContext('2d')!.putImageData(new ImageData(pixels, first.width, first.height), 0, 0);
  const scale = Math.min(1, lato / Math.max(first.width, first.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(first.width * scale));
  canvas.height = Math.max(1, Math.round(first.height * scale));
  canvas.getContext('2d')!.drawImage(full, 0, 0, canvas.width, canvas.height);
  return canvas;
}

function canvasUrl(canvas: HTMLCanvasElement): Promise<string> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(URL.createObjectURL(blob)) : reject(new Error('canvas without image'))), 'image/png');
  });
}
