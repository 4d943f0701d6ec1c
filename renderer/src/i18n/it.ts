// Every string the operator reads. Italian first; keys in English.
export const it = {
  app: { nome: 'Cassetto Desk', sottotitolo: 'Agenda Appuntamenti · lavoro domestico' },
  nav: {
    daFare: 'Da fare',
    clienti: 'Clienti',
    appuntamenti: 'Appuntamenti',
    revisione: 'Revisione stati',
    impostazioni: 'Impostazioni',
    principale: 'Navigazione principale',
  },
  stato: {
    barra: 'Stato',
    versione: 'versione {versione} · schema {schema}',
  },
  sync: {
    fase: {
      inattivo: 'Sincronizzato',
      in_corso: 'Sincronizzazione in corso',
      offline: 'Servizio non raggiungibile',
      accesso_richiesto: 'Accesso al servizio richiesto',
      errore: 'Sincronizzazione non riuscita',
      non_configurato: 'Solo dati locali',
    },
    avanzamento: '{modifiche} modifiche, {pagine} pagine',
    ultimo: 'ultimo aggiornamento {quando}',
    ora: 'Sincronizza ora',
    percentuale: 'Sincronizzazione al {n}%',
    inCoda: '{n} operazioni in coda | {n} operazione in coda | {n} operazioni in coda',
  },
  clienti: {
    titolo: 'Clienti',
    cerca: 'Cerca cliente',
    cercaSegnaposto: 'Nome, codice fiscale o codice rapporto',
    filtroDelega: 'Stato delega',
    tutte: 'Tutte',
    nessuno: 'Nessun cliente corrisponde alla ricerca.',
    risultati: '{n} clienti | {n} cliente | {n} clienti',
    caricaAltri: 'Mostra altri',
    colonne: {
      nominativo: 'Cliente',
      codiceFiscale: 'Codice fiscale',
      comune: 'Comune',
      delega: 'Delega',
      rapporti: 'Rapporti',
      appuntamenti: 'Appuntamenti confermati',
    },
    scadenza: 'scade il {data}',
  },
  delega: {
    da_attivare: 'Da attivare',
    attiva: 'Attiva',
    revocata: 'Revocata',
    annullata: 'Annullata',
    nessuna: 'Nessuna delega',
  },
  inArrivo: {
    testo: 'Questa schermata arriva con la sincronizzazione e l’interfaccia operatore complete.',
  },
  impostazioni: {
    titolo: 'Impostazioni',
    versione: 'Versione',
    schema: 'Versione schema database',
    percorso: 'Database locale',
    memoria: 'in memoria',
  },
  errori: { generico: 'Operazione non riuscita. Riprova; se si ripete, esporta la diagnostica e contatta l’assistenza.' },
} as const;

export type Messages = typeof it;
