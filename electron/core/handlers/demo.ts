import { DEMO_INTERMEDIARIO_ID, generateDataset } from '../../common/demo/index';
import { osservazioniDemo } from '../../common/demo/osservazioni';
import { romeDate } from '../../common/domain/calendario';
import { CacheWriter } from '../store/cacheWriter';
import type { Handler } from './types';

/** Fills the local cache straight from the generator (until the sandbox serves it through sync). */
export const demoCarica: Handler<'demo.carica'> = async (input, ctx) => {
  const oggi = input.oggi ?? romeDate(ctx.clock.now());
  const data = generateDataset({ seed: input.seme, size: input.dimensione, today: oggi });
  const demoDelegaIds = new Set(data.deleghe.filter((d) => d.intermediarioId === DEMO_INTERMEDIARIO_ID).map((d) => d.id));
  const writer = new CacheWriter(ctx.store.queries.sqlite);
  ctx.store.transaction(() => {
    for (const a of data.argomenti) writer.argomento(a);
    for (const s of data.sedi) writer.sede(s);
    for (const d of data.datori) writer.datore(d);
    // The office only holds its own deleghe.
    for (const d of data.deleghe) if (demoDelegaIds.has(d.id)) writer.delega(d);
    for (const r of data.rapporti) writer.rapporto(r);
    for (const q of data.quesiti) writer.quesito(q);
    for (const a of data.appuntamenti) writer.appuntamento(a);
    for (const c of data.comunicazioni) writer.comunicazione(c);
    // The office's operators by name, as a sync would list them (GET /v1/operatori).
    const operatori = data.operatori.filter((o) => o.intermediarioId === DEMO_INTERMEDIARIO_ID);
    ctx.store.operatori.sostituisci(
      operatori.map(({ id, nominativo, username }) => ({ id, nominativo, username })),
      ctx.clock.now().toISOString(),
    );
    // Demo only: a year of slot observations derived from the demo's bookings, so Statistiche shows waits (#15).
    ctx.store.statistiche.registraOsservazioniDemo(osservazioniDemo(data.appuntamenti, oggi, input.seme));
  });
  ctx.events.emit('dati.aggiornati', {});
  return {
    datori: data.datori.length,
    deleghe: demoDelegaIds.size,
    rapporti: data.rapporti.length,
    quesiti: data.quesiti.length,
    sedi: data.sedi.length,
    appuntamenti: data.appuntamenti.length,
    comunicazioni: data.comunicazioni.length,
  };
};
