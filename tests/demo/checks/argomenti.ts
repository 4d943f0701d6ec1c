import { ARGOMENTI } from '../../../electron/common/model';
import type { DatasetIndex } from './dataset';
import { problems } from './util';

/** Every argomento, in order, with a description and a response deadline. */
export function checkArgomenti({ ds }: DatasetIndex): string[] {
  const { ok, list } = problems();
  ok(ds.argomenti.map((a) => a.codice).join() === ARGOMENTI.join(), 'argomenti: codici');
  for (const a of ds.argomenti) {
    ok(a.descrizione.length > 5, `argomento ${a.codice}: descrizione`);
    ok(Number.isInteger(a.termineGiorni) && a.termineGiorni > 0, `argomento ${a.codice}: termine`);
  }
  return list;
}
