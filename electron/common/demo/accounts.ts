// Login accounts: every operator, and three citizens (the datori who book most by themselves).
import type { Datore } from '../model';
import type { AppuntamentiGenerati } from './appuntamenti';
import { DEMO_OPERATORI } from './attori';
import type { DelegheGenerate } from './deleghe';
import { DEMO_PASSWORD, type CitizenAccount, type DemoAccount } from './types';

export function generaAccounts(
  datori: readonly Datore[],
  del: DelegheGenerate,
  app: AppuntamentiGenerati,
): {
  accounts: DemoAccount[];
  citizenAccounts: CitizenAccount[];
} {
  const { datoreDelegaDemoAttiva } = del;
  const { appGestito, appDatore } = app;
  const nD = datori.length;
  const N = appGestito.length;
  const accounts: DemoAccount[] = DEMO_OPERATORI.map((o) => ({
    username: o.username,
    password: DEMO_PASSWORD,
    operatoreId: o.id,
    intermediarioId: o.intermediarioId,
  }));
  // Citizens: the datori with most self-booked appointments (and an active delega, to show both).
  const selfBooked = new Int32Array(nD);
  for (let a = 0; a < N; a++) {
    if (appGestito[a] !== 0) continue;
    const d = appDatore[a] as number;
    selfBooked[d] = (selfBooked[d] as number) + 1;
  }
  const cittadini = Array.from({ length: nD }, (_, i) => i)
    .sort(
      (x, y) => (selfBooked[y] as number) - (selfBooked[x] as number) || (datoreDelegaDemoAttiva[y] as number) - (datoreDelegaDemoAttiva[x] as number) || x - y,
    )
    .slice(0, Math.min(3, nD));
  const citizenAccounts: CitizenAccount[] = cittadini.map((i, k) => ({
    username: `cittadino${k + 1}`,
    password: DEMO_PASSWORD,
    datoreCf: (datori[i] as Datore).codiceFiscale,
  }));
  return { accounts, citizenAccounts };
}
