import { DEMO_INTERMEDIARIO_ID } from '../../../electron/common/demo/index';
import type { DatasetIndex } from './dataset';
import { groupBy, luhn11, problems, uniqueCount } from './util';

/** Three intermediari (the demo office among them), their operatori, one login per operatore. */
export function checkIntermediari({ ds, operatori }: DatasetIndex): string[] {
  const { ok, list } = problems();
  ok(ds.intermediari.length === 3 && uniqueCount(ds.intermediari.map((i) => i.id)) === 3, 'intermediari: 3 distinti');
  ok(
    ds.intermediari.some((i) => i.id === DEMO_INTERMEDIARIO_ID),
    'intermediario demo presente',
  );
  for (const i of ds.intermediari) ok(luhn11(i.codiceFiscale), `intermediario ${i.id}: CF ${i.codiceFiscale}`);
  const opsPer = groupBy(ds.operatori, (o) => o.intermediarioId);
  for (const i of ds.intermediari) {
    const n = opsPer.get(i.id)?.length ?? 0;
    ok(i.id === DEMO_INTERMEDIARIO_ID ? n >= 3 && n <= 4 : n >= 1 && n <= 2, `operatori di ${i.id}: ${n}`);
  }
  ok(operatori.size === ds.operatori.length, 'operatori: id unici');
  ok(ds.accounts.length === ds.operatori.length, 'un account per operatore');
  ok(uniqueCount(ds.accounts.map((a) => a.username)) === ds.accounts.length, 'account: username unici');
  for (const a of ds.accounts) {
    const op = operatori.get(a.operatoreId);
    ok(a.password.length > 0 && op?.intermediarioId === a.intermediarioId && op.username === a.username, `account ${a.username}`);
  }
  return list;
}
