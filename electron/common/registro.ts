// The registro attività's actions as the operator reads them (screen and export). An action not
// listed here (a newer version's, or one recorded by another part) shows its own name.

export const AZIONI_REGISTRO: Readonly<Record<string, string>> = {
  'servizio.accedi': 'Accesso',
  'servizio.esci': 'Uscita',
  'bozza.crea': 'Bozza creata',
  'bozza.modifica': 'Bozza modificata',
  'bozza.elimina': 'Bozza eliminata',
  'bozza.invia': 'Prenotazione inviata',
  'bozza.riprenota': 'Riprenotazione preparata',
  'bozze.prepara': 'Bozza preparata in blocco',
  'bozze.proponiOrari': 'Orario proposto',
  'bozze.modificaInBlocco': 'Bozza modificata in blocco',
  'bozze.eliminaInBlocco': 'Eliminazione in blocco',
  'bozze.inviaInBlocco': 'Invio in blocco',
  'bozza.allegato.aggiungi': 'Allegato aggiunto',
  'bozza.allegato.rimuovi': 'Allegato tolto',
  'allegato.anteprima': 'Allegato visualizzato',
  'allegato.scarica': 'Allegato scaricato',
  'allegato.apri': 'Allegato aperto',
  'appuntamento.cancella': 'Cancellazione richiesta',
  'appuntamento.comunica': 'Comunicazione alla sede',
  'agenda.esporta': 'Agenda esportata',
  'agenda.stampa': 'Agenda stampata',
  'bozze.esporta': 'Bozze esportate',
  'promemoria.pdf': 'Promemoria stampato (PDF)',
  'promemoria.email': 'Promemoria per e-mail',
  'backup.crea': 'Backup',
  'backup.ripristina': 'Ripristino da backup',
  'diagnostica.esporta': 'Diagnostica esportata',
  'configurazione.servizio': 'Servizio scelto',
  'ufficio.imposta': 'Dati dell’ufficio cambiati',
  'chiave.cambiaPassphrase': 'Passphrase cambiata',
  'chiave.imposta': 'Passphrase dell’ufficio impostata',
  'chiave.sblocca': 'Dati aperti con la passphrase',
  'conservazione.esegui': 'Conservazione: dati cancellati',
  'conservazione.imposta': 'Conservazione: mesi cambiati',
  'cliente.esportaDati': 'Dati del cliente esportati',
  'registro.esporta': 'Registro esportato',
};

export function etichettaAzione(azione: string): string {
  return AZIONI_REGISTRO[azione] ?? azione;
}
