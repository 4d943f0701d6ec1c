import { addDays } from '../../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../../electron/common/domain/idoneita';
import { ARGOMENTI, ESITI } from '../../../electron/common/model';
import type { DatasetIndex } from './dataset';
import { problems, uniqueCount } from './util';

/** Quesiti: protocolli, dates and esiti that fit; mostly recent; enough idonei today and in the next week. */
export function checkQuesiti({ ds, today, rapporti, quesiti, termine, idoneiOggi }: DatasetIndex): string[] {
  const { ok, list } = problems();
  ok(quesiti.size === ds.quesiti.length, 'quesiti: id unici');
  ok(uniqueCount(ds.quesiti.map((q) => q.protocollo)) === ds.quesiti.length, 'protocolli unici');
  const seiMesiFa = addDays(today, -183);
  const minInvio = addDays(today, -430);
  let recenti = 0;
  for (let i = 0; i < ds.quesiti.length; i++) {
    const q = ds.quesiti[i]!;
    const tag = `quesito ${q.id}`;
    ok(/^INPS\.\d{4}\.\d{4}\.\d{7}$/.test(q.protocollo) && q.protocollo.slice(10, 14) === q.dataInvio.slice(0, 4), `${tag}: protocollo ${q.protocollo}`);
    const r = rapporti.get(q.codiceRapporto);
    ok(r !== undefined && q.dataInvio > r.dataInizio, `${tag}: rapporto`);
    ok(ARGOMENTI.includes(q.argomento) && q.oggetto.length > 10, `${tag}: argomento/oggetto`);
    ok(q.dataInvio < today && q.dataInvio >= minInvio, `${tag}: dataInvio ${q.dataInvio}`);
    if (q.dataInvio >= seiMesiFa) recenti++;
    if (q.esito === 'in_attesa') ok(q.dataEsito === null && q.motivoEsito === null, `${tag}: in attesa con esito`);
    else {
      ok(q.dataEsito !== null && q.dataEsito > q.dataInvio && q.dataEsito < today, `${tag}: dataEsito`);
      ok(q.motivoEsito !== null && q.motivoEsito.length > 5, `${tag}: motivoEsito`);
    }
    // Sorted by id = sorted by dataInvio.
    if (i > 0) {
      const p = ds.quesiti[i - 1]!;
      ok(p.id < q.id && p.dataInvio <= q.dataInvio, `${tag}: ordine`);
    }
  }
  ok(recenti / ds.quesiti.length > 0.5, `quesiti degli ultimi 6 mesi: ${recenti}`);
  ok(new Set(ds.quesiti.map((q) => q.esito)).size === ESITI.length, 'tutti gli esiti');
  const fra7 = addDays(today, 7);
  const prossimi = ds.quesiti.filter(
    (q) => q.esito === 'in_attesa' && !valutaIdoneita(q, termine.get(q.argomento)!, today).idoneo && valutaIdoneita(q, termine.get(q.argomento)!, fra7).idoneo,
  );
  ok(idoneiOggi.length / ds.quesiti.length >= 0.08, `in attesa idonei oggi: ${idoneiOggi.length}`);
  ok(prossimi.length >= 2, `idonei nei prossimi 7 giorni: ${prossimi.length}`);
  return list;
}
