// Italian texts for the demo data: argomenti, quesiti, esiti, notes, state reasons, messages.
// Plain data, drawn from by the generator.
import type { ArgomentoCodice } from '../model';

export const ARGOMENTI_DEMO: readonly { codice: ArgomentoCodice; descrizione: string; termineGiorni: number }[] = [
  {
    codice: 'mav',
    descrizione: 'MAV / avvisi di pagamento (non pervenuti, errati, impossibili da stampare)',
    termineGiorni: 30,
  },
  { codice: 'anagrafiche', descrizione: 'Anagrafiche (dati non aggiornati, variazioni)', termineGiorni: 30 },
  {
    codice: 'contributi',
    descrizione: "Contributi (versati ma non presenti nell'estratto conto del lavoratore)",
    termineGiorni: 60,
  },
  { codice: 'rapporti', descrizione: 'Rapporti di lavoro (sospesi in attesa di definizione)', termineGiorni: 30 },
  { codice: 'avviso_bonario', descrizione: 'Avviso bonario / Accertamento', termineGiorni: 45 },
];

export const OGGETTI_QUESITO: Record<ArgomentoCodice, readonly string[]> = {
  mav: [
    'Avviso di pagamento del trimestre non pervenuto',
    'Importo del MAV non corrispondente alle ore dichiarate',
    'Impossibile stampare l’avviso di pagamento dal Cassetto',
    'Avviso pagoPA con codice IUV non valido',
    'Richiesta duplicato avviso di pagamento trimestrale',
    'Avviso di pagamento intestato a un rapporto cessato',
    'MAV con retribuzione oraria errata dopo variazione del contratto',
    'Pagamento eseguito ma avviso ancora risultante da pagare',
  ],
  anagrafiche: [
    'Variazione di residenza del datore di lavoro non recepita',
    'Cognome del lavoratore errato in anagrafica',
    'Aggiornamento recapiti del datore di lavoro',
    'Codice fiscale del lavoratore non allineato con l’Agenzia delle Entrate',
    'Variazione dell’indirizzo del luogo di lavoro',
    'Subentro degli eredi nel rapporto di lavoro dopo il decesso del datore',
    'Correzione della data di nascita del lavoratore',
  ],
  contributi: [
    'Contributi del trimestre versati ma non presenti nell’estratto conto del lavoratore',
    'Versamento effettuato con codice rapporto errato',
    'Contributi accreditati su un altro rapporto dello stesso datore',
    'Mancato accredito dei contributi versati in ritardo con sanzioni',
    'Estratto conto del lavoratore incompleto per l’anno precedente',
    'Doppio versamento per lo stesso trimestre: richiesta di compensazione',
    'Contributi versati tramite F24 non abbinati al rapporto',
  ],
  rapporti: [
    'Rapporto di lavoro sospeso in attesa di definizione',
    'Comunicazione di cessazione del rapporto non registrata',
    'Variazione dell’orario di lavoro non recepita',
    'Trasformazione da colf a badante non registrata',
    'Data di inizio del rapporto errata',
    'Rapporto risultante attivo dopo le dimissioni del lavoratore',
    'Proroga del contratto a termine non visibile nel Cassetto',
  ],
  avviso_bonario: [
    'Avviso bonario per contributi già versati',
    'Richiesta di riesame dell’avviso bonario ricevuto',
    'Accertamento su trimestre coperto da sospensione del rapporto',
    'Avviso bonario con sanzioni calcolate su importi errati',
    'Richiesta di rateizzazione dell’avviso bonario',
    'Accertamento per omissione contributiva già sanata',
  ],
};

export const MOTIVI_POSITIVO: Record<ArgomentoCodice, readonly string[]> = {
  mav: [
    'Avviso di pagamento rigenerato e disponibile nel Cassetto.',
    'Importo ricalcolato sulla base delle ore dichiarate.',
    'Pagamento abbinato correttamente all’avviso.',
  ],
  anagrafiche: [
    'Anagrafica aggiornata come richiesto.',
    'Dati allineati con l’Anagrafe tributaria.',
    'Variazione registrata con decorrenza dalla data indicata.',
  ],
  contributi: [
    'Contributi accreditati sull’estratto conto del lavoratore.',
    'Versamento riattribuito al rapporto corretto.',
    'Compensazione effettuata sul trimestre successivo.',
  ],
  rapporti: ['Rapporto di lavoro definito e riattivato.', 'Cessazione registrata con la data comunicata.', 'Variazione del rapporto registrata.'],
  avviso_bonario: ['Avviso bonario annullato in autotutela.', 'Importo rideterminato: nulla è dovuto.', 'Rateizzazione concessa.'],
};

export const MOTIVI_NEGATIVO: Record<ArgomentoCodice, readonly string[]> = {
  mav: [
    'Documentazione insufficiente: allegare le ricevute dei pagamenti.',
    'L’importo dell’avviso risulta corretto.',
    'Richiesta non di competenza della sede: rivolgersi alla sede di residenza.',
  ],
  anagrafiche: [
    'Variazione non accolta: manca il documento di identità.',
    'I dati risultano già corretti negli archivi.',
    'Necessaria la presentazione di documentazione anagrafica aggiornata.',
  ],
  contributi: [
    'Versamento non rintracciato: allegare la quietanza di pagamento.',
    'Contributi non accreditabili: rapporto non attivo nel periodo.',
    'Codice rapporto indicato nel versamento non riconducibile al datore.',
  ],
  rapporti: [
    'Comunicazione obbligatoria mancante o incompleta.',
    'Variazione non accolta: date incongruenti.',
    'Necessaria la verifica con documentazione in originale.',
  ],
  avviso_bonario: [
    'Avviso confermato: i versamenti risultano omessi.',
    'Istanza di riesame respinta per mancanza di documentazione.',
    'Rateizzazione non concessa: importo inferiore alla soglia.',
  ],
};

export const NOTE_APPUNTAMENTO: readonly string[] = [
  'Il datore di lavoro è anziano e sarà accompagnato dal figlio, delegato a rappresentarlo.',
  'Si porteranno in visione le ricevute dei versamenti degli ultimi quattro trimestri.',
  'Presente anche la lavoratrice per la verifica dell’estratto conto contributivo.',
  'Si chiede di verificare il codice rapporto indicato nei versamenti del terzo trimestre.',
  'Documentazione già trasmessa in allegato: copia del contratto e comunicazione di assunzione.',
  'Il datore di lavoro non è in grado di spostarsi: si preferisce la richiamata telefonica, se possibile.',
  'Appuntamento richiesto dopo l’esito negativo del quesito: si allegano le quietanze mancanti.',
  'Si chiede la definizione contestuale dei quesiti relativi allo stesso rapporto.',
  'Il rapporto è cessato: occorre chiudere la posizione e verificare l’ultimo trimestre.',
  'Si segnala che il datore è deceduto; si presenteranno gli eredi con la documentazione di successione.',
  'Avviso bonario ricevuto a mezzo PEC: si porta copia con i pagamenti già effettuati.',
  'Verificare la variazione dell’orario settimanale comunicata a inizio anno.',
];

export const MOTIVI_CANCELLAZIONE_UTENTE: readonly string[] = [
  'Annullato su richiesta del datore di lavoro: impedimento sopraggiunto.',
  'Annullato: la questione è stata risolta prima dell’appuntamento.',
  'Annullato per indisponibilità del datore di lavoro nella data fissata.',
  'Annullato: si prenoterà una nuova data con la documentazione completa.',
  'Annullato per errore nella scelta della sede.',
];

export const MOTIVI_DISDETTA_SEDE: readonly string[] = [
  'Disdetto dalla sede per indisponibilità del funzionario.',
  'Disdetto dalla sede per chiusura straordinaria degli uffici.',
  'Disdetto dalla sede: riorganizzazione dell’agenda di sportello.',
  'Disdetto dalla sede: il quesito sarà definito senza appuntamento.',
];

export const MOTIVO_DISDETTA_QUESITO_DEFINITO = 'Disdetto dalla sede: il quesito è stato definito con esito positivo.';

export const MOTIVI_CHIUSURA: readonly string[] = [
  'Pratica definita d’ufficio: non è necessario presentarsi.',
  'Quesito definito sulla base della documentazione allegata.',
  'Definito a seguito di verifica interna degli archivi.',
  'Posizione regolarizzata: appuntamento chiuso senza presenza.',
];

export const MOTIVO_CHIUSURA_QUESITO_POSITIVO = 'Quesito definito con esito positivo: appuntamento chiuso senza presenza.';

export const MSG_SEDE: readonly string[] = [
  'Si conferma l’appuntamento. Si prega di presentarsi muniti di documento di identità e della documentazione relativa al quesito.',
  'Si chiede di integrare la documentazione con le ricevute dei versamenti del trimestre indicato.',
  'La documentazione allegata è stata ricevuta ed è in corso di esame.',
  'Si ricorda di portare il contratto di lavoro e l’ultima busta paga del lavoratore.',
  'Il funzionario incaricato contatterà il numero indicato all’orario dell’appuntamento.',
  'Il collegamento per la videochiamata sarà inviato all’indirizzo email indicato il giorno precedente.',
  'In caso di impedimento si prega di annullare l’appuntamento dal Cassetto per liberare l’orario.',
];

export const MSG_SEDE_DISDETTA: readonly string[] = [
  'Ci scusiamo per il disagio: l’appuntamento è stato disdetto per sopraggiunta indisponibilità del funzionario. È possibile prenotare una nuova data.',
  'L’appuntamento è stato disdetto per chiusura straordinaria della sede. Si invita a prenotare nuovamente.',
];

export const MSG_SEDE_CHIUSURA: readonly string[] = [
  'La pratica è stata definita: non è necessario presentarsi all’appuntamento.',
  'Il quesito è stato definito sulla base della documentazione ricevuta. L’appuntamento è chiuso.',
];

export const MSG_INTERMEDIARIO: readonly string[] = [
  'Si trasmettono in allegato le ricevute dei pagamenti relativi al rapporto.',
  'Il datore di lavoro sarà accompagnato da un operatore del patronato.',
  'Si chiede conferma della ricezione della documentazione inviata.',
  'Si allega la delega del datore di lavoro e copia del documento di identità.',
  'Il datore di lavoro non potrà essere presente di persona: si chiede, se possibile, la richiamata telefonica.',
  'Si allega l’estratto conto del lavoratore con evidenza dei trimestri mancanti.',
  'Si segnala un recapito telefonico aggiornato del datore di lavoro.',
];

export const MSG_CITTADINO: readonly string[] = [
  'Buongiorno, allego copia dei bollettini pagati.',
  'Devo portare anche il contratto di lavoro della badante?',
  'Grazie, sarò presente all’orario indicato.',
  'Buongiorno, verrà con me anche la lavoratrice: va bene?',
  'Ho ricevuto il messaggio, porterò tutta la documentazione richiesta.',
  'Potete indicarmi a quale sportello devo rivolgermi?',
];

export const MOTIVO_REVOCA_DATORE = 'Revoca su richiesta del datore di lavoro.';
export const MOTIVO_REVOCA_ALTRO_INTERMEDIARIO = 'Revoca automatica: il datore di lavoro ha conferito delega ad altro intermediario.';
export const MOTIVI_ANNULLAMENTO_DELEGA: readonly string[] = [
  'Annullata: modulo di delega privo della firma del datore di lavoro.',
  'Annullata: documento di identità del delegante scaduto.',
  'Annullata: dati del datore di lavoro non corrispondenti.',
  'Annullata su richiesta dell’intermediario per errore di inserimento.',
];
