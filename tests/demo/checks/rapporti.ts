import { isValidCodiceFiscale } from '../../../electron/common/domain/codiceFiscale';
import { TIPOLOGIE_RAPPORTO } from '../../../electron/common/model';
import type { DatasetIndex } from './dataset';
import { groupBy, problems } from './util';

/** Rapporti: 1 to 3 per datore, 10-digit codici, valid workers, dates before today, every tipologia. */
export function checkRapporti({ ds, today, full, datori, rapporti }: DatasetIndex): string[] {
  const { ok, list } = problems();
  ok(rapporti.size === ds.rapporti.length, 'codici rapporto unici');
  const rapportiDi = groupBy(ds.rapporti, (r) => r.datoreCf);
  for (const dt of ds.datori) {
    const n = rapportiDi.get(dt.codiceFiscale)?.length ?? 0;
    ok(n >= 1 && n <= 3, `datore ${dt.codiceFiscale}: ${n} rapporti`);
  }
  for (const r of ds.rapporti) {
    const tag = `rapporto ${r.codice}`;
    ok(/^[0-9]{10}$/.test(r.codice), `${tag}: formato`);
    ok(datori.has(r.datoreCf), `${tag}: datore`);
    ok(isValidCodiceFiscale(r.lavoratoreCf), `${tag}: CF lavoratore ${r.lavoratoreCf}`);
    ok(r.lavoratoreNominativo.length > 3, `${tag}: nominativo`);
    ok(r.dataInizio < today, `${tag}: inizio`);
    ok(r.dataFine === null || (r.dataInizio < r.dataFine && r.dataFine < today), `${tag}: fine`);
  }
  const tipologie = new Set(ds.rapporti.map((r) => r.tipologia));
  for (const t of tipologie) ok(TIPOLOGIE_RAPPORTO.includes(t), `tipologia ${t}`);
  ok(full ? tipologie.size === TIPOLOGIE_RAPPORTO.length : tipologie.size >= 2, `tipologie: ${[...tipologie].join()}`);
  ok(ds.rapporti.some((r) => r.dataFine !== null) && ds.rapporti.some((r) => r.dataFine === null), 'rapporti cessati e attivi');
  return list;
}
