import type { CommandName, CommandOutput, CommandParsedInput } from '../../common/commands/table';
import { codiceFiscaleProblem } from '../../common/domain/codiceFiscale';
import type { RegistroStore } from '../store/registro';

// What the registro attività records of each command (#12), in one place: the dispatcher reads
// this after the handler and writes the row, ok or errore. A command that changes the database
// writes its own ok rows in the transaction of what it changes (`okNelHandler`: the change and its
// row commit together); the dispatcher still records its refusals. Commands not listed here
// (searches, screens) leave no row.

/** What a row is about. */
export interface Oggetto {
  entitaId: string | null;
  clienteCf: string | null;
}

export interface Regola<N extends CommandName> {
  /** The row's action; the command's name when absent. */
  azione?: (input: CommandParsedInput<N>) => string;
  entita: string;
  okNelHandler?: true;
  /** One row per object (one row about nothing when absent). `risultato` is undefined on a refusal. */
  oggetti?: (input: CommandParsedInput<N>, registro: RegistroStore, risultato: CommandOutput<N> | undefined) => Oggetto[];
  /** Added to the row (a refusal's message comes after it). Never a password. */
  dettagli?: (input: CommandParsedInput<N>, risultato: CommandOutput<N> | undefined) => string | null;
  /** The items of a batch the handler skipped, with the reason: one errore row each. */
  saltati?: (risultato: CommandOutput<N>, registro: RegistroStore) => (Oggetto & { motivo: string })[];
  /** The operator is who was logged in before the command (logout, restore). */
  operatorePrima?: true;
  /** The database was replaced: the anchor starts again from its chain (registro/ancora.ts). */
  ripartiAncora?: true;
}

export type Regole = { [N in CommandName]?: Regola<N> };

const nessuno: Oggetto = { entitaId: null, clienteCf: null };
const bozza = (id: string, r: RegistroStore): Oggetto => ({ entitaId: id, clienteCf: r.clienteDi({ bozza: id }) });
const appuntamento = (id: string, r: RegistroStore): Oggetto => ({ entitaId: id, clienteCf: r.clienteDi({ appuntamento: id }) });
const saltatiBozze = (s: { saltati: { id: string; motivo: string }[] }, r: RegistroStore) => s.saltati.map(({ id, motivo }) => ({ ...bozza(id, r), motivo }));

/** An export's client, when its search text is one client's codice fiscale; else null (many clients). */
function clienteDelFiltro(testo: string | undefined): Oggetto {
  const cf = (testo ?? '').replace(/\s/g, '').toUpperCase();
  return { entitaId: null, clienteCf: cf && codiceFiscaleProblem(cf) === null ? cf : null };
}

/** The filters an export or print applied, briefly (which data left the PC). */
function filtri(input: Record<string, unknown>): string | null {
  const usati = Object.entries(input).filter(
    ([k, v]) => k !== 'formato' && k !== 'ordine' && k !== 'limite' && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
  if (usati.length === 0) return null;
  return `filtri: ${usati.map(([k, v]) => `${k}=${Array.isArray(v) ? (v.length > 5 ? `${v.length} elementi` : v.join(',')) : String(v)}`).join('; ')}`;
}

const esportato = (input: { formato: string } & Record<string, unknown>, risultato: { righe: number } | undefined) =>
  [input.formato.toUpperCase(), risultato ? `${risultato.righe} righe` : null, filtri(input)].filter(Boolean).join(', ');

export const REGOLE: Regole = {
  'servizio.accedi': {
    entita: 'sessione',
    // The username tried, so a refused login says who tried; the password never.
    dettagli: (input, risultato) => (risultato ? null : `utente «${input.username}»`),
  },
  'servizio.esci': { entita: 'sessione', operatorePrima: true },

  'bozza.crea': {
    entita: 'bozza',
    okNelHandler: true,
    oggetti: (input, r) => [{ entitaId: null, clienteCf: r.clienteDi({ rapporto: input.codiceRapporto }) }],
    dettagli: (input) => `rapporto ${input.codiceRapporto}`,
  },
  'bozza.modifica': { entita: 'bozza', okNelHandler: true, oggetti: (input, r) => [bozza(input.id, r)] },
  'bozza.elimina': { entita: 'bozza', okNelHandler: true, oggetti: (input, r) => [bozza(input.id, r)] },
  'bozza.invia': { entita: 'bozza', okNelHandler: true, oggetti: (input, r) => [bozza(input.id, r)] },
  'bozza.riprenota': {
    entita: 'bozza',
    okNelHandler: true,
    oggetti: (input, r) => [input.bozzaId ? bozza(input.bozzaId, r) : appuntamento(input.appuntamentoId!, r)],
  },
  'bozze.prepara': { entita: 'bozza', okNelHandler: true, dettagli: (input) => `${input.quesitiIds.length} quesiti, ${input.datori.length} clienti` },
  'bozze.proponiOrari': { entita: 'bozza', okNelHandler: true, dettagli: (input) => `${input.ids.length} bozze`, saltati: saltatiBozze },
  'bozze.modificaInBlocco': { entita: 'bozza', okNelHandler: true, dettagli: (input) => `${input.ids.length} bozze`, saltati: saltatiBozze },
  'bozze.eliminaInBlocco': {
    entita: 'bozza',
    okNelHandler: true,
    azione: () => 'bozza.elimina',
    dettagli: (input) => `in blocco, ${input.ids.length} bozze`,
    saltati: saltatiBozze,
  },
  'bozze.inviaInBlocco': {
    entita: 'bozza',
    okNelHandler: true,
    azione: () => 'bozza.invia',
    dettagli: (input) => `in blocco, ${input.ids.length} bozze`,
    saltati: saltatiBozze,
  },

  'bozza.allegato.aggiungi': { entita: 'bozza', okNelHandler: true, oggetti: (input, r) => [bozza(input.bozzaId, r)], dettagli: (input) => input.nomeFile },
  'bozza.allegato.collega': {
    azione: () => 'bozza.allegato.aggiungi',
    entita: 'bozza',
    okNelHandler: true,
    oggetti: (input, r) => [bozza(input.bozzaId, r)],
    dettagli: (input) => input.nomeFile,
  },
  'bozza.allegato.rimuovi': { entita: 'bozza', okNelHandler: true, oggetti: (input, r) => [bozza(input.bozzaId, r)] },
  'bozza.allegato.scegli': {
    entita: 'bozza',
    azione: () => 'bozza.allegato.aggiungi',
    okNelHandler: true,
    oggetti: (input, r) => [bozza(input.bozzaId, r)],
    saltati: (risultato, r) => risultato.rifiutati.map((f) => ({ ...bozza(risultato.bozza.id, r), motivo: `${f.nomeFile}: ${f.messaggio}` })),
  },
  'allegato.contenuto': {
    azione: (input) => (input.scopo === 'scarica' ? 'allegato.scarica' : 'allegato.anteprima'),
    entita: 'allegato',
    oggetti: (input, r) => [{ entitaId: input.sha256, clienteCf: r.clienteDi({ allegato: input.sha256 }) }],
  },
  'allegato.scaricaRemoto': {
    azione: () => 'allegato.scarica',
    entita: 'allegato',
    oggetti: (input, r) => [{ entitaId: input.sha256, clienteCf: r.clienteDi({ allegato: input.sha256 }) }],
  },
  'allegato.apri': {
    entita: 'allegato',
    oggetti: (input, r) => [{ entitaId: input.sha256, clienteCf: r.clienteDi({ allegato: input.sha256 }) }],
    dettagli: (input) => input.nomeFile,
  },

  'appuntamento.cancella': { entita: 'appuntamento', okNelHandler: true, oggetti: (input, r) => [appuntamento(input.id, r)] },
  'appuntamento.comunica': { entita: 'appuntamento', okNelHandler: true, oggetti: (input, r) => [appuntamento(input.appuntamentoId, r)] },

  'agenda.esporta': { entita: 'agenda', oggetti: (input) => [clienteDelFiltro(input.testo)], dettagli: esportato },
  'agenda.stampa': {
    entita: 'agenda',
    oggetti: (input) => [clienteDelFiltro(input.testo)],
    dettagli: (input, risultato) => [risultato ? `${risultato.righe.length} appuntamenti` : null, filtri(input)].filter(Boolean).join(', ') || null,
  },
  'bozze.esporta': { entita: 'bozza', oggetti: (input) => [clienteDelFiltro(input.testo)], dettagli: esportato },
  'promemoria.pdf': { entita: 'appuntamento', okNelHandler: true, oggetti: (input, r) => input.ids.map((id) => appuntamento(id, r)) },
  'promemoria.email': { entita: 'appuntamento', okNelHandler: true, oggetti: (input, r) => [appuntamento(input.id, r)] },
  'registro.esporta': { entita: 'registro', oggetti: (input) => [clienteDelFiltro(input.testo)], dettagli: esportato },
  // Figures only, no client; but the operators' block names the office's operators, and any block may
  // be filtered by one: recorded like the other exports (which data left the PC, and who took them).
  'statistiche.esporta': {
    entita: 'statistiche',
    dettagli: (input, risultato) =>
      [`XLSX, blocco ${input.blocco}`, risultato ? `${risultato.righe} righe` : null, filtri(input.filtri)].filter(Boolean).join(', '),
  },

  'backup.crea': { entita: 'backup', oggetti: (_input, _r, risultato) => [{ ...nessuno, entitaId: risultato?.nome ?? null }] },
  'backup.ripristina': { entita: 'backup', oggetti: (input) => [{ ...nessuno, entitaId: input.nome }], operatorePrima: true, ripartiAncora: true },
  'diagnostica.esporta': { entita: 'diagnostica' },
  'configurazione.servizio': {
    entita: 'impostazioni',
    dettagli: (input) => (input.servizio.tipo === 'remoto' ? `servizio remoto ${input.servizio.url}` : 'servizio dimostrativo'),
  },
  'ufficio.imposta': { entita: 'impostazioni' },
  'conservazione.imposta': { entita: 'impostazioni', dettagli: (input) => `conservazione ${input.mesi} mesi` },

  // Written by their handlers (the run per client in each client's transaction); refusals here.
  'conservazione.esegui': { entita: 'corsa', okNelHandler: true, dettagli: (input) => `soglia ${input.soglia}, ${input.clienti.length} clienti` },
  'cliente.esportaDati': {
    entita: 'cliente',
    okNelHandler: true,
    oggetti: (input) => [{ entitaId: input.codiceFiscale, clienteCf: input.codiceFiscale }],
  },
};
