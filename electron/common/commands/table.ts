import { z } from 'zod';
import { command, type CommandDef, type CommandScope } from './contract';
import { comandiAdatta } from './allegati';
import { comandiChiave } from './chiave';
import { comandiConservazione } from './conservazione';
import { comandiRegistro } from './registro';
import { comandiStatistiche } from './statistiche';
import { delegaStatoSchema, isoDateSchema, localTimeSchema, pageSchema, searchTextSchema } from './schemas';
import { codiceFiscaleSchema } from '../domain/codiceFiscale';
import { codiceRapportoSchema, isCodiceRapportoPrefix } from '../domain/codiceRapporto';
import { ufficioSchema } from '../domain/ufficio';
import { APPUNTAMENTO_STATI, BOZZA_STATI, COMUNICAZIONE_MAX, MODALITA, NOTA_MAX } from '../model';
import type {
  BackupElenco,
  BackupRiga,
  LicenzaRiga,
  ConfigurazioneStato,
  SyncProblemi,
  FileEsportato,
  AllegatoContenuto,
  AllegatiScelti,
  AppInfo,
  PromemoriaEmail,
  RisultatoRapido,
  Cambiamento,
  DaFare,
  AppuntamentoDettaglioLocale,
  AppuntamentoRiga,
  SedeRiga,
  Bozza,
  BozzaRiga,
  BloccoEsito,
  PreparazioneEsito,
  ProposteOrari,
  Riprenotazione,
  CancellazioneRichiesta,
  ClienteDettaglio,
  ClienteRiga,
  DemoConteggi,
  Pagina,
  QuesitoRiga,
  SyncStato,
} from './types';

const idSchema = z.string().min(1).max(64);
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'Impronta SHA-256 non valida.');

/** The appointment search filters, shared by the search and the export. */
const filtriAppuntamenti = {
  /** Codice rapporto, whole or its first digits. */
  codiceRapporto: z.string().trim().refine(isCodiceRapportoPrefix, 'Il codice rapporto è fatto di cifre (al massimo 10).').default(''),
  /** Client's name or codice fiscale. */
  testo: searchTextSchema.default(''),
  stati: z.array(z.enum(APPUNTAMENTO_STATI)).max(3).optional(),
  dal: isoDateSchema.optional(),
  al: isoDateSchema.optional(),
  gestitoDaIntermediario: z.boolean().optional(),
  sedeId: idSchema.optional(),
  operatoreId: idSchema.optional(),
  /** Only these appointments (a selection in Revisione stati), still subject to the other filters. */
  ids: z.array(idSchema).min(1).max(10_000).optional(),
  ordine: z.enum(['data', '-data']).default('data'),
};

/** A preferred date window, first day to last (both included). */
const finestraSchema = z
  .strictObject({ dal: isoDateSchema, al: isoDateSchema })
  .refine((f) => f.dal <= f.al, { message: 'La finestra di date va dal giorno più vicino al più lontano.', path: ['al'] });

/** A selection of drafts for a batch action: the Bozze screen's select-all stays under 5,000. */
const bozzeSelezione = z
  .array(idSchema)
  .min(1, 'Seleziona almeno una bozza.')
  .max(5_000)
  .refine((ids) => new Set(ids).size === ids.length, 'Una bozza è indicata più volte.');

/** The Bozze screen's filters, shared by the search and the export. */
const filtriBozze = {
  stati: z.array(z.enum(BOZZA_STATI)).max(5).optional(),
  /** Client's name or codice fiscale. */
  testo: searchTextSchema.default(''),
  sedeId: idSchema.optional(),
  operatoreId: idSchema.optional(),
  /** Created on these days (Rome), both included. */
  creataDal: isoDateSchema.optional(),
  creataAl: isoDateSchema.optional(),
  /** Only these drafts (a selection, or those a batch just prepared), still subject to the other filters. */
  ids: bozzeSelezione.optional(),
  ordine: z.enum(['creata', '-creata', 'aggiornata', '-aggiornata', 'cliente', '-cliente', 'data', '-data']).default('-creata'),
};

/** The editable fields of a draft; each may be left empty until the draft is sent. */
const bozzaCampi = {
  quesitiIds: z
    .array(idSchema)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'Un quesito è indicato più volte.')
    .default([]),
  sedeId: idSchema.nullable().default(null),
  data: isoDateSchema.nullable().default(null),
  ora: localTimeSchema.nullable().default(null),
  finestraDal: isoDateSchema.nullable().default(null),
  finestraAl: isoDateSchema.nullable().default(null),
  modalita: z.enum(MODALITA).nullable().default(null),
  nota: z.string().trim().max(NOTA_MAX, `La nota può avere al massimo ${NOTA_MAX} caratteri.`).nullable().default(null),
};

/**
 * The command table: every feature is one entry here (name → input schema → output type)
 * plus one handler in electron/core. IPC, the browser host and the CLI all dispatch through it.
 */
export const commands = {
  'app.info': command<AppInfo>()({
    summary: 'Versione dell’app e dello schema del database locale.',
    input: z.strictObject({}),
  }),
  'clienti.cerca': command<Pagina<ClienteRiga>>()({
    summary: 'Cerca i datori di lavoro per nome, codice fiscale o codice rapporto.',
    input: z.strictObject({
      testo: searchTextSchema.default(''),
      delega: z.array(delegaStatoSchema).max(4).optional(),
      ...pageSchema,
    }),
  }),
  'ricerca.rapida': command<RisultatoRapido[]>()({
    summary: 'La tavolozza dei comandi (Ctrl+K): clienti, rapporti e appuntamenti che corrispondono al testo.',
    input: z.strictObject({ testo: searchTextSchema }),
  }),
  'cliente.dettaglio': command<ClienteDettaglio>()({
    summary: 'Scheda di un cliente: delega, rapporti e quanti quesiti sono idonei.',
    input: z.strictObject({ codiceFiscale: codiceFiscaleSchema }),
  }),
  'rapporto.quesiti': command<QuesitoRiga[]>()({
    summary: 'I quesiti di un rapporto con la loro idoneità a un appuntamento, oggi.',
    input: z.strictObject({ codiceRapporto: codiceRapportoSchema }),
  }),
  'dafare.riepilogo': command<DaFare>()({
    summary: 'Cosa c’è da fare: quesiti appena idonei e in arrivo, bozze, prenotazioni da correggere, appuntamenti dei prossimi giorni, deleghe.',
    input: z.strictObject({ giorni: z.number().int().min(1).max(30).default(7) }),
  }),
  'revisione.elenco': command<Cambiamento[]>()({
    summary: 'Le novità non ancora viste: appuntamenti disdetti o chiusi dalla sede, nuove comunicazioni, prenotazioni rifiutate.',
    input: z.strictObject({}),
  }),
  'revisione.segnaVisti': command<{ visti: number }>()({
    summary: 'Segna come viste le novità indicate.',
    input: z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }),
  }),
  'appuntamenti.cerca': command<Pagina<AppuntamentoRiga>>()({
    summary: 'Cerca gli appuntamenti di tutti i clienti, anche senza connessione.',
    input: z.strictObject({
      ...filtriAppuntamenti,
      ...pageSchema,
    }),
  }),
  'agenda.esporta': command<FileEsportato>()({
    summary: 'Esporta gli appuntamenti filtrati (o quelli indicati) per giorno e sede: CSV o Excel, ICS per il calendario.',
    input: z.strictObject({
      formato: z.enum(['csv', 'xlsx', 'ics']),
      ...filtriAppuntamenti,
    }),
  }),
  'agenda.stampa': command<Pagina<AppuntamentoRiga>>()({
    summary: 'Gli appuntamenti filtrati da stampare, per data (al massimo 3.000); la stampa resta nel registro attività.',
    input: z.strictObject({ ...filtriAppuntamenti, limite: z.number().int().min(1).max(3000).default(3000) }),
  }),
  'appuntamento.dettaglio': command<AppuntamentoDettaglioLocale>()({
    summary: 'Dettaglio di un appuntamento: sede, quesiti, allegati, comunicazioni, storia dello stato.',
    input: z.strictObject({ id: idSchema }),
  }),
  'operatori.elenco': command<{ id: string; nominativo: string | null; username: string | null; appuntamenti: number }[]>()({
    summary: 'Gli operatori dell’ufficio per nome (null se il servizio non l’ha dato), con gli appuntamenti prenotati: per i filtri e per i nomi.',
    input: z.strictObject({}),
  }),
  'sedi.elenco': command<SedeRiga[]>()({
    summary: 'Le sedi INPS note, per nome.',
    input: z.strictObject({}),
  }),
  'sedi.slot': command<{ online: boolean; slot: { data: string; ora: string }[]; motivo: string | null }>()({
    summary: 'Gli orari liberi di una sede (solo con il servizio raggiungibile; senza, si indica una preferenza).',
    input: z.strictObject({ sedeId: idSchema, dal: isoDateSchema, al: isoDateSchema }),
  }),
  'bozza.crea': command<Bozza>()({
    summary: 'Crea una bozza di appuntamento (anche senza connessione).',
    input: z.strictObject({ codiceRapporto: codiceRapportoSchema, ...bozzaCampi }),
  }),
  'bozza.modifica': command<Bozza>()({
    summary: 'Modifica una bozza o una prenotazione da correggere.',
    input: z.strictObject({ id: idSchema, ...bozzaCampi }),
  }),
  'bozza.elimina': command<{ id: string }>()({
    summary: 'Elimina una bozza non ancora inviata.',
    input: z.strictObject({ id: idSchema }),
  }),
  'bozza.invia': command<Bozza>()({
    summary: 'Invia la bozza: la mette in coda e la prenotazione parte appena il servizio è raggiungibile.',
    input: z.strictObject({ id: idSchema }),
  }),
  'bozza.allegato.aggiungi': command<Bozza>()({
    summary: 'Aggiunge un allegato (PDF, JPEG, PNG o TIFF) a una bozza, dopo averne controllato il contenuto.',
    input: z.strictObject({
      bozzaId: idSchema,
      nomeFile: z.string().trim().min(1).max(255),
      // A bound on the transport only (6 MiB of base64 ≈ 4.5 MiB): the preflight applies the
      // service's real caps with a precise message.
      contenutoBase64: z.string().max(6 * 1024 * 1024, 'Il file è troppo grande: il limite è di 3 MB per allegato.'),
    }),
  }),
  'bozza.allegato.rimuovi': command<Bozza>()({
    summary: 'Toglie un allegato da una bozza.',
    input: z.strictObject({ bozzaId: idSchema, posizione: z.number().int().min(0).max(2) }),
  }),
  'bozza.allegato.scegli': command<AllegatiScelti>()({
    summary: 'Solo app desktop: sceglie i file con la finestra di sistema e li aggiunge alla bozza, con gli stessi controlli.',
    input: z.strictObject({ bozzaId: idSchema }),
  }),
  'allegato.contenuto': command<AllegatoContenuto>()({
    summary: 'Il contenuto di un allegato conservato in locale, per l’anteprima o lo scaricamento.',
    // Why it is read: the registro attività tells a preview from a download.
    input: z.strictObject({ sha256: sha256Schema, scopo: z.enum(['anteprima', 'scarica']).default('anteprima') }),
  }),
  'allegato.apri': command<{ aperto: boolean }>()({
    summary: 'Solo app desktop: apre un allegato con il visualizzatore di sistema.',
    input: z.strictObject({ sha256: sha256Schema, nomeFile: z.string().trim().min(1).max(255) }),
  }),
  'bozze.elenco': command<Bozza[]>()({
    summary: 'Le bozze, per stato.',
    input: z.strictObject({ stati: z.array(z.enum(BOZZA_STATI)).max(5).optional() }),
  }),
  'bozza.dettaglio': command<Bozza>()({
    summary: 'Una bozza con tutti i suoi dati, per modificarla.',
    input: z.strictObject({ id: idSchema }),
  }),
  'bozze.cerca': command<Pagina<BozzaRiga>>()({
    summary: 'Le bozze di tutti i clienti, con cosa manca per inviarle: filtri, ordinamento, pagine. Le inviate solo degli ultimi 7 giorni.',
    input: z.strictObject({ ...filtriBozze, ...pageSchema }),
  }),
  'bozze.esporta': command<FileEsportato>()({
    summary: 'Esporta le bozze filtrate (o quelle scelte) con cosa manca per inviarle: Excel o CSV.',
    input: z.strictObject({ formato: z.enum(['csv', 'xlsx']), ...filtriBozze }),
  }),
  'bozze.prepara': command<PreparazioneEsito>()({
    summary: 'Prepara in blocco una bozza per rapporto con i quesiti idonei scelti (o tutti quelli dei clienti indicati) e i dati comuni.',
    input: z
      .strictObject({
        quesitiIds: z.array(idSchema).max(5_000).default([]),
        /** All the idonei quesiti of these clients. */
        datori: z.array(codiceFiscaleSchema).max(5_000).default([]),
        /** null: the sede of the client's most recent appointment, else left to choose. */
        sedeId: idSchema.nullable().default(null),
        modalita: z.enum(MODALITA).nullable().default(null),
        finestra: finestraSchema.nullable().default(null),
        /** May use {nominativo}, {codiceRapporto} and {quesiti} (the protocol numbers). */
        notaModello: z.string().trim().max(NOTA_MAX, `La nota può avere al massimo ${NOTA_MAX} caratteri.`).nullable().default(null),
      })
      .refine((p) => p.quesitiIds.length + p.datori.length > 0, { message: 'Scegli almeno un quesito o un cliente.', path: ['quesitiIds'] }),
  }),
  'bozze.proponiOrari': command<ProposteOrari>()({
    summary: 'Propone a ogni bozza il primo orario libero della sua sede nella finestra (senza servizio: una preferenza).',
    input: z.strictObject({ ids: bozzeSelezione }),
  }),
  'bozze.modificaInBlocco': command<BloccoEsito>()({
    summary: 'Imposta sede, modalità, finestra di date o nota su tutte le bozze scelte (le altre con il motivo).',
    input: z.strictObject({
      ids: bozzeSelezione,
      /** Only the fields given change; null empties a field. */
      campi: z
        .strictObject({
          sedeId: idSchema.nullable().optional(),
          modalita: z.enum(MODALITA).nullable().optional(),
          finestra: finestraSchema.nullable().optional(),
          nota: z.string().trim().max(NOTA_MAX, `La nota può avere al massimo ${NOTA_MAX} caratteri.`).nullable().optional(),
        })
        .refine((c) => Object.keys(c).length > 0, 'Indica almeno un dato da cambiare.'),
    }),
  }),
  'bozze.eliminaInBlocco': command<BloccoEsito>()({
    summary: 'Elimina le bozze scelte non ancora inviate (le altre con il motivo).',
    input: z.strictObject({ ids: bozzeSelezione }),
  }),
  'bozze.inviaInBlocco': command<BloccoEsito>()({
    summary: 'Mette in coda di invio le bozze scelte complete e ancora valide; le altre restano con il motivo.',
    input: z.strictObject({ ids: bozzeSelezione }),
  }),
  'bozza.riprenota': command<Riprenotazione>()({
    summary: 'Da un appuntamento cancellato o da una prenotazione rifiutata, una nuova bozza con i quesiti ancora idonei, la nota e gli allegati.',
    input: z
      .strictObject({ appuntamentoId: idSchema.optional(), bozzaId: idSchema.optional() })
      .refine((r) => (r.appuntamentoId === undefined) !== (r.bozzaId === undefined), 'Indica un appuntamento oppure una bozza.'),
  }),
  'appuntamento.cancella': command<CancellazioneRichiesta>()({
    summary: 'Cancella un appuntamento confermato (in coda finché il servizio non conferma).',
    input: z.strictObject({ id: idSchema }),
  }),
  'appuntamento.comunica': command<{ id: string; inInvio: true }>()({
    summary: 'Scrive alla sede su un appuntamento confermato (anche senza connessione): la comunicazione parte appena il servizio è raggiungibile.',
    input: z.strictObject({
      appuntamentoId: idSchema,
      testo: z
        .string()
        .trim()
        .min(1, 'Scrivi il testo della comunicazione.')
        .max(COMUNICAZIONE_MAX, `La comunicazione può avere al massimo ${COMUNICAZIONE_MAX} caratteri.`),
    }),
  }),
  'configurazione.stato': command<ConfigurazioneStato>()({
    summary: 'Il servizio in uso, la cartella dei dati, il database aperto, l’operatore e un eventuale problema all’avvio.',
    input: z.strictObject({}),
  }),
  'configurazione.servizio': command<ConfigurazioneStato>()({
    summary: 'Sceglie il servizio: la sandbox dimostrativa o l’indirizzo di un servizio remoto (controllato prima di passare).',
    input: z.strictObject({
      servizio: z.discriminatedUnion('tipo', [
        z.strictObject({ tipo: z.literal('sandbox') }),
        z.strictObject({ tipo: z.literal('remoto'), url: z.string().trim().min(1, 'Scrivi l’indirizzo del servizio.').max(300) }),
      ]),
    }),
  }),
  'ufficio.imposta': command<ConfigurazioneStato>()({
    summary: 'Nome e recapiti dell’ufficio (telefono, e-mail, indirizzo), stampati sui promemoria per i clienti.',
    input: ufficioSchema,
  }),
  ...comandiChiave,
  'promemoria.pdf': command<FileEsportato>()({
    summary: 'Il promemoria per il cliente in PDF, una pagina per appuntamento: quando, dove, come, quesiti, cosa portare, recapiti dell’ufficio.',
    input: z.strictObject({
      ids: z
        .array(idSchema)
        .min(1, 'Scegli almeno un appuntamento.')
        .max(500, 'Al massimo 500 promemoria per volta.')
        .refine((ids) => new Set(ids).size === ids.length, 'Un appuntamento è indicato più volte.'),
    }),
  }),
  'promemoria.email': command<PromemoriaEmail>()({
    summary: 'Il testo del promemoria da mandare al cliente per e-mail (da copiare o aprire nel programma di posta).',
    input: z.strictObject({ id: idSchema }),
  }),
  'backup.elenco': command<BackupElenco>()({
    summary: 'I backup del database in uso (automatici, prima degli aggiornamenti, manuali), dal più recente.',
    input: z.strictObject({}),
  }),
  'backup.crea': command<BackupRiga>()({
    summary: 'Fa subito un backup del database e degli allegati.',
    input: z.strictObject({}),
  }),
  'backup.ripristina': command<ConfigurazioneStato & { precedente: string | null }>()({
    summary: 'Ripristina un backup dopo averlo controllato; il database attuale viene messo da parte, non cancellato.',
    input: z.strictObject({
      nome: z
        .string()
        .trim()
        .min(1)
        .max(120)
        .regex(/^[\w.-]+$/, 'Nome di backup non valido.'),
    }),
  }),
  'diagnostica.esporta': command<FileEsportato>()({
    summary: 'Un file zip con i log (senza dati personali) e le versioni, per l’assistenza. Il database non è incluso.',
    input: z.strictObject({}),
  }),
  ...comandiConservazione,
  ...comandiAdatta,
  'app.licenze': command<LicenzaRiga[]>()({
    summary: 'Le licenze delle librerie incluse nell’app.',
    input: z.strictObject({}),
  }),
  'servizio.accedi': command<SyncStato>()({
    summary: 'Accede al servizio con le credenziali dell’operatore (conservate cifrate dall’app desktop) e sincronizza.',
    input: z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
  }),
  'servizio.esci': command<SyncStato>()({
    summary: 'Dimentica le credenziali dell’operatore: la coda resta intatta fino al prossimo accesso.',
    input: z.strictObject({}),
  }),
  'sync.problemi': command<SyncProblemi>()({
    summary: 'Il dettaglio di un problema di sincronizzazione: cosa fare, e ogni operazione in coda con il suo ultimo errore.',
    input: z.strictObject({}),
  }),
  'sync.ora': command<SyncStato>()({
    summary: 'Sincronizza ora: scarica dal servizio tutte le modifiche dall’ultima sincronizzazione.',
    input: z.strictObject({}),
  }),
  'sync.stato': command<SyncStato>()({
    summary: 'Stato della sincronizzazione: fase, ultimo aggiornamento, avanzamento.',
    input: z.strictObject({}),
  }),
  ...comandiRegistro,
  ...comandiStatistiche,
  'demo.carica': command<DemoConteggi>()({
    summary: 'Carica nel database locale i dati dimostrativi generati da un seme (solo operazioni).',
    scope: 'ops',
    input: z.strictObject({
      seme: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(1),
      dimensione: z.enum(['tiny', 'small', 'office', 'large']).default('small'),
      oggi: isoDateSchema.optional(),
    }),
  }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type AppCommandName = { [N in CommandName]: Commands[N]['scope'] extends 'app' ? N : never }[CommandName];
/** What a caller sends (defaults may be omitted). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** What a handler receives, after validation and defaults. */
export type CommandParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = Commands[N] extends CommandDef<z.ZodType, infer O, CommandScope> ? O : never;

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commands, name);
}
