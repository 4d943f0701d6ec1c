// Test helpers for the core: an in-memory core on a fixed day, and a small hand-made office.
import { buildCodiceFiscale } from '../common/domain/codiceFiscale';
import type { Appuntamento, Argomento, Datore, Delega, Quesito, Rapporto, Sede } from '../common/model';
import type { PrenotazioneRichiesta } from '../common/remote/changes';
import { useFixture } from '../common/testing/fixture';
import { openCore, type Core } from './app';
import { fixedClock } from './clock';
import type { DesktopShell } from './desktop';
import type { CredentialStore } from './gateway/httpGateway';
import { silentLogger } from './log';
import { CacheWriter } from './store/cacheWriter';
import type { RemoteService } from './sync/service';

/** 10 March 2026, 10:00 in Rome. */
export const TEST_NOW = '2026-03-10T09:00:00.000Z';

export interface TestCoreOptions {
  dbPath?: string;
  /** The database key (the database and the attachments encrypted, as in the app); absent: a plain database. */
  chiave?: Buffer;
  gateway?: RemoteService;
  credentials?: CredentialStore;
  desktop?: DesktopShell;
  /** With FIXTURE's office in the cache (`seedFixture`). */
  seed?: boolean;
}

export async function openTestCore(options: TestCoreOptions = {}): Promise<Core> {
  const core = await openCore({
    dbPath: options.dbPath ?? ':memory:',
    ...(options.chiave ? { chiave: options.chiave } : {}),
    clock: fixedClock(TEST_NOW),
    logger: silentLogger,
    gateway: options.gateway ?? null,
    credentials: options.credentials ?? null,
    desktop: options.desktop ?? null,
  });
  if (options.seed) seedFixture(core);
  return core;
}

/**
 * Registers a test core's opening and closing: before and after each test, or with `scope: 'suite'`
 * once around the tests of the file or `describe` it is called in. The Core returned reads the one
 * open at the time (outside the tests there is none).
 */
export function useTestCore(options: TestCoreOptions & { scope?: 'test' | 'suite' } = {}): Core {
  return useFixture({ what: 'useTestCore: the core', scope: options.scope, open: () => openTestCore(options), close: (core) => core.close() }, [
    'ctx',
    'events',
    'logger',
    'dispatcher',
    'close',
  ]);
}

/** A remote with one sede to send: if anything reaches it, the sedi table shows it. */
/** A booking request for FIXTURE's first rapporto (quesito 2) at sede 's', as the outbox sends it. */
export const RICHIESTA_DI_PROVA: PrenotazioneRichiesta = {
  codiceRapporto: '0000123456',
  quesitiIds: ['2'],
  sedeId: 's',
  data: '2026-03-20',
  ora: '09:00',
  modalita: 'presenza',
  nota: null,
  allegati: [],
};

/** A sede as the feed brings it: Roma Eur, in person, 20-minute slots, no hours; a test sets what it needs. */
export function sedeDiProva(over: Partial<Sede> = {}): Sede {
  return {
    id: 's1',
    nome: 'INPS Roma Eur',
    indirizzo: 'Viale Civiltà del Lavoro 46',
    comune: 'Roma',
    provincia: 'RM',
    modalita: ['presenza'],
    slotMinuti: 20,
    orari: {},
    chiusure: [],
    ...over,
  };
}

/** A Confermato appointment on FIXTURE's first rapporto (Rossi's), booked by op-001 on 1 March; a test sets what it needs. */
export function appuntamentoDiProva(id: string, over: Partial<Appuntamento> = {}): Appuntamento {
  return {
    id,
    codiceRapporto: '0000123456',
    datoreCf: FIXTURE.datori[0]!.codiceFiscale,
    sedeId: 's1',
    data: '2026-03-20',
    ora: '09:00',
    modalita: 'presenza',
    stato: 'confermato',
    cancellatoDa: null,
    motivoStato: null,
    nota: null,
    gestitoDaIntermediario: true,
    operatoreId: 'op-001',
    quesitiIds: [],
    creatoIl: '2026-03-01T08:00:00.000Z',
    aggiornatoIl: '2026-03-01T08:00:00.000Z',
    ...over,
  };
}

export function oneSedeGateway(): RemoteService & { calls: number } {
  const gateway = {
    calls: 0,
    creaAppuntamento: () => Promise.reject(new Error('not expected')),
    cancellaAppuntamento: () => Promise.reject(new Error('not expected')),
    caricaAllegato: () => Promise.reject(new Error('not expected')),
    inviaComunicazione: () => Promise.reject(new Error('not expected')),
    logout: () => undefined,
    slotLiberi: () => Promise.resolve([]),
    operatori: () => Promise.resolve([{ id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1' }]),
    async changes() {
      gateway.calls += 1;
      const sede = sedeDiProva({ id: 'sede-x', orari: { 1: { dalle: '08:30', alle: '12:30' } } });
      return { changes: [{ seq: 1, entity: 'sede' as const, op: 'upsert' as const, data: sede }], nextCursor: 'c1', hasMore: false };
    },
  };
  return gateway;
}

const datore = (cognome: string, nome: string, nascita: string, sesso: 'M' | 'F', comune: string, catastale: string, provincia: string): Datore => ({
  codiceFiscale: buildCodiceFiscale({ cognome, nome, dataNascita: nascita, sesso, codiceCatastale: catastale }),
  cognome,
  nome,
  comune,
  provincia,
  telefono: null,
  email: null,
});

export const FIXTURE = (() => {
  const rossi = datore('Rossi', 'Mario', '1948-05-12', 'M', 'Roma', 'H501', 'RM');
  const bianchi = datore('Bianchi', 'Lucia', '1939-11-02', 'F', 'Milano', 'F205', 'MI');
  const esposito = datore("D'Esposito", 'Gennaro', '1955-01-30', 'M', 'Napoli', 'F839', 'NA');
  const verdi = datore('Verdi', 'Anna', '1962-07-21', 'F', 'Torino', 'L219', 'TO');
  const delega = (id: string, d: Datore, stato: Delega['stato'], extra: Partial<Delega> = {}): Delega => ({
    id,
    datoreCf: d.codiceFiscale,
    intermediarioId: 'int-1',
    stato,
    dataSottoscrizione: '2025-01-10',
    dataAttivazione: stato === 'da_attivare' ? null : '2025-01-12',
    dataScadenza: null,
    dataFine: null,
    motivoFine: null,
    ...extra,
  });
  const rapporto = (codice: string, d: Datore): Rapporto => ({
    codice,
    datoreCf: d.codiceFiscale,
    lavoratoreCf: buildCodiceFiscale({ cognome: 'Popescu', nome: 'Ioana', dataNascita: '1980-02-03', sesso: 'F', codiceCatastale: 'Z129' }),
    lavoratoreNominativo: 'Ioana Popescu',
    tipologia: 'badante',
    dataInizio: '2024-06-01',
    dataFine: null,
  });
  const argomenti: Argomento[] = [
    { codice: 'mav', descrizione: 'MAV / avvisi di pagamento', termineGiorni: 30 },
    { codice: 'contributi', descrizione: 'Contributi', termineGiorni: 60 },
  ];
  const quesito = (id: string, codiceRapporto: string, extra: Partial<Quesito>): Quesito => ({
    id,
    protocollo: `INPS.0100.2026.${id.padStart(7, '0')}`,
    codiceRapporto,
    argomento: 'mav',
    oggetto: 'MAV del trimestre non ricevuto',
    dataInvio: '2026-01-05',
    esito: 'in_attesa',
    dataEsito: null,
    motivoEsito: null,
    ...extra,
  });
  return {
    datori: [rossi, bianchi, esposito, verdi],
    deleghe: [
      delega('del-1', rossi, 'attiva', { dataScadenza: '2026-03-25' }),
      // Bianchi: an older revoked delega, then an active one — the newest counts.
      delega('del-2a', bianchi, 'revocata', { dataSottoscrizione: '2023-01-01', dataFine: '2024-01-01' }),
      delega('del-2', bianchi, 'attiva'),
      delega('del-3', esposito, 'revocata', { dataFine: '2026-02-01', motivoFine: 'Delega conferita ad altro intermediario' }),
      delega('del-4', verdi, 'da_attivare'),
    ],
    rapporti: [rapporto('0000123456', rossi), rapporto('0000123499', rossi), rapporto('9876543210', bianchi), rapporto('5555555555', esposito)],
    argomenti,
    quesiti: [
      // 30 working days after Mon 5 Jan 2026 (6 Jan is a holiday) = 17 Feb: idoneo since 18 Feb.
      quesito('1', '0000123456', {}),
      quesito('2', '0000123456', { esito: 'negativo', dataEsito: '2026-02-20', motivoEsito: 'Pagamento non trovato' }),
      quesito('3', '0000123456', { esito: 'positivo', dataEsito: '2026-01-20' }),
      // Sent 2 March: 30 working days, skipping Easter Monday 6 April → idoneo from 15 April.
      quesito('4', '9876543210', { dataInvio: '2026-03-02' }),
    ],
  };
})();

export function seedFixture(core: Core): void {
  const writer = new CacheWriter(core.ctx.sqlite);
  core.ctx.sqlite.transaction(() => {
    for (const a of FIXTURE.argomenti) writer.argomento(a);
    for (const d of FIXTURE.datori) writer.datore(d);
    for (const d of FIXTURE.deleghe) writer.delega(d);
    for (const r of FIXTURE.rapporti) writer.rapporto(r);
    for (const q of FIXTURE.quesiti) writer.quesito(q);
  })();
}
