import crypto from 'node:crypto';
import { CHIAVE_BYTES } from '../../../db/cifratura';
import type { ProtezioneDati } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { CustodeChiave } from './custode';
import { leggiFileChiave, scriviFileChiave, type FileChiave } from './file';
import { PASSPHRASE_MIN } from '../../common/model';
import { avvolgiConPassphrase, svolgiConPassphrase } from './passphrase';

/** Wrong passphrases in a row before a pause; then the pause doubles (30 s, 1 min, …, at most 15 min). */
export const TENTATIVI_PRIMA_DELLA_PAUSA = 5;
const PAUSA_BASE_MS = 30_000;
const PAUSA_MAX_MS = 15 * 60_000;

export interface ChiaveInstallazioneOptions {
  dataDir: string;
  /** The OS secret store, when a real one exists (desktop); else the office passphrase. */
  custode: CustodeChiave | null;
  /** CASSETTO_PASSPHRASE (browser host, CLI): unlocks, or sets on first run, without asking. */
  passphraseAmbiente: string | null;
  /** True when an office's database already exists encrypted: a missing key file must not be replaced by a new key. */
  esistonoDatiCifrati: () => boolean;
  clock: Clock;
  logger: Logger;
  /** Tests only: cheaper scrypt parameters (the file states the ones it was made with). */
  parametriScrypt?: { N: number; r: number; p: number };
}

/**
 * The installation's database key: made at first run (256 random bits), kept wrapped in
 * chiave.json by the OS secret store or the office passphrase, and in memory once unlocked.
 * Changing the passphrase rewraps the key; the data are not touched.
 */
export class ChiaveInstallazione {
  readonly #o: ChiaveInstallazioneOptions;
  #chiave: Buffer | null = null;
  #stato: ProtezioneDati['stato'] = 'bloccata';
  #metodo: ProtezioneDati['metodo'] = 'passphrase';
  #motivo: string | null = null;
  #falliti = 0;
  #pausaFino = 0;

  constructor(options: ChiaveInstallazioneOptions) {
    this.#o = options;
  }

  /** Reads the key file and unlocks what can be unlocked without asking the operator. */
  async prepara(): Promise<void> {
    const letta = leggiFileChiave(this.#o.dataDir);
    if (letta.kind === 'assente') {
      if (this.#o.esistonoDatiCifrati()) {
        this.#blocca('mancante', 'Manca il file della chiave (chiave.json) che protegge i dati cifrati di questa installazione.');
        return;
      }
      if (this.#o.custode) return this.#crea((chiave) => this.#conCustode(chiave));
      this.#metodo = 'passphrase';
      this.#stato = 'da-impostare';
      if (this.#o.passphraseAmbiente) await this.imposta(this.#o.passphraseAmbiente, this.#o.passphraseAmbiente);
      return;
    }
    if (letta.kind === 'danneggiata') {
      this.#o.logger.log('error', 'key file unreadable', { reason: letta.motivo.slice(0, 200) });
      this.#blocca('danneggiata', 'Il file della chiave (chiave.json) è danneggiato.');
      return;
    }
    const { protezione } = letta.file;
    this.#metodo = protezione.metodo;
    if (protezione.metodo === 'safeStorage') {
      if (!this.#o.custode) {
        this.#blocca('mancante', 'La chiave è protetta dal portachiavi del sistema operativo, che ora non è disponibile.');
        return;
      }
      try {
        this.#sbloccata(this.#o.custode.svolgi(Buffer.from(protezione.chiave, 'base64')));
      } catch (error) {
        this.#o.logger.log('error', 'OS secret store could not unwrap the key', { error: String(error).slice(0, 200) });
        this.#blocca('danneggiata', 'Il portachiavi del sistema non riesce ad aprire la chiave: è stata creata da un altro utente o su un altro PC.');
      }
      return;
    }
    this.#stato = 'bloccata';
    if (this.#o.passphraseAmbiente) await this.sblocca(this.#o.passphraseAmbiente);
  }

  descrizione(): ProtezioneDati {
    const attesa = Math.max(0, Math.ceil((this.#pausaFino - this.#o.clock.now().getTime()) / 1000));
    return { stato: this.#stato, metodo: this.#metodo, motivo: this.#motivo, attesaSecondi: attesa };
  }

  /** The key; null until unlocked. */
  chiave(): Buffer | null {
    return this.#chiave;
  }

  /** First run without an OS secret store: the office chooses its passphrase. */
  async imposta(passphrase: string, conferma: string): Promise<void> {
    if (this.#stato !== 'da-impostare')
      throw new AppError('NON_DISPONIBILE', 'La passphrase dell’ufficio è già impostata: per cambiarla usa Impostazioni → Protezione dei dati.');
    controllaNuova(passphrase, conferma);
    await this.#crea(async (chiave) => avvolgiConPassphrase(chiave, passphrase, this.#o.parametriScrypt));
    this.#o.logger.log('info', 'office passphrase set, database key created');
  }

  /** Answers how many wrong passphrases came before this one (the registro records them once the data are open). */
  async sblocca(passphrase: string): Promise<{ tentativiFalliti: number }> {
    if (this.#stato === 'sbloccata') return { tentativiFalliti: 0 };
    if (this.#stato !== 'bloccata') throw this.#nonSbloccabile();
    const file = this.#filePassphrase();
    this.#controllaPausa();
    const chiave = await svolgiConPassphrase(file.protezione, passphrase);
    if (!chiave) throw this.#tentativoFallito();
    const tentativiFalliti = this.#falliti;
    this.#falliti = 0;
    this.#sbloccata(chiave);
    return { tentativiFalliti };
  }

  /** Rewraps the same key with the new passphrase: the databases, attachments and backups stay as they are. */
  async cambiaPassphrase(attuale: string, nuova: string, conferma: string): Promise<void> {
    if (this.#stato !== 'sbloccata' || this.#metodo !== 'passphrase') {
      throw new AppError('NON_DISPONIBILE', 'Su questo PC la chiave è custodita dal portachiavi del sistema: non c’è una passphrase da cambiare.');
    }
    const file = this.#filePassphrase();
    this.#controllaPausa();
    const chiave = await svolgiConPassphrase(file.protezione, attuale);
    if (!chiave) throw this.#tentativoFallito();
    this.#falliti = 0;
    controllaNuova(nuova, conferma);
    scriviFileChiave(this.#o.dataDir, { ...file, protezione: await avvolgiConPassphrase(chiave, nuova, this.#o.parametriScrypt) });
    this.#o.logger.log('info', 'office passphrase changed (key rewrapped)');
  }

  async #crea(avvolgi: (chiave: Buffer) => Promise<FileChiave['protezione']> | FileChiave['protezione']): Promise<void> {
    const chiave = crypto.randomBytes(CHIAVE_BYTES);
    const protezione = await avvolgi(chiave);
    scriviFileChiave(this.#o.dataDir, { versione: 1, creataIl: this.#o.clock.now().toISOString(), protezione });
    this.#metodo = protezione.metodo;
    this.#sbloccata(chiave);
  }

  #conCustode(chiave: Buffer): FileChiave['protezione'] {
    const custode = this.#o.custode!;
    return { metodo: 'safeStorage', custode: custode.nome, chiave: custode.avvolgi(chiave).toString('base64') };
  }

  #filePassphrase(): FileChiave & { protezione: { metodo: 'passphrase' } } {
    const letta = leggiFileChiave(this.#o.dataDir);
    if (letta.kind !== 'ok' || letta.file.protezione.metodo !== 'passphrase') {
      this.#blocca(letta.kind === 'assente' ? 'mancante' : 'danneggiata', 'Il file della chiave (chiave.json) manca o è danneggiato.');
      throw this.#nonSbloccabile();
    }
    return letta.file as FileChiave & { protezione: { metodo: 'passphrase' } };
  }

  #controllaPausa(): void {
    const attesa = this.descrizione().attesaSecondi;
    if (attesa > 0) {
      throw new AppError('TROPPI_TENTATIVI', `Troppe passphrase sbagliate di fila: riprova tra ${attesa} secondi. I dati non sono stati toccati.`);
    }
  }

  #tentativoFallito(): AppError {
    this.#falliti += 1;
    this.#o.logger.log('warn', 'wrong office passphrase', { inARow: this.#falliti });
    if (this.#falliti >= TENTATIVI_PRIMA_DELLA_PAUSA) {
      const pausa = Math.min(PAUSA_MAX_MS, PAUSA_BASE_MS * 2 ** (this.#falliti - TENTATIVI_PRIMA_DELLA_PAUSA));
      this.#pausaFino = this.#o.clock.now().getTime() + pausa;
      return new AppError(
        'TROPPI_TENTATIVI',
        `Passphrase non corretta per la ${this.#falliti}ª volta di fila: riprova tra ${Math.ceil(pausa / 1000)} secondi. I dati non sono stati toccati.`,
      );
    }
    const rimasti = TENTATIVI_PRIMA_DELLA_PAUSA - this.#falliti;
    return new AppError(
      'PASSPHRASE_ERRATA',
      `Passphrase non corretta. ${rimasti === 1 ? 'Ancora un tentativo' : `Ancora ${rimasti} tentativi`} prima di una breve pausa. I dati non sono stati toccati.`,
    );
  }

  #nonSbloccabile(): AppError {
    return new AppError(
      'CHIAVE_NON_DISPONIBILE',
      `${this.#motivo ?? 'La chiave dei dati non è disponibile.'} Nessun file è stato modificato: rimetti al suo posto chiave.json da una copia della cartella dei dati (o un backup completo della cartella), poi riavvia. Senza la chiave i dati cifrati non si possono aprire.`,
    );
  }

  #blocca(stato: 'mancante' | 'danneggiata', motivo: string): void {
    this.#stato = stato;
    this.#motivo = motivo;
    this.#chiave = null;
  }

  #sbloccata(chiave: Buffer): void {
    if (chiave.length !== CHIAVE_BYTES) throw new AppError('CHIAVE_NON_DISPONIBILE', 'La chiave dei dati risulta danneggiata.');
    this.#chiave = chiave;
    this.#stato = 'sbloccata';
    this.#motivo = null;
  }
}

function controllaNuova(passphrase: string, conferma: string): void {
  if (passphrase.length < PASSPHRASE_MIN) {
    throw new AppError('PASSPHRASE_DEBOLE', `La passphrase deve avere almeno ${PASSPHRASE_MIN} caratteri: usa una frase che l’ufficio ricordi.`);
  }
  if (passphrase !== conferma) throw new AppError('PASSPHRASE_DIVERSE', 'Le due passphrase non coincidono: riscrivile.');
}
