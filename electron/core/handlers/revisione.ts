import type { Cambiamento } from '../../common/commands/types';
import type { Handler } from './types';

export const revisioneElenco: Handler<'revisione.elenco'> = async (_input, ctx) =>
  ctx.sqlite
    .prepare(
      `SELECT c.id, c.tipo, c.rilevato_il AS rilevatoIl, c.descrizione, coalesce(c.appuntamento_id, b.appuntamento_id) AS appuntamentoId,
         c.bozza_id AS bozzaId, a.data, a.ora, s.nome AS sedeNome, coalesce(d.cognome || ' ' || d.nome, db.cognome || ' ' || db.nome) AS datoreNominativo,
         a.stato
       FROM cambiamenti c
       LEFT JOIN appuntamenti a ON a.id = c.appuntamento_id
       LEFT JOIN sedi s ON s.id = a.sede_id
       LEFT JOIN datori d ON d.codice_fiscale = a.datore_cf
       LEFT JOIN bozze b ON b.id = c.bozza_id
       LEFT JOIN datori db ON db.codice_fiscale = b.datore_cf
       WHERE c.visto_il IS NULL
       ORDER BY c.tipo, c.id DESC
       LIMIT 5000`,
    )
    .all() as Cambiamento[];

export const revisioneSegnaVisti: Handler<'revisione.segnaVisti'> = async ({ ids }, ctx) => {
  const now = ctx.clock.now().toISOString();
  const mark = ctx.sqlite.prepare('UPDATE cambiamenti SET visto_il = ? WHERE id = ? AND visto_il IS NULL');
  // One transaction: the whole selection is marked, or none of it.
  const visti = ctx.sqlite.transaction(() => ids.reduce((n, id) => n + mark.run(now, id).changes, 0)).immediate();
  ctx.events.emit('dati.aggiornati', { tabelle: ['cambiamenti'] });
  return { visti };
};
