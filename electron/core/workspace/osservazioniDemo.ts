import { osservazioniDemo } from '../../common/demo/osservazioni';
import { romeDate } from '../../common/domain/calendario';
import type { Core } from '../app';
import type { Clock } from '../clock';
import { prenotazioniDemo, statoOsservazioni } from '../store/osservazioniDemo';

// The embedded demo (npm start) fills its cache by syncing from the sandbox, which knows nothing of
// what the app saw when it asked for free slots; Statistiche and «Sede consigliata» would show no wait
// at all. Once the first sync has brought the bookings, the demo database gets the same derived year
// of observations as `demo.carica` — only here, on the demo's own database, never a service's.

const SEME = 1;

/** Derives the history now if the bookings are there, or after the sync that brings them. */
export function storiaOrariDemo(core: Core, clock: Clock): void {
  const { store } = core.ctx;
  const prova = (): boolean => {
    const stato = statoOsservazioni(store.queries);
    if (stato !== 'da_derivare') return stato === 'presenti';
    const lista = osservazioniDemo(prenotazioniDemo(store.queries), romeDate(clock.now()), SEME);
    store.transaction(() => store.statistiche.registraOsservazioniDemo(lista));
    core.ctx.events.emit('dati.aggiornati', {});
    return true;
  };
  if (prova()) return;
  const stop = core.events.subscribe(({ event }) => {
    if (event === 'dati.aggiornati' && prova()) stop();
  });
}
