import { DEMO_INTERMEDIARIO_ID } from '../../../electron/common/demo/index';
import { addDays } from '../../../electron/common/domain/calendario';
import { DELEGA_STATI, type Delega, type DelegaStato } from '../../../electron/common/model';
import type { DatasetIndex } from './dataset';
import { problems, uniqueCount, type Problems } from './util';

/** Deleghe: dates that fit each stato, one delega per datore to the demo office, no overlapping active periods. */
export function checkDeleghe(ix: DatasetIndex): string[] {
  const { ds, today, counts } = ix;
  const found = problems();
  const { ok, list } = found;
  ok(uniqueCount(ds.deleghe.map((d) => d.id)) === ds.deleghe.length, 'deleghe: id unici');
  const entro30 = addDays(today, 30);
  let inScadenza = 0;
  for (const d of ds.deleghe) {
    checkDelega(found, ix, d);
    if (d.stato === 'attiva' && d.dataScadenza !== null && d.dataScadenza <= entro30) inScadenza++;
  }
  const statiDemo = new Set<string>();
  let revocateAltro = 0;
  for (const dt of ds.datori) {
    const { statoDemo, revocataPerAltro } = checkDelegheDelDatore(found, ix.delegheDi.get(dt.codiceFiscale) ?? [], dt.codiceFiscale);
    if (statoDemo !== undefined) statiDemo.add(statoDemo);
    if (revocataPerAltro) revocateAltro++;
  }
  ok([...statiDemo].sort().join() === [...DELEGA_STATI].sort().join(), `stati delega: ${[...statiDemo].join()}`);
  ok(revocateAltro === counts.deleghe - counts.datori && revocateAltro > 0, `revocate per altro intermediario: ${revocateAltro}`);
  ok(inScadenza > 0, 'deleghe in scadenza nei prossimi 30 giorni');
  return list;
}

function checkDelega({ ok }: Problems, { today, datori, intermediarioIds }: DatasetIndex, d: Delega): void {
  const tag = `delega ${d.id} (${d.stato})`;
  ok(datori.has(d.datoreCf) && intermediarioIds.has(d.intermediarioId), `${tag}: riferimenti`);
  ok(d.dataSottoscrizione < today, `${tag}: sottoscrizione`);
  ok(d.dataAttivazione === null || d.dataSottoscrizione <= d.dataAttivazione, `${tag}: attivazione prima della firma`);
  switch (d.stato) {
    case 'attiva':
      ok(d.dataAttivazione !== null && d.dataAttivazione < today && d.dataFine === null, tag);
      ok(d.dataScadenza === null || d.dataScadenza > today, `${tag}: scaduta`);
      break;
    case 'da_attivare':
      ok(d.dataAttivazione === null && d.dataFine === null, tag);
      break;
    case 'annullata':
      ok(d.dataAttivazione === null && d.dataFine !== null && d.motivoFine !== null, tag);
      break;
    case 'revocata':
      ok(d.dataAttivazione !== null && d.dataFine !== null && d.dataAttivazione < d.dataFine && d.dataFine < today, `${tag}: date`);
      ok(d.motivoFine !== null, `${tag}: motivo`);
      break;
  }
}

/**
 * One datore's deleghe: exactly one to the demo office, at most one active, active periods apart;
 * a delega to another intermediario only after revoking the demo office's.
 */
function checkDelegheDelDatore({ ok }: Problems, list: Delega[], cf: string): { statoDemo?: DelegaStato; revocataPerAltro: boolean } {
  const demo = list.filter((d) => d.intermediarioId === DEMO_INTERMEDIARIO_ID);
  ok(demo.length === 1, `datore ${cf}: ${demo.length} deleghe all'ufficio demo`);
  ok(list.filter((d) => d.stato === 'attiva').length <= 1, `datore ${cf}: più deleghe attive`);
  const periods = list
    .filter((d) => d.dataAttivazione !== null)
    .map((d) => [d.dataAttivazione!, d.dataFine ?? '9999-12-31'] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (let i = 1; i < periods.length; i++) {
    ok(periods[i - 1]![1] <= periods[i]![0], `datore ${cf}: deleghe attive sovrapposte`);
  }
  const own = demo[0];
  const altre = list.filter((d) => d.intermediarioId !== DEMO_INTERMEDIARIO_ID);
  if (altre.length === 0 || own === undefined) return { statoDemo: own?.stato, revocataPerAltro: false };
  const other = altre[0]!;
  ok(own.stato === 'revocata' && /altro intermediario/.test(own.motivoFine ?? '') && altre.length === 1, `datore ${cf}: revoca per altro intermediario`);
  ok(
    other.stato === 'attiva' &&
      other.dataSottoscrizione > own.dataSottoscrizione &&
      other.dataAttivazione !== null &&
      own.dataFine !== null &&
      other.dataAttivazione >= own.dataFine,
    `datore ${cf}: delega all'altro intermediario`,
  );
  return { statoDemo: own.stato, revocataPerAltro: true };
}
