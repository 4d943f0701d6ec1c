import {
  allegatiRiduci,
  allegatiUnisci,
  allegatoApri,
  allegatoContenuto,
  allegatoPrepara,
  allegatoScaricaRemoto,
  bozzaAllegatoAggiungi,
  bozzaAllegatoCollega,
  bozzaAllegatoRimuovi,
  bozzaAllegatoScegli,
} from './allegati';
import { appInfo } from './app';
import { appuntamentiCerca, appuntamentoCancella, appuntamentoDettaglio, operatoriElenco, sediElenco, sediSlot } from './appuntamenti';
import { dafareRiepilogo } from './dafare';
import { agendaEsporta, agendaStampa, bozzeEsporta } from './esporta';
import { bozzeEliminaInBlocco, bozzeInviaInBlocco, bozzeModificaInBlocco } from './blocco';
import { bozzaCrea, bozzaDettaglio, bozzaElimina, bozzaInvia, bozzaModifica, bozzeCerca, bozzeElenco } from './bozze';
import { bozzeProponiOrari } from './orari';
import { bozzePrepara } from './prepara';
import { bozzaRiprenota } from './riprenota';
import { clienteDettaglio, clientiCerca } from './clienti';
import { appuntamentoComunica } from './comunicazioni';
import { chiaveCambia, chiaveImposta, chiaveSblocca } from './chiave';
import { configurazioneServizio, configurazioneStato, ufficioImposta } from './configurazione';
import { conservazioneAnteprima, conservazioneEsegui, conservazioneImposta, conservazioneStato } from './conservazione';
import { clienteEsportaDati } from './esportaCliente';
import { backupCrea, backupElenco, backupRipristina, diagnosticaEsporta } from './manutenzione';
import { appLicenze } from './licenze';
import { promemoriaEmail, promemoriaPdf } from './promemoria';
import { rapportoQuesiti } from './rapporti';
import { registroCerca, registroEsporta, registroOpzioni, registroVerifica } from './registro';
import { demoCarica } from './demo';
import { revisioneElenco, revisioneSegnaVisti } from './revisione';
import { sediConsigliate, statisticheAndamento, statisticheArgomenti, statisticheEsporta, statisticheOperatori, statisticheSedi } from './statistiche';
import { ricercaRapida } from './ricerca';
import { servizioAccedi, servizioEsci } from './servizio';
import { syncOra, syncProblemi, syncStato } from './sync';
import type { Handlers } from './types';

export const handlers: Handlers = {
  'app.info': appInfo,
  'clienti.cerca': clientiCerca,
  'ricerca.rapida': ricercaRapida,
  'cliente.dettaglio': clienteDettaglio,
  'rapporto.quesiti': rapportoQuesiti,
  'dafare.riepilogo': dafareRiepilogo,
  'revisione.elenco': revisioneElenco,
  'revisione.segnaVisti': revisioneSegnaVisti,
  'appuntamenti.cerca': appuntamentiCerca,
  'agenda.esporta': agendaEsporta,
  'agenda.stampa': agendaStampa,
  'appuntamento.dettaglio': appuntamentoDettaglio,
  'operatori.elenco': operatoriElenco,
  'sedi.elenco': sediElenco,
  'sedi.slot': sediSlot,
  'bozza.crea': bozzaCrea,
  'bozza.modifica': bozzaModifica,
  'bozza.elimina': bozzaElimina,
  'bozza.invia': bozzaInvia,
  'bozza.allegato.aggiungi': bozzaAllegatoAggiungi,
  'bozza.allegato.rimuovi': bozzaAllegatoRimuovi,
  'bozza.allegato.scegli': bozzaAllegatoScegli,
  'allegato.prepara': allegatoPrepara,
  'bozza.allegato.collega': bozzaAllegatoCollega,
  'allegati.riduci': allegatiRiduci,
  'allegati.unisci': allegatiUnisci,
  'allegato.scaricaRemoto': allegatoScaricaRemoto,
  'allegato.contenuto': allegatoContenuto,
  'allegato.apri': allegatoApri,
  'bozze.elenco': bozzeElenco,
  'bozza.dettaglio': bozzaDettaglio,
  'bozze.cerca': bozzeCerca,
  'bozze.esporta': bozzeEsporta,
  'bozze.prepara': bozzePrepara,
  'bozze.proponiOrari': bozzeProponiOrari,
  'bozze.modificaInBlocco': bozzeModificaInBlocco,
  'bozze.eliminaInBlocco': bozzeEliminaInBlocco,
  'bozze.inviaInBlocco': bozzeInviaInBlocco,
  'bozza.riprenota': bozzaRiprenota,
  'appuntamento.cancella': appuntamentoCancella,
  'appuntamento.comunica': appuntamentoComunica,
  'configurazione.stato': configurazioneStato,
  'configurazione.servizio': configurazioneServizio,
  'ufficio.imposta': ufficioImposta,
  'chiave.imposta': chiaveImposta,
  'chiave.sblocca': chiaveSblocca,
  'chiave.cambia': chiaveCambia,
  'promemoria.pdf': promemoriaPdf,
  'promemoria.email': promemoriaEmail,
  'backup.elenco': backupElenco,
  'backup.crea': backupCrea,
  'backup.ripristina': backupRipristina,
  'diagnostica.esporta': diagnosticaEsporta,
  'conservazione.stato': conservazioneStato,
  'conservazione.imposta': conservazioneImposta,
  'conservazione.anteprima': conservazioneAnteprima,
  'conservazione.esegui': conservazioneEsegui,
  'cliente.esportaDati': clienteEsportaDati,
  'app.licenze': appLicenze,
  'servizio.accedi': servizioAccedi,
  'servizio.esci': servizioEsci,
  'sync.ora': syncOra,
  'sync.stato': syncStato,
  'sync.problemi': syncProblemi,
  'registro.cerca': registroCerca,
  'registro.opzioni': registroOpzioni,
  'registro.esporta': registroEsporta,
  'registro.verifica': registroVerifica,
  'statistiche.sedi': statisticheSedi,
  'statistiche.andamento': statisticheAndamento,
  'statistiche.argomenti': statisticheArgomenti,
  'statistiche.operatori': statisticheOperatori,
  'statistiche.esporta': statisticheEsporta,
  'sedi.consigliate': sediConsigliate,
  'demo.carica': demoCarica,
};
