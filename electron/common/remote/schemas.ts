// The remote service's records as they cross the wire (the contract both the sandbox serves
// and the gateway validates). `.meta({ id })` names them in the sandbox's OpenAPI document.
import { z } from 'zod';
import { isIsoDate, isLocalTime } from '../domain/calendario';
import { codiceRapportoSchema } from '../domain/codiceRapporto';
import { APPUNTAMENTO_STATI, ARGOMENTI, DELEGA_STATI, ESITI, MODALITA, TIPOLOGIE_RAPPORTO } from '../model';

export const isoDate = z.string().refine(isIsoDate, { error: 'Data non valida (atteso AAAA-MM-GG).' }).meta({ format: 'date', example: '2026-12-01' });
export const localTime = z
  .string()
  .refine(isLocalTime, { error: 'Ora non valida (atteso HH:MM).' })
  .meta({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', example: '09:30' });
const instant = z.string().meta({ format: 'date-time' });
const nullableDate = isoDate.nullable();

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'Impronta SHA-256 non valida (64 cifre esadecimali minuscole).' });

export const codiceRapporto = codiceRapportoSchema;

export const delegaSchema = z
  .object({
    id: z.string(),
    datoreCf: z.string(),
    intermediarioId: z.string(),
    stato: z.enum(DELEGA_STATI),
    dataSottoscrizione: isoDate,
    dataAttivazione: nullableDate,
    dataScadenza: nullableDate,
    dataFine: nullableDate,
    motivoFine: z.string().nullable(),
  })
  .meta({ id: 'Delega' });

export const datoreSchema = z
  .object({
    codiceFiscale: z.string(),
    cognome: z.string(),
    nome: z.string(),
    comune: z.string(),
    provincia: z.string(),
    telefono: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'Datore' });

export const rapportoSchema = z
  .object({
    codice: z.string(),
    datoreCf: z.string(),
    lavoratoreCf: z.string(),
    lavoratoreNominativo: z.string(),
    tipologia: z.enum(TIPOLOGIE_RAPPORTO),
    dataInizio: isoDate,
    dataFine: nullableDate,
  })
  .meta({ id: 'Rapporto' });

export const argomentoSchema = z.object({ codice: z.enum(ARGOMENTI), descrizione: z.string(), termineGiorni: z.number().int() }).meta({ id: 'Argomento' });

export const quesitoSchema = z
  .object({
    id: z.string(),
    protocollo: z.string(),
    codiceRapporto: z.string(),
    argomento: z.enum(ARGOMENTI),
    oggetto: z.string(),
    dataInvio: isoDate,
    esito: z.enum(ESITI),
    dataEsito: nullableDate,
    motivoEsito: z.string().nullable(),
  })
  .meta({ id: 'Quesito' });

const orario = z.object({ dalle: localTime, alle: localTime });
export const sedeSchema = z
  .object({
    id: z.string(),
    nome: z.string(),
    indirizzo: z.string(),
    comune: z.string(),
    provincia: z.string(),
    modalita: z.array(z.enum(MODALITA)),
    slotMinuti: z.number().int(),
    orari: z
      .object({ 1: orario, 2: orario, 3: orario, 4: orario, 5: orario, 6: orario, 7: orario })
      .partial()
      .meta({ description: 'Orari per giorno ISO della settimana (1 = lunedì … 7 = domenica); assente = chiuso.' }),
    chiusure: z.array(isoDate),
  })
  .meta({ id: 'Sede' });

export const appuntamentoSchema = z
  .object({
    id: z.string(),
    codiceRapporto: z.string(),
    datoreCf: z.string(),
    sedeId: z.string(),
    data: isoDate,
    ora: localTime,
    modalita: z.enum(MODALITA),
    stato: z.enum(APPUNTAMENTO_STATI),
    cancellatoDa: z.enum(['utente', 'sede']).nullable(),
    motivoStato: z.string().nullable(),
    nota: z.string().nullable(),
    gestitoDaIntermediario: z.boolean(),
    operatoreId: z.string().nullable(),
    quesitiIds: z.array(z.string()),
    creatoIl: instant,
    aggiornatoIl: instant,
  })
  .meta({ id: 'Appuntamento' });

export const comunicazioneSchema = z
  .object({
    id: z.string(),
    appuntamentoId: z.string(),
    autore: z.enum(['sede', 'intermediario', 'cittadino']),
    testo: z.string(),
    inviataIl: instant,
  })
  .meta({ id: 'Comunicazione' });

export const allegatoSchema = z
  .object({
    sha256: z.string(),
    mime: z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']),
    dimensione: z.number().int(),
  })
  .meta({ id: 'Allegato' });

export const allegatoAppuntamentoSchema = allegatoSchema.extend({ nomeFile: z.string() }).meta({ id: 'AllegatoAppuntamento' });

/** GET /v1/allegati/{sha256} as JSON (#14): the bytes in base64, for clients that speak JSON only. */
export const allegatoContenutoSchema = allegatoSchema
  .extend({ contenutoBase64: z.string().meta({ description: 'Il contenuto del file, in base64.' }) })
  .meta({ id: 'AllegatoContenuto' });

export const storicoSchema = z
  .object({
    stato: z.enum(APPUNTAMENTO_STATI),
    il: instant,
    motivo: z.string().nullable(),
    da: z.enum(['utente', 'sede']).nullable(),
  })
  .meta({ id: 'VoceStorico' });

export const appuntamentoDettaglioSchema = appuntamentoSchema
  .extend({
    allegati: z.array(allegatoAppuntamentoSchema),
    comunicazioni: z.array(comunicazioneSchema),
    storico: z.array(storicoSchema),
  })
  .meta({ id: 'AppuntamentoDettaglio' });

// ------------------------------------------------------------------ session, feed, errors

export const sessioneRichiestaSchema = z
  .strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })
  .meta({ id: 'SessioneRichiesta' });

/** One of the office's operators as the service names them (#15): screens show the name, not the id. */
export const operatoreSchema = z
  .object({
    id: z.string(),
    nominativo: z.string(),
    username: z.string().nullable().meta({ description: 'Il nome utente con cui accede; null se il servizio non lo comunica.' }),
  })
  .meta({ id: 'Operatore' });

export const operatoriSchema = z
  .object({ operatori: z.array(operatoreSchema) })
  .meta({ id: 'Operatori', description: "Gli operatori dell'intermediario di chi chiama." });

export const sessioneSchema = z
  .object({
    token: z.string(),
    scadenza: z.string().meta({ format: 'date-time' }),
    utente: z.object({
      username: z.string(),
      tipo: z.enum(['operatore', 'cittadino']),
      intermediarioId: z.string().nullable(),
      operatoreId: z.string().nullable(),
      datoreCf: z.string().nullable(),
    }),
  })
  .meta({ id: 'Sessione' });

const entry = <E extends string, S extends z.ZodType>(entity: E, data: S) =>
  z.object({ seq: z.number().int(), entity: z.literal(entity), op: z.literal('upsert'), data });

export const changeSchema = z
  .discriminatedUnion('entity', [
    entry('argomento', argomentoSchema),
    entry('sede', sedeSchema),
    entry('delega', delegaSchema),
    entry('datore', datoreSchema),
    entry('rapporto', rapportoSchema),
    entry('quesito', quesitoSchema),
    // The appointment with its attachments' metadata (#14): every PC of the office sees them, and
    // downloads one on request. Absent from services that do not send them (nothing is changed then).
    entry(
      'appuntamento',
      appuntamentoSchema
        .extend({ allegati: z.array(allegatoAppuntamentoSchema).optional() })
        .meta({ id: 'AppuntamentoCambiamento', description: 'Un appuntamento con i metadati dei suoi allegati (nome, tipo, dimensione, SHA-256).' }),
    ),
    entry('comunicazione', comunicazioneSchema),
  ])
  .meta({ id: 'Change' });

export const changesPageSchema = z
  .object({
    changes: z.array(changeSchema),
    nextCursor: z.string().meta({ description: 'Cursore opaco da passare come `since` alla richiesta successiva.' }),
    hasMore: z.boolean(),
    remaining: z.number().int().optional().meta({ description: 'Con `conta=true`: modifiche ancora da leggere, questa pagina compresa.' }),
  })
  .meta({ id: 'ChangesPage' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, con un codice stabile in `code`.' });

export const slotSchema = z
  .object({
    sedeId: z.string(),
    slotMinuti: z.number().int(),
    modalita: z.array(z.enum(MODALITA)),
    slot: z.array(z.object({ data: isoDate, ora: localTime })),
  })
  .meta({ id: 'SlotLiberi' });
