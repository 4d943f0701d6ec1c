// Thumbnails of attachments, drawn in the renderer: a page of a PDF (pdf.js), an image of a TIFF
// (UTIF) — the first unless asked, paged through in the viewer (#14) — JPEG and PNG as they are.
// The libraries load on first use, not with the app.

export const LATO_ANTEPRIMA = 160;

/** An object URL for the thumbnail of page `pagina` (from 1); the caller revokes it. */
export async function creaAnteprima(bytes: Uint8Array, mime: string, lato = LATO_ANTEPRIMA, pagina = 1): Promise<string> {
  switch (mime) {
    case 'image/jpeg':
    case 'image/png':
      return URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
    case 'application/pdf':
      return canvasUrl(await paginaPdf(bytes, lato, pagina));
    case 'image/tiff':
      return canvasUrl(await immagineTiff(bytes, lato, pagina));
    default:
      throw new Error(`no preview for ${mime}`);
  }
}

/** How many pages the viewer can show: a PDF's pages, a TIFF's images, 1 for anything else. */
export async function contaPagine(bytes: Uint8Array, mime: string): Promise<number> {
  if (mime === 'image/tiff') {
    const UTIF = (await import('utif2')).default;
    return Math.max(1, UTIF.decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).length);
  }
  if (mime !== 'application/pdf') return 1;
  const doc = await apriPdf(bytes);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

async function apriPdf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist');
  if (!pdfjs.GlobalWorkerOptions.workerSrc) {
    pdfjs.GlobalWorkerOptions.workerSrc = (await import('pdfjs-dist/build/pdf.worker.min.mjs?url')).default;
  }
  // A copy: pdf.js transfers the buffer to its worker, and the caller may still need the bytes.
  // No eval (the CSP forbids it) and nothing fetched from outside the file.
  return pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false }).promise;
}

async function paginaPdf(bytes: Uint8Array, lato: number, pagina: number): Promise<HTMLCanvasElement> {
  const doc = await apriPdf(bytes);
  try {
    const page = await doc.getPage(Math.min(Math.max(1, pagina), doc.numPages));
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

async function immagineTiff(bytes: Uint8Array, lato: number, pagina: number): Promise<HTMLCanvasElement> {
  const UTIF = (await import('utif2')).default;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const ifds = UTIF.decode(buffer);
  const first = ifds[Math.min(Math.max(1, pagina), ifds.length) - 1];
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
