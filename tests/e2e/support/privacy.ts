import fs from 'node:fs';
import path from 'node:path';
import { generateDataset } from '../../../electron/common/demo/index';
import { romeDate } from '../../../electron/common/domain/calendario';

// The demo office's personal values (and what the tests type in), to be sure none reaches a log.
let personal: string[] | null = null;

/** Notes and file names the end-to-end tests enter: an operator's words, never to be logged. */
const TYPED = [
  'Il datore porterà le ricevute dei versamenti',
  'Scritta prima della revoca',
  'Preparata prima della revoca',
  'ricevuta.pdf',
  'scansione.tif',
  'documento.jpg',
];

function personalValues(): string[] {
  if (personal) return personal;
  // The embedded demo: seed 1, small, generated for today (names and codes do not depend on the day).
  const dataset = generateDataset({ seed: 1, size: 'small', today: romeDate(new Date()) });
  const values = new Set<string>(TYPED);
  for (const d of dataset.datori) {
    values.add(d.codiceFiscale);
    values.add(`${d.cognome} ${d.nome}`);
    values.add(`${d.nome} ${d.cognome}`);
    if (d.telefono) values.add(d.telefono);
    if (d.email) values.add(d.email);
  }
  for (const r of dataset.rapporti) {
    values.add(r.lavoratoreCf);
    values.add(r.lavoratoreNominativo);
  }
  personal = [...values].filter((v) => v.length >= 6);
  return personal;
}

/** Every personal value found in the data folder's log files or the process's stderr. */
export function personalDataInLogs(dataDir: string, stderr: string): string[] {
  const logDir = path.join(dataDir, 'log');
  const texts = [stderr];
  if (fs.existsSync(logDir)) for (const f of fs.readdirSync(logDir)) if (f.endsWith('.log')) texts.push(fs.readFileSync(path.join(logDir, f), 'utf8'));
  const all = texts.join('\n');
  return personalValues().filter((v) => all.includes(v));
}

// What plays INPS's side (the embedded sandbox's own store) is not the app's: it is left out of the scan.
const SANDBOX_FILE = /^sandbox-demo\.sqlite(-wal|-shm|-journal)?$/;
/** A codice fiscale's shape: any one in clear is a leak, whoever it belongs to. */
const CODICE_FISCALE = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/;

let needles: RegExp | null = null;

/**
 * Every file of the app under the data folder (database, WAL, attachments, backups, logs, settings)
 * that holds a demo client's codice fiscale, name or e-mail in clear — issue #12's promise that the
 * data at rest are encrypted. Answers the files' paths, relative to the folder.
 */
export function personalDataInFiles(dataDir: string): string[] {
  needles ??= new RegExp(
    [
      CODICE_FISCALE.source,
      ...personalValues()
        .filter((v) => !TYPED.includes(v))
        .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    ].join('|'),
  );
  const found: string[] = [];
  for (const rel of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
    if (SANDBOX_FILE.test(path.basename(rel)) && path.dirname(rel) === '.') continue;
    const file = path.join(dataDir, rel);
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) continue;
    const bytes = fs.readFileSync(file);
    // latin1 keeps every byte; UTF-8 text (names with accents) is also searched decoded.
    if (needles.test(bytes.toString('latin1')) || needles.test(bytes.toString('utf8'))) found.push(rel);
  }
  return found;
}
