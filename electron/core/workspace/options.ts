import type { PassoCifratura } from '../chiave/cifraDatabase';
import type { CustodeChiave } from '../chiave/custode';
import type { Clock } from '../clock';
import type { DesktopShell } from '../desktop';
import type { CredentialStore, Credentials } from '../gateway/httpGateway';
import type { Transport } from '../gateway/transport';
import type { Logger } from '../log';

export interface DemoService {
  url: string;
  credentials: Credentials;
  close(): Promise<void>;
}

/** What the shells (Electron, browser host) and the tests give the workspace. */
export interface WorkspaceOptions {
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  desktop?: DesktopShell | null;
  /** Starts the embedded demo service (the shells pass the sandbox's startEmbeddedDemo). */
  startDemo: () => Promise<DemoService>;
  /** Where a service's operator credentials live: safeStorage in Electron, memory elsewhere. */
  credentialsFor: (key: string, initial: Credentials | null) => CredentialStore;
  /** The demo's database (default: <dataDir>/cassetto.sqlite). */
  demoDbPath?: string;
  /** With no service chosen yet, use the demo (npm start) instead of showing the first-run screen. */
  defaultToDemo?: boolean;
  /** Background pulls; null: only on request (tests). */
  pullIntervalMs?: number | null;
  /**
   * How a remote service is reached (the set-up check, the login, the sync): Electron's net.fetch on
   * the desktop (system proxy and certificates), the environment's proxy in the browser host; default
   * Node's fetch. The embedded demo is on loopback and always uses Node's fetch.
   */
  fetch?: Transport;
  /** Scheduled backups; false in tests that do not want timers (the pre-migration one always runs). */
  scheduledBackups?: boolean;
  /** Writes out buffered log lines (before the diagnostics zip is made). */
  flushLogs?: () => Promise<void>;
  /** The OS secret store that wraps the database key (desktop, only when it is a real one); else the office passphrase. */
  custode?: CustodeChiave | null;
  /** Desktop: why there is no OS secret store (told to the operator through configurazione.stato's protezione). */
  portachiavi?: 'basic_text' | 'assente' | null;
  /** The office passphrase from CASSETTO_PASSPHRASE (browser host, CLI): never from argv. */
  passphrase?: string | null;
  /** Test only: the crash test's kill points in the encryption of a plain database (chiave/cifraDatabase.ts). */
  cifraturaProbe?: (passo: PassoCifratura) => void;
}
