import type { DaFare, QuesitoDaFare } from '../../common/commands/types';
import { addDays, romeDate } from '../../common/domain/calendario';
import { valutaIdoneita } from '../../common/domain/idoneita';
import type { Esito } from '../../common/model';
import { currentDelegaSql } from '../store/deleghe';
import type { Handler } from './types';

const LIMIT = 50;

/** The home screen: what needs doing today, from the local cache (works offline). */
export const dafareRiepilogo: Handler<'dafare.riepilogo'> = async ({ giorni }, ctx) => {
  const q = ctx.sqlite;
  const oggi = romeDate(ctx.clock.now());
  const finestra = addDays(oggi, giorni);

  // Open quesiti of clients the office may act for, not already in a confermato appointment.
  const aperti = q
    .prepare(
      `SELECT qu.id, qu.protocollo, qu.oggetto, qu.codice_rapporto AS codiceRapporto, qu.esito, qu.data_invio AS dataInvio,
         qu.data_esito AS dataEsito, ar.termine_giorni AS termine, r.datore_cf AS datoreCf, d.cognome || ' ' || d.nome AS datoreNominativo
       FROM quesiti qu
       JOIN argomenti ar ON ar.codice = qu.argomento
       JOIN rapporti r ON r.codice = qu.codice_rapporto
       JOIN datori d ON d.codice_fiscale = r.datore_cf
       WHERE qu.esito IN ('in_attesa', 'negativo')
         AND ${currentDelegaSql('stato', 'r.datore_cf')} = 'attiva'
         AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l CROSS JOIN appuntamenti a ON a.id = l.appuntamento_id
                         WHERE l.quesito_id = qu.id AND a.stato = 'confermato')`,
    )
    .all() as (Omit<QuesitoDaFare, 'data' | 'giorni'> & { esito: Esito; dataInvio: string; dataEsito: string | null; termine: number })[];

  const idonei: QuesitoDaFare[] = [];
  const inArrivo: QuesitoDaFare[] = [];
  for (const { esito, dataInvio, dataEsito, termine, ...rest } of aperti) {
    const i = valutaIdoneita({ esito, dataInvio, dataEsito }, termine, oggi);
    if (i.idoneo && i.dal >= addDays(oggi, -giorni)) idonei.push({ ...rest, data: i.dal, giorni: daysBetween(i.dal, oggi) });
    else if (!i.idoneo && i.idoneoDal && i.idoneoDal <= finestra) inArrivo.push({ ...rest, data: i.idoneoDal, giorni: daysBetween(oggi, i.idoneoDal) });
  }
  idonei.sort((a, b) => b.data.localeCompare(a.data) || a.id.localeCompare(b.id));
  inArrivo.sort((a, b) => a.data.localeCompare(b.data) || a.id.localeCompare(b.id));

  const conteggi = Object.fromEntries(
    (q.prepare('SELECT stato, count(*) AS n FROM bozze GROUP BY stato').all() as { stato: string; n: number }[]).map((r) => [r.stato, r.n]),
  );

  const prossimiRows = q
    .prepare(
      `SELECT a.id, a.data, a.ora, a.sede_id AS sedeId, s.nome AS sedeNome, d.cognome || ' ' || d.nome AS datoreNominativo
       FROM appuntamenti a JOIN sedi s ON s.id = a.sede_id JOIN datori d ON d.codice_fiscale = a.datore_cf
       WHERE a.stato = 'confermato' AND a.data >= ? AND a.data <= ? ORDER BY s.nome, a.data, a.ora`,
    )
    .all(oggi, finestra) as { id: string; data: string; ora: string; sedeId: string; sedeNome: string; datoreNominativo: string }[];
  const perSede = new Map<string, DaFare['prossimi'][number]>();
  for (const { sedeId, sedeNome, ...a } of prossimiRows) {
    const group = perSede.get(sedeId) ?? { sedeId, sedeNome, appuntamenti: [] };
    group.appuntamenti.push(a);
    perSede.set(sedeId, group);
  }

  const deleghe = (where: string, ...params: unknown[]) =>
    q
      .prepare(
        `SELECT dl.datore_cf AS datoreCf, d.cognome || ' ' || d.nome AS datoreNominativo, dl.stato, dl.data_sottoscrizione AS dataSottoscrizione,
           dl.data_scadenza AS dataScadenza, dl.data_fine AS dataFine
         FROM deleghe dl JOIN datori d ON d.codice_fiscale = dl.datore_cf
         WHERE dl.id = ${currentDelegaSql('id', 'dl.datore_cf')} AND ${where}
         ORDER BY d.cognome, d.nome LIMIT ${LIMIT}`,
      )
      .all(...params) as never[];

  return {
    oggi,
    quesitiIdonei: idonei.slice(0, LIMIT),
    quesitiInArrivo: inArrivo.slice(0, LIMIT),
    bozze: { bozza: conteggi.bozza ?? 0, in_coda: conteggi.in_coda ?? 0, da_correggere: conteggi.da_correggere ?? 0, congelata: conteggi.congelata ?? 0 },
    daCorreggere: q
      .prepare(
        `SELECT b.id, d.cognome || ' ' || d.nome AS datoreNominativo, b.codice_rapporto AS codiceRapporto, coalesce(b.errore_messaggio, '') AS errore
         FROM bozze b JOIN datori d ON d.codice_fiscale = b.datore_cf WHERE b.stato = 'da_correggere' ORDER BY b.aggiornata_il DESC LIMIT ${LIMIT}`,
      )
      .all() as DaFare['daCorreggere'],
    prossimi: [...perSede.values()],
    deleghe: {
      daAttivare: deleghe("dl.stato = 'da_attivare'"),
      inScadenza: deleghe("dl.stato = 'attiva' AND dl.data_scadenza BETWEEN ? AND ?", oggi, addDays(oggi, 30)),
      revocateDiRecente: deleghe("dl.stato IN ('revocata', 'annullata') AND dl.data_fine >= ?", addDays(oggi, -30)),
    },
  };
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
