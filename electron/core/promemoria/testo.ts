import { isoWeekday } from '../../common/domain/calendario';
import { recapitiUfficio, type Ufficio } from '../../common/domain/ufficio';
import { MODALITA_LABELS, type ArgomentoCodice, type IsoDate, type Modalita } from '../../common/model';
import type { PromemoriaDati } from '../store/promemoria';

// What the client reads, in Italian, once: the PDF lays these lines out on a page and the e-mail
// writes them as plain text, so the two never say different things.

const GIORNI = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'] as const;
const MESI = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'] as const;

/** «martedì 17 marzo 2026» (no leading zero, lower case, as Italian writes it). */
export function dataLungaIt(d: IsoDate): string {
  return `${GIORNI[isoWeekday(d) - 1]} ${Number(d.slice(8, 10))} ${MESI[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
}

export const INDIRIZZO_NON_DISPONIBILE = 'indirizzo non disponibile: verificare sul Cassetto';

export const MODALITA_TESTO: Record<Modalita, { nome: string; spiega: string }> = {
  presenza: {
    nome: MODALITA_LABELS.presenza,
    spiega: 'Si presenti alla sede all’orario indicato, con qualche minuto di anticipo.',
  },
  richiamata: {
    nome: MODALITA_LABELS.richiamata,
    spiega: 'Non deve andare in sede: all’orario indicato un funzionario INPS la chiama al telefono. Tenga il telefono libero e i documenti a portata di mano.',
  },
  videochiamata: {
    nome: MODALITA_LABELS.videochiamata,
    spiega:
      'Non deve andare in sede: all’orario indicato un funzionario INPS la incontra in videochiamata, con il collegamento che le manda l’INPS. Serve un computer o uno smartphone con videocamera.',
  },
};

const ARGOMENTO_NOME: Record<ArgomentoCodice, string> = {
  mav: 'MAV / avvisi di pagamento',
  anagrafiche: 'Anagrafiche',
  contributi: 'Contributi',
  rapporti: 'Rapporti di lavoro',
  avviso_bonario: 'Avviso bonario / Accertamento',
};

/** The papers each argomento is about: the INPS letters and receipts the funzionario will ask for. */
const DA_PORTARE_PER_ARGOMENTO: Record<ArgomentoCodice, string> = {
  mav: 'gli avvisi di pagamento (MAV / pagoPA) ricevuti dall’INPS e le ricevute dei pagamenti già fatti',
  anagrafiche: 'i documenti con i dati da correggere o aggiornare (residenza, dati del lavoratore)',
  contributi: 'le ricevute dei versamenti dei contributi che non risultano nell’estratto conto del lavoratore',
  rapporti: 'il contratto di lavoro e le comunicazioni di assunzione, variazione o cessazione del rapporto',
  avviso_bonario: 'la lettera di avviso bonario o di accertamento ricevuta dall’INPS',
};
const ORDINE_ARGOMENTI: readonly ArgomentoCodice[] = ['avviso_bonario', 'mav', 'contributi', 'rapporti', 'anagrafiche'];

/** One promemoria as lines of text, ready for a page or an e-mail. */
export interface PromemoriaTesto {
  titolo: string;
  saluto: string;
  introduzione: string;
  quando: string;
  sede: string;
  indirizzo: string;
  /** False when the address line is the «non disponibile» warning. */
  indirizzoNoto: boolean;
  modalita: { nome: string; spiega: string };
  quesiti: string[];
  portareTitolo: string;
  portare: string[];
  ufficio: { nome: string; recapiti: string } | null;
  chiusura: string;
}

function indirizzoSede(sede: PromemoriaDati['sede']): string | null {
  if (!sede || sede.indirizzo.trim() === '') return null;
  const comune = sede.comune.trim() ? `${sede.comune.trim()}${sede.provincia.trim() ? ` (${sede.provincia.trim()})` : ''}` : '';
  return [sede.indirizzo.trim(), comune].filter(Boolean).join(', ');
}

function cosaPortare(p: PromemoriaDati): string[] {
  const righe = ['un documento d’identità valido e la tessera sanitaria (codice fiscale)', `il codice del rapporto di lavoro domestico: ${p.codiceRapporto}`];
  if (p.allegati.length > 0) righe.push(`i documenti allegati alla prenotazione: ${p.allegati.join(', ')}`);
  const argomenti = new Set(p.quesiti.map((q) => q.argomento));
  for (const a of ORDINE_ARGOMENTI) if (argomenti.has(a)) righe.push(DA_PORTARE_PER_ARGOMENTO[a]);
  return righe.map((r) => r.charAt(0).toUpperCase() + r.slice(1));
}

export function promemoriaTesto(p: PromemoriaDati, ufficio: Ufficio | null): PromemoriaTesto {
  const indirizzo = indirizzoSede(p.sede);
  const lavoratore = p.lavoratoreNominativo ? ` (lavoratore: ${p.lavoratoreNominativo})` : '';
  return {
    titolo: 'Promemoria appuntamento INPS',
    saluto: `Gentile ${p.cliente.nome} ${p.cliente.cognome},`,
    introduzione: `le ricordiamo l’appuntamento con l’INPS per il rapporto di lavoro domestico ${p.codiceRapporto}${lavoratore}.`,
    quando: `${dataLungaIt(p.data)}, ore ${p.ora}`,
    sede: p.sede?.nome ?? 'sede non indicata',
    indirizzo: indirizzo ?? INDIRIZZO_NON_DISPONIBILE,
    indirizzoNoto: indirizzo !== null,
    modalita: MODALITA_TESTO[p.modalita],
    quesiti: p.quesiti.map((q) => `${q.protocollo} — ${q.argomentoDescrizione ?? ARGOMENTO_NOME[q.argomento]}: ${q.oggetto}`),
    portareTitolo: p.modalita === 'presenza' ? 'Cosa portare' : 'Cosa tenere a portata di mano',
    portare: cosaPortare(p),
    ufficio: ufficio ? { nome: ufficio.nome, recapiti: recapitiUfficio(ufficio) } : null,
    chiusura: 'Se non può esserci, ci avvisi per tempo: disdiciamo l’appuntamento e ne prenotiamo un altro.',
  };
}

/** The same promemoria as a plain-text e-mail (CRLF line ends, as mail wants). */
export function promemoriaEmail(t: PromemoriaTesto): { oggetto: string; testo: string } {
  const elenco = (righe: string[]) => righe.map((r) => `- ${r}`);
  const righe = [
    t.saluto,
    '',
    t.introduzione,
    '',
    `Quando: ${t.quando}`,
    `Dove: ${t.sede} — ${t.indirizzo}`,
    `Modalità: ${t.modalita.nome}. ${t.modalita.spiega}`,
    '',
    ...(t.quesiti.length > 0 ? ['Quesiti da trattare:', ...elenco(t.quesiti), ''] : []),
    `${t.portareTitolo}:`,
    ...elenco(t.portare),
    '',
    t.chiusura,
    '',
    'Cordiali saluti',
    ...(t.ufficio ? [t.ufficio.nome, ...(t.ufficio.recapiti ? [t.ufficio.recapiti] : [])] : []),
  ];
  return { oggetto: `Promemoria: appuntamento INPS di ${t.quando}`, testo: righe.join('\r\n') };
}

/** A mailto: link (RFC 6068): the address, subject and body percent-encoded. */
export function mailtoLink(destinatario: string | null, oggetto: string, testo: string): string {
  return `mailto:${destinatario ? encodeURIComponent(destinatario).replace(/%40/g, '@') : ''}?subject=${encodeURIComponent(oggetto)}&body=${encodeURIComponent(testo)}`;
}
