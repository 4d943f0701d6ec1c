import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../app';
import type { Clock } from '../clock';
import { HttpGateway, type CredentialStore } from '../gateway/httpGateway';
import { DATABASE_FILE } from '../paths';
import { cifraCopieInChiaro } from '../backup/cifraCopie';
import { vacuumPrimaDellApertura } from '../conservazione/vacuum';
import { storiaOrariDemo } from './osservazioniDemo';
import { cifraDatabaseInChiaro, daCifrare } from '../chiave/cifraDatabase';
import { foldersOf, preEncryptionBackup, preMigrationBackup } from './backups';
import type { ServizioConfig } from './config';
import type { WorkspaceControl } from './control';
import type { DemoService, WorkspaceOptions } from './options';
import { isRecoverable, recoveryFor, type Recupero } from './recovery';
import { serviceKey } from './servizio';

// Which database a service and office use, and the core opened on it. The workspace switches to
// what these functions open, and only then closes the core it had.

/** A core open in the workspace, and what it was opened for. */
export interface Opened {
  core: Core;
  servizio: ServizioConfig | null;
  /** The database open now; null for a blank core. */
  database: string | null;
  /** The database file of this service and office, open or not (a damaged one awaiting restore). */
  target: string | null;
  /** The key of `target` (the demo's own, or the installation's); absent while locked or with no database. */
  chiave?: Buffer | undefined;
}

/** What opening a core needs from the workspace. */
export interface OpenContext {
  options: WorkspaceOptions;
  clock: Clock;
  /** The workspace itself: the core hands it to the commands that act on the data folder. */
  workspace: WorkspaceControl;
  /** The embedded demo service, started on first use. */
  demo(): Promise<DemoService>;
  /** The restore to offer: cleared before a service's database is opened, set when it cannot be. */
  offerRecovery(recupero: Recupero): void;
  /** The database key for a service: the demo's own, or the installation's (null while the passphrase is needed). */
  chiave(servizio: ServizioConfig): Buffer | null;
  /** Encrypts the plain attachment files of a store (the first start after the upgrade, a restored old backup). */
  cifraAllegati(allegatiDir: string, chiave: Buffer): void | Promise<void>;
}

/** Opens the core for a service and office, or a blank one when no service is chosen. */
export async function openFor(context: OpenContext, servizio: ServizioConfig | null): Promise<Opened> {
  const { options, clock } = context;
  const common = commonOptions(context);
  if (servizio === null) {
    // First run: a blank in-memory core answers the screens until a service is chosen.
    return { core: await openCore({ dbPath: ':memory:', ...common }), servizio: null, database: null, target: null };
  }
  if (servizio.tipo === 'sandbox') {
    const demo = await context.demo();
    const credentials = options.credentialsFor('sandbox', demo.credentials);
    const gateway = new HttpGateway({ baseUrl: demo.url, credentials, clock });
    const database = options.demoDbPath ?? path.join(options.dataDir, DATABASE_FILE);
    const opened = await openDatabase(context, database, servizio, credentials, gateway);
    if (opened.database !== null) storiaOrariDemo(opened.core, clock);
    return opened;
  }
  const key = serviceKey(servizio.url);
  const credentials = options.credentialsFor(key, null);
  const gateway = new HttpGateway({ baseUrl: servizio.url, credentials, clock, ...(options.fetch ? { fetch: options.fetch } : {}) });
  if (!servizio.intermediarioId) {
    // Not logged in yet: the office (and so the database) is known only after the login.
    return { core: await openCore({ dbPath: ':memory:', gateway, credentials, ...common }), servizio, database: null, target: null };
  }
  const dir = path.join(options.dataDir, 'servizi', key, servizio.intermediarioId.replace(/[^a-zA-Z0-9_-]/g, '_'));
  fs.mkdirSync(dir, { recursive: true });
  return openDatabase(context, path.join(dir, DATABASE_FILE), servizio, credentials, gateway);
}

function commonOptions({ options, clock, workspace }: OpenContext) {
  return { logger: options.logger, clock, desktop: options.desktop ?? null, workspace };
}

/**
 * A service's database, with its pre-migration backup. If it cannot be opened (damaged, not
 * ours, too new) the app still starts: a blank core, and the latest good backup offered.
 */
async function openDatabase(
  context: OpenContext,
  database: string,
  servizio: ServizioConfig,
  credentials: CredentialStore,
  gateway: HttpGateway,
): Promise<Opened> {
  const { logger } = context.options;
  const common = commonOptions(context);
  context.offerRecovery(null);
  if (database === ':memory:') return { core: await openCore({ dbPath: database, gateway, credentials, ...common }), servizio, database, target: null };
  const chiave = context.chiave(servizio);
  // The passphrase is needed first: a blank core answers the unlock page (configurazione.stato's protezione).
  if (!chiave) return { core: await openCore({ dbPath: ':memory:', ...common }), servizio, database: null, target: database };
  try {
    // Just encrypted: the pre-encryption backup (a second ago, same schema) is also the pre-migration one.
    const cifrato = daCifrare(database);
    if (cifrato) {
      const { allegatiDir } = foldersOf(database);
      await cifraDatabaseInChiaro({
        database,
        chiave,
        cifraAllegati: () => context.cifraAllegati(allegatiDir, chiave),
        backup: (copia) => preEncryptionBackup(copia, database, chiave, logger),
        logger,
        ...(context.options.cifraturaProbe ? { probe: context.options.cifraturaProbe } : {}),
      });
    }
    // Backups made before encryption, and databases a restore set aside, are encrypted too.
    await cifraCopieInChiaro({ dir: path.dirname(database), chiave, cifraAllegati: (dir) => context.cifraAllegati(dir, chiave), logger });
    await vacuumPrimaDellApertura(database, chiave, logger);
    const beforeMigrate = cifrato ? undefined : preMigrationBackup(database, logger, chiave);
    const core = await openCore({
      dbPath: database,
      chiave,
      gateway,
      credentials,
      ...(beforeMigrate ? { beforeMigrate } : {}),
      integrityCheck: 'later',
      ...common,
    });
    return { core, servizio, database, target: database, chiave };
  } catch (error) {
    if (!isRecoverable(error)) throw error;
    const recupero = await recoveryFor(database, error.message, logger, chiave);
    logger.log('error', 'database unusable at start, recovery offered', { code: error.code, backup: recupero.backup !== null });
    context.offerRecovery(recupero);
    return { core: await openCore({ dbPath: ':memory:', ...common }), servizio, database: null, target: database, chiave };
  }
}
