import type { BackupElenco, BackupRiga, ConfigurazioneStato, FileEsportato, ServizioScelta, SyncStato } from '../../common/commands/types';
import type { Ufficio } from '../../common/domain/ufficio';
import type { CoreContext } from '../context';

/** What commands may ask of the workspace that holds the current core (absent in the CLI and tests). */
export interface WorkspaceControl {
  stato(): ConfigurazioneStato;
  /** Checks the service, then switches to its database; on any failure nothing changes. */
  impostaServizio(scelta: ServizioScelta): Promise<ConfigurazioneStato>;
  /** Logs in, opening the database of the operator's office for this service. */
  accedi(username: string, password: string): Promise<SyncStato>;
  backupElenco(): Promise<BackupElenco>;
  backupCrea(): Promise<BackupRiga>;
  /** Closes the database, restores the named backup (after checking it), reopens; the current one is kept aside. */
  backupRipristina(nome: string): Promise<ConfigurazioneStato & { precedente: string | null }>;
  /** *Esporta diagnostica*: the logs and versions as a zip, never the data. */
  exportDiagnostics(): Promise<FileEsportato>;
  /** The office's name and contact for the promemoria, kept in impostazioni.json. */
  impostaUfficio(ufficio: Ufficio): ConfigurazioneStato;
  /** First run without an OS secret store: the office passphrase that wraps the database key. */
  chiaveImposta(passphrase: string, conferma: string): Promise<ConfigurazioneStato>;
  /** Unlocks the database key with the office passphrase (once per start). */
  chiaveSblocca(passphrase: string): Promise<ConfigurazioneStato>;
  /** Rewraps the key with a new passphrase; the data are not touched. */
  chiaveCambia(attuale: string, nuova: string, conferma: string): Promise<ConfigurazioneStato>;
  /** The context of the core open now: after a restore or a login that opened another database, not the caller's. */
  contestoCorrente(): CoreContext;
  /** Retention (#12): months after a delega ends, kept in impostazioni.json. */
  conservazioneMesi(): number;
  impostaConservazione(mesi: number): void;
}
