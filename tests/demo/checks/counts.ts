import type { DatasetIndex } from './dataset';
import { problems } from './util';

/** Each collection has the size datasetCounts promises for the dataset's size. */
export function checkCounts({ ds, counts }: DatasetIndex): string[] {
  const { ok, list } = problems();
  ok(ds.datori.length === counts.datori, 'datori');
  ok(ds.deleghe.length === counts.deleghe, 'deleghe');
  ok(ds.rapporti.length === counts.rapporti, 'rapporti');
  ok(ds.quesiti.length === counts.quesiti, 'quesiti');
  ok(ds.appuntamenti.length === counts.appuntamenti, 'appuntamenti');
  ok(ds.comunicazioni.length === counts.comunicazioni, 'comunicazioni');
  ok(ds.sedi.length === counts.sedi, 'sedi');
  return list;
}
