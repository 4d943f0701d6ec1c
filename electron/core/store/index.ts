import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { AllegatiStore } from './allegati';
import { AppuntamentiStore } from './appuntamenti';
import { BozzeStore } from './bozze';
import { CambiamentiStore } from './cambiamenti';
import { ConservazioneStore } from './conservazione';
import { ClientiStore } from './clienti';
import { DatiClienteStore } from './datiCliente';
import { DelegheStore } from './deleghe';
import { OperatoriStore } from './operatori';
import { OutboxStore } from './outbox';
import { PromemoriaStore } from './promemoria';
import { Queries } from './queries';
import { QuesitiStore } from './quesiti';
import { RapportiStore } from './rapporti';
import { RegistroStore } from './registro';
import { SediStore } from './sedi';
import { SessioneStore } from './sessione';
import { StatisticheStore } from './statistiche';
import { SyncStateStore } from './syncState';

/** The core's data layer: one typed store per entity over one set of prepared statements. */
export class Store {
  readonly queries: Queries;
  readonly allegati: AllegatiStore;
  readonly appuntamenti: AppuntamentiStore;
  readonly bozze: BozzeStore;
  readonly cambiamenti: CambiamentiStore;
  readonly clienti: ClientiStore;
  readonly conservazione: ConservazioneStore;
  readonly datiCliente: DatiClienteStore;
  readonly deleghe: DelegheStore;
  readonly operatori: OperatoriStore;
  readonly outbox: OutboxStore;
  readonly promemoria: PromemoriaStore;
  readonly quesiti: QuesitiStore;
  readonly rapporti: RapportiStore;
  readonly registro: RegistroStore;
  readonly sedi: SediStore;
  readonly sessione: SessioneStore;
  readonly statistiche: StatisticheStore;
  readonly syncState: SyncStateStore;

  constructor(db: Kysely<Database>, sqlite: BetterSqlite3.Database) {
    const q = new Queries(db, sqlite);
    this.queries = q;
    this.allegati = new AllegatiStore(q);
    this.appuntamenti = new AppuntamentiStore(q);
    this.bozze = new BozzeStore(q);
    this.cambiamenti = new CambiamentiStore(q);
    this.clienti = new ClientiStore(q);
    this.conservazione = new ConservazioneStore(q);
    this.datiCliente = new DatiClienteStore(q);
    this.deleghe = new DelegheStore(q);
    this.operatori = new OperatoriStore(q);
    this.outbox = new OutboxStore(q);
    this.promemoria = new PromemoriaStore(q);
    this.quesiti = new QuesitiStore(q);
    this.rapporti = new RapportiStore(q);
    this.sedi = new SediStore(q);
    this.sessione = new SessioneStore(q);
    this.statistiche = new StatisticheStore(q);
    this.registro = new RegistroStore(q, this.sessione);
    this.syncState = new SyncStateStore(q);
  }

  /** All of it commits, or none (IMMEDIATE: the write lock is taken up front). */
  transaction<T>(work: () => T): T {
    return this.queries.transaction(work);
  }
}
