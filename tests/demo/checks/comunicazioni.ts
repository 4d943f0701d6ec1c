import type { DatasetIndex } from './dataset';
import { problems, uniqueCount } from './util';

/** Comunicazioni: on an existing appuntamento, after its booking, in time order, at most 5 each, from every autore. */
export function checkComunicazioni({ ds, nowMs }: DatasetIndex): string[] {
  const { ok, list } = problems();
  const appById = new Map(ds.appuntamenti.map((a) => [a.id, a]));
  ok(uniqueCount(ds.comunicazioni.map((c) => c.id)) === ds.comunicazioni.length, 'comunicazioni: id unici');
  const perApp = new Map<string, number>();
  for (let i = 0; i < ds.comunicazioni.length; i++) {
    const c = ds.comunicazioni[i]!;
    const a = appById.get(c.appuntamentoId);
    if (a === undefined) {
      ok(false, `comunicazione ${c.id}: appuntamento inesistente`);
      continue;
    }
    ok(c.inviataIl > a.creatoIl && Date.parse(c.inviataIl) < nowMs, `comunicazione ${c.id}: inviataIl ${c.inviataIl}`);
    ok(c.testo.length > 5, `comunicazione ${c.id}: testo`);
    ok(c.autore !== 'intermediario' || a.gestitoDaIntermediario, `comunicazione ${c.id}: intermediario su appuntamento del cittadino`);
    perApp.set(a.id, (perApp.get(a.id) ?? 0) + 1);
    if (i > 0) ok(ds.comunicazioni[i - 1]!.inviataIl <= c.inviataIl, `comunicazione ${c.id}: ordine`);
  }
  for (const [id, n] of perApp) ok(n <= 5, `appuntamento ${id}: ${n} comunicazioni`);
  ok(new Set(ds.comunicazioni.map((c) => c.autore)).size === 3, 'tutti gli autori');
  return list;
}
