import { appInfo } from './app';
import { clienteDettaglio, clientiCerca } from './clienti';
import { rapportoQuesiti } from './rapporti';
import { demoCarica } from './demo';
import { syncOra, syncStato } from './sync';
import type { Handlers } from './types';

export const handlers: Handlers = {
  'app.info': appInfo,
  'clienti.cerca': clientiCerca,
  'cliente.dettaglio': clienteDettaglio,
  'rapporto.quesiti': rapportoQuesiti,
  'sync.ora': syncOra,
  'sync.stato': syncStato,
  'demo.carica': demoCarica,
};
