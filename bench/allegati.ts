// 12. Attachments (#14): the preflight by decoding of a 3 MB PDF, a 12 MP HEIC converted to JPEG,
//     three 12 MP phone photos reduced under 3 MB, six photos merged into one PDF — each paired
//     with a baseline from the same run — and the process's RSS peak while they ran.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { sniffAllegato } from '../electron/common/domain/allegati';
import { prepara, riduci, unisci, type DaRidurre } from '../electron/core/allegati/adatta';
import { campione } from '../electron/core/allegati/prova';
import { verificaAllegato } from '../electron/core/allegati/verifica';
import { makeRow, type Row } from './table';

const MB = 1024 * 1024;

export interface AllegatiPlan {
  pdfSamples: number;
  samples: number;
}

/** Alternates subject and baseline, `n` pairs after one warm-up of each. */
async function pairs(n: number, subject: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<{ s: number[]; b: number[] }> {
  await subject();
  await baseline();
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await subject();
    s.push(performance.now() - t);
    t = performance.now();
    await baseline();
    b.push(performance.now() - t);
  }
  return { s, b };
}

export async function measureAllegati(plan: AllegatiPlan, log: (line: string) => void): Promise<Row[]> {
  log('  making the files (sharp, pdf-lib) in a child process…');
  // Made elsewhere, so this process's RSS is the attachments' work only (making a 12 MP noisy
  // picture leaves hundreds of MB in the allocator that the peak would otherwise count).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-bench-allegati-'));
  try {
    const made = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'child', 'allegati-file.ts'), dir], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`making the files failed: ${made.stderr}`);
    return await misura(plan, log, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function misura(plan: AllegatiPlan, log: (line: string) => void, dir: string): Promise<Row[]> {
  const read = (name: string) => fs.readFileSync(path.join(dir, name));
  const pdf = read('scansione.pdf');
  const heic = campione('foto12.heic');
  const foto = [1, 2, 3].map((i) => read(`foto${i}.jpg`));
  const pagine = [1, 2, 3, 4, 5, 6].map((i) => read(`pagina${i}.jpg`));
  const voci = (files: Buffer[]): DaRidurre[] => files.map((bytes, i) => ({ nomeFile: `foto${i + 1}.jpg`, mime: 'image/jpeg', bytes }));
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const rows: Row[] = [];

    log(`  preflight of a ${(pdf.byteLength / MB).toFixed(1)} MB PDF ×${plan.pdfSamples}`);
    let r = await pairs(
      plan.pdfSamples,
      () => verificaAllegato('scansione.pdf', pdf),
      async () => sniffAllegato(pdf),
    );
    rows.push(
      makeRow({
        group: '12 attachments',
        name: `preflight by decoding, ${(pdf.byteLength / MB).toFixed(1)} MB scanned PDF (pdf-lib on the warm worker)`,
        unit: 'ms',
        subject: r.s,
        baselineName: 'the previous preflight (first and last bytes)',
        baseline: r.b,
        target: { better: 'lower', on: 'p95', limit: 150, maxRatio: null },
      }),
    );

    log(`  RSS now ${(process.memoryUsage().rss / MB).toFixed(0)} MB, peak so far ${(peak / MB).toFixed(0)} MB`);
    log(`  HEIC 12 MP → JPEG ×${plan.samples}`);
    const jpeg12 = foto[0]!;
    r = await pairs(
      plan.samples,
      () => prepara('IMG_0001.HEIC', heic),
      () => sharp(jpeg12).jpeg({ quality: 90 }).toBuffer(),
    );
    rows.push(
      makeRow({
        group: '12 attachments',
        name: 'HEIC 12 MP (4032 × 3024) → JPEG, metadata removed (libheif wasm + sharp)',
        unit: 'ms',
        subject: r.s,
        baselineName: 'a 12 MP JPEG re-encoded by sharp',
        baseline: r.b,
        target: { better: 'lower', on: 'p95', limit: 2000, maxRatio: null },
      }),
    );

    const totale = foto.reduce((s, f) => s + f.byteLength, 0);
    log(`  RSS now ${(process.memoryUsage().rss / MB).toFixed(0)} MB, peak so far ${(peak / MB).toFixed(0)} MB`);
    log(`  Riduci: three 12 MP photos (${(totale / MB).toFixed(1)} MB) into 3 MB ×${plan.samples}`);
    let entra = true;
    r = await pairs(
      plan.samples,
      async () => (entra &&= (await riduci(voci(foto), 3 * MB, 3 * MB)).entra),
      () => Promise.all(foto.map((f) => sharp(f).stats())),
    );
    rows.push(
      makeRow({
        group: '12 attachments',
        name: `Riduci: three 12 MP JPEGs (${(totale / MB).toFixed(1)} MB) under 3 MB`,
        unit: 'ms',
        subject: r.s,
        baselineName: 'decoding the three photos once (sharp)',
        baseline: r.b,
        target: { better: 'lower', on: 'p95', limit: 3000, maxRatio: null },
        ...(entra ? {} : { warning: 'the result did not fit 3 MB' }),
      }),
    );

    log(`  RSS now ${(process.memoryUsage().rss / MB).toFixed(0)} MB, peak so far ${(peak / MB).toFixed(0)} MB`);
    log(`  Unisci: six 12 MP photos into one PDF ×${plan.samples}`);
    let pagineOk = true;
    r = await pairs(
      plan.samples,
      async () => (pagineOk &&= (await unisci(voci(pagine), 'documento.pdf', 3 * MB)).pagine === 6),
      async () => {
        const doc = await PDFDocument.create();
        for (const p of pagine) doc.addPage().drawImage(await doc.embedJpg(p), { x: 0, y: 0, width: 595, height: 842 });
        return doc.save();
      },
    );
    rows.push(
      makeRow({
        group: '12 attachments',
        name: 'Unisci in un PDF: six 12 MP photos, scaled to A4 at 150 dpi',
        unit: 'ms',
        subject: r.s,
        baselineName: 'pdf-lib embedding the six JPEGs as they are',
        baseline: r.b,
        target: { better: 'lower', on: 'p95', limit: 2000, maxRatio: null },
        ...(pagineOk ? {} : { warning: 'the PDF did not have six pages' }),
      }),
    );

    log(`  RSS now ${(process.memoryUsage().rss / MB).toFixed(0)} MB, peak so far ${(peak / MB).toFixed(0)} MB`);
    clearInterval(sampler);
    rows.push(
      makeRow({
        group: '12 attachments',
        name: 'RSS peak of the process during the four figures above (sampled every 5 ms)',
        unit: 'MB',
        subject: [peak / MB],
        baselineName: 'the process before them (modules loaded, files read)',
        baseline: [rssBefore / MB],
        target: null,
      }),
    );
    return rows;
  } finally {
    clearInterval(sampler);
  }
}
