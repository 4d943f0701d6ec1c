import { isWorkingDay } from '../../../electron/common/domain/calendario';
import { MODALITA } from '../../../electron/common/model';
import { SIZES } from '../../../electron/common/demo/types';
import type { DatasetIndex } from './dataset';
import { minutes, problems, uniqueCount } from './util';

/** Sedi: modalità, slot length, opening hours Monday to Friday, closures on working days. */
export function checkSedi({ ds, sedi, comuni }: DatasetIndex): string[] {
  const { ok, list } = problems();
  ok(sedi.size === ds.sedi.length, 'sedi: id unici');
  for (const s of ds.sedi) {
    const tag = `sede ${s.id}`;
    ok(s.modalita[0] === 'presenza' && uniqueCount(s.modalita) === s.modalita.length, `${tag}: modalità`);
    for (const m of s.modalita) ok(MODALITA.includes(m), `${tag}: modalità ${m}`);
    ok((SIZES[ds.size].slotMinuti ?? [15, 20, 30]).includes(s.slotMinuti), `${tag}: slot`);
    ok(comuni.get(s.comune)?.provincia === s.provincia && s.nome.startsWith('INPS ') && s.indirizzo.length > 5, tag);
    ok(Object.keys(s.orari).sort().join() === '1,2,3,4,5', `${tag}: giorni di apertura`);
    for (const o of Object.values(s.orari)) {
      ok(/^\d{2}:\d{2}$/.test(o.dalle) && minutes(o.dalle) + s.slotMinuti <= minutes(o.alle), `${tag}: orario`);
    }
    ok([...s.chiusure].sort().join() === s.chiusure.join(), `${tag}: chiusure ordinate`);
    for (const c of s.chiusure) ok(isWorkingDay(c), `${tag}: chiusura in un giorno festivo ${c}`);
  }
  ok(
    ds.sedi.some((s) => s.chiusure.length > 0),
    'qualche chiusura',
  );
  ok(
    ds.sedi.some((s) => s.modalita.includes('richiamata')),
    'qualche sede con richiamata',
  );
  ok(
    ds.sedi.some((s) => minutes(s.orari[2]!.alle) > 14 * 60),
    'qualche apertura pomeridiana',
  );
  return list;
}
