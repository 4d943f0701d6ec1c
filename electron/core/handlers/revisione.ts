import type { Handler } from './types';

const MAX_CAMBIAMENTI = 5000;

export const revisioneElenco: Handler<'revisione.elenco'> = async (_input, ctx) => ctx.store.cambiamenti.nonVisti(MAX_CAMBIAMENTI);

export const revisioneSegnaVisti: Handler<'revisione.segnaVisti'> = async ({ ids }, ctx) => {
  const now = ctx.clock.now().toISOString();
  // One transaction: the whole selection is marked, or none of it.
  const visti = ctx.store.transaction(() => ctx.store.cambiamenti.segnaVisti(ids, now));
  ctx.events.emit('dati.aggiornati', {});
  return { visti };
};
