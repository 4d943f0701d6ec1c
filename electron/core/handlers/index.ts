import { appInfo } from './app';
import { clienteDettaglio, clientiCerca } from './clienti';
import { rapportoQuesiti } from './rapporti';
import { demoCarica } from './demo';
import type { Handlers } from './types';

export const handlers: Handlers = {
  'app.info': appInfo,
  'clienti.cerca': clientiCerca,
  'cliente.dettaglio': clienteDettaglio,
  'rapporto.quesiti': rapportoQuesiti,
  'demo.carica': demoCarica,
};
