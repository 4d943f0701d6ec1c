import path from 'node:path';
import readline from 'node:readline';
import { AppError } from '../common/errors';
import { chiaveDemo } from '../core/chiave/file';
import { ChiaveInstallazione } from '../core/chiave/installazione';
import { esistonoDatiCifrati } from '../core/chiave/stato';
import { systemClock } from '../core/clock';
import type { Logger } from '../core/log';

// Which key opens the database the CLI was given. An office's database (servizi/<service>/<office>/,
// or any with --servizio) needs the installation's key, unwrapped with the office passphrase from
// CASSETTO_PASSPHRASE or, at a terminal, a prompt that does not echo it — never from argv. Any other
// database is a demo one (invented data): its key sits beside it, as in the app.

export async function chiavePerCli(dbPath: string, conServizio: boolean, logger: Logger): Promise<Buffer | undefined> {
  if (dbPath === ':memory:') return undefined;
  const dir = path.dirname(path.resolve(dbPath));
  const ufficio = path.basename(path.dirname(path.dirname(dir))) === 'servizi';
  if (!ufficio && !conServizio) return chiaveDemo(dir);
  const dataDir = ufficio ? path.dirname(path.dirname(path.dirname(dir))) : dir;
  const passphrase = process.env.CASSETTO_PASSPHRASE ?? (process.stdin.isTTY ? await chiediPassphrase() : null);
  const chiave = new ChiaveInstallazione({
    dataDir,
    custode: null,
    passphraseAmbiente: passphrase,
    esistonoDatiCifrati: () => esistonoDatiCifrati(dataDir),
    clock: systemClock,
    logger,
  });
  await chiave.prepara();
  const { stato, motivo } = chiave.descrizione();
  const trovata = chiave.chiave();
  if (trovata) return trovata;
  if (stato === 'bloccata' || stato === 'da-impostare') {
    throw new AppError(
      'PASSPHRASE_MANCANTE',
      'Questo database è cifrato con la chiave dell’ufficio: imposta la variabile d’ambiente CASSETTO_PASSPHRASE con la passphrase (mai sulla riga di comando) o lancia il comando da un terminale.',
    );
  }
  if (stato === 'mancante' || stato === 'danneggiata') {
    throw new AppError('CHIAVE_NON_DISPONIBILE', `${motivo ?? 'La chiave dei dati non è disponibile.'} Nessun file è stato modificato.`);
  }
  throw new AppError(
    'CHIAVE_NON_DISPONIBILE',
    'La chiave di questa installazione è custodita dal portachiavi del sistema: usa l’app desktop, il terminale non può aprirla.',
  );
}

/** Reads a line from the terminal without echoing it. */
function chiediPassphrase(): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    process.stderr.write('Passphrase dell’ufficio: ');
    const muted = rl as unknown as { _writeToOutput: (s: string) => void };
    muted._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
