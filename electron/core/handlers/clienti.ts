import { sql, type Expression, type SqlBool } from 'kysely';
import { currentDelegaSql } from '../store/deleghe';
import { escapeLike, likeLiteral, normalizeSearchText } from '../store/search';
import { romeDate } from '../../common/domain/calendario';
import { AppError } from '../../common/errors';
import type { DelegaStato } from '../../common/model';
import { quesitiConIdoneita } from '../store/quesiti';
import type { Handler } from './types';

/** The client's state, looked up per row on the (datore_cf, data_sottoscrizione) index. */
function currentDelega<C extends 'stato' | 'data_scadenza'>(column: C) {
  return sql<C extends 'stato' ? DelegaStato | null : string | null>`${sql.raw(currentDelegaSql(column, 'd.codice_fiscale'))}`;
}

/** Free text → the filter: digits search codici rapporto, anything else names and codici fiscali. */
export const clientiCerca: Handler<'clienti.cerca'> = async (input, ctx) => {
  const text = normalizeSearchText(input.testo);
  const words = text === '' ? [] : text.split(' ');

  const base = ctx.db
    .selectFrom('datori as d')
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (/^\d{1,10}$/.test(text)) {
        // A codice rapporto prefix: a range on the primary key (LIKE would not use the index).
        const matching = eb.selectFrom('rapporti').select('rapporti.datore_cf').where('rapporti.codice', '>=', text).where('rapporti.codice', '<', `${text}:`);
        conditions.push(eb('d.codice_fiscale', 'in', matching));
      } else if (words.length > 0) {
        // Every word in "cognome nome" (any order), or the text as the start of the codice fiscale
        // (a range on the primary key: codici fiscali are A–Z 0–9, all below '[').
        const byName = eb.and(words.map((w) => eb('d.nominativo_ricerca', 'like', likeLiteral(`%${escapeLike(w)}%`))));
        const cf = text.replace(/ /g, '').toUpperCase();
        const byCf = eb.and([eb('d.codice_fiscale', '>=', cf), eb('d.codice_fiscale', '<', `${cf}[`)]);
        conditions.push(eb.or([byName, byCf]));
      }
      if (input.delega && input.delega.length > 0) conditions.push(eb(currentDelega('stato'), 'in', input.delega));
      return eb.and(conditions);
    });

  const [righe, totale] = await Promise.all([
    base
      .select((eb) => [
        'd.codice_fiscale as codiceFiscale',
        'd.cognome',
        'd.nome',
        'd.comune',
        'd.provincia',
        currentDelega('stato').as('delegaStato'),
        currentDelega('data_scadenza').as('delegaScadenza'),
        eb.selectFrom('rapporti').select(eb.fn.countAll<number>().as('n')).whereRef('rapporti.datore_cf', '=', 'd.codice_fiscale').as('rapporti'),
        eb
          .selectFrom('appuntamenti')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('appuntamenti.datore_cf', '=', 'd.codice_fiscale')
          // Unary + keeps SQLite on the datore index: by stato it would scan every Confermato row per client.
          .where(sql<string>`+appuntamenti.stato`, '=', 'confermato')
          .as('appuntamentiConfermati'),
      ])
      .orderBy('d.cognome')
      .orderBy('d.nome')
      .orderBy('d.codice_fiscale')
      .limit(input.limite)
      .offset(input.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);

  return {
    righe: righe.map((r) => ({ ...r, rapporti: Number(r.rapporti ?? 0), appuntamentiConfermati: Number(r.appuntamentiConfermati ?? 0) })),
    totale: Number(totale.n),
  };
};

const SOLA_LETTURA: Record<Exclude<DelegaStato, 'attiva'>, string> = {
  da_attivare: 'La delega non è ancora attiva: attivala per poter operare per questo cliente.',
  revocata: 'La delega è stata revocata: non si può operare per questo cliente finché non ne conferisce una nuova.',
  annullata: 'La delega è stata annullata: non si può operare per questo cliente.',
};

export const clienteDettaglio: Handler<'cliente.dettaglio'> = async (input, ctx) => {
  const datore = await ctx.db
    .selectFrom('datori')
    .select(['codice_fiscale as codiceFiscale', 'cognome', 'nome', 'comune', 'provincia', 'telefono', 'email'])
    .where('codice_fiscale', '=', input.codiceFiscale)
    .executeTakeFirst();
  if (!datore) throw new AppError('NON_TROVATO', 'Nessun cliente con questo codice fiscale tra quelli dell’ufficio.');

  const delega = await ctx.db
    .selectFrom('deleghe')
    .select([
      'stato',
      'data_sottoscrizione as dataSottoscrizione',
      'data_attivazione as dataAttivazione',
      'data_scadenza as dataScadenza',
      'data_fine as dataFine',
      'motivo_fine as motivoFine',
    ])
    .where('datore_cf', '=', input.codiceFiscale)
    .orderBy('data_sottoscrizione', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();

  const rapporti = await ctx.db
    .selectFrom('rapporti')
    .select(['codice', 'lavoratore_nominativo as lavoratoreNominativo', 'tipologia', 'data_inizio as dataInizio', 'data_fine as dataFine'])
    .where('datore_cf', '=', input.codiceFiscale)
    .orderBy('data_inizio', 'desc')
    .execute();
  const quesiti = await quesitiConIdoneita(ctx.db, rapporti.map((r) => r.codice), romeDate(ctx.clock.now()));

  return {
    datore,
    delega: delega ?? null,
    motivoSolaLettura: !delega
      ? 'Nessuna delega registrata per questo cliente.'
      : delega.stato === 'attiva'
        ? null
        : SOLA_LETTURA[delega.stato],
    rapporti: rapporti.map((r) => {
      const mine = quesiti.filter((q) => q.codiceRapporto === r.codice);
      return { ...r, quesiti: mine.length, quesitiIdonei: mine.filter((q) => q.idoneita.idoneo).length };
    }),
  };
};
