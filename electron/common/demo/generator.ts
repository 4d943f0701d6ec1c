// Deterministic demo data for Cassetto Desk: a patronato office (the demo intermediario) with
// its clients (datori di lavoro domestico), their deleghe, rapporti, quesiti, the appointments
// booked at INPS sedi and the messages on them. Same seed + size + today → the same dataset.
//
// Internally every calendar day is a day number (days since 1970-01-01, UTC) and every instant
// a number of milliseconds; strings are produced once, at the end. Hot loops draw from tables
// precomputed per dataset (calendar, slot grids, weights) — no closures or regexes per item.
// Each stage lives in its own module and draws from its own forked stream (see Random.fork).
import type { IsoDate } from '../model';
import { generaAccounts } from './accounts';
import { generaAppuntamenti } from './appuntamenti';
import { DEMO_OPERATORI, INTERMEDIARI } from './attori';
import { Calendario, dayOfIso } from './calendario';
import { generaComunicazioni } from './comunicazioni';
import type { Contesto } from './contesto';
import { generaDatori } from './datori';
import { generaDeleghe } from './deleghe';
import { generaGruppi } from './gruppi';
import { generaQuesiti } from './quesiti';
import { Random } from './random';
import { generaRapporti } from './rapporti';
import { generaSedi } from './sediGen';
import { SIZES, type DatasetSize, type DemoDataset } from './types';

// The public API, unchanged: index.ts re-exports these from here.
export { DEMO_OPERATORI } from './attori';
export { DEMO_INTERMEDIARIO_ID, DEMO_PASSWORD, datasetCounts, type CitizenAccount, type DatasetSize, type DemoAccount, type DemoDataset } from './types';

export function generateDataset(opts: { seed: number; size: DatasetSize; today: IsoDate }): DemoDataset {
  const { seed, size, today } = opts;
  const spec = SIZES[size];
  if (spec === undefined) throw new RangeError(`Dimensione del dataset sconosciuta: «${String(size)}».`);
  if (!Number.isInteger(seed)) throw new RangeError(`Seed non valido: ${seed} (serve un intero).`);
  const T = dayOfIso(today);
  // Calendar: rapporti start up to ~10 years back, deleghe expire up to ~2.5 years ahead.
  const cal = new Calendario(T - 3700, T + 1000);
  const APP_MIN = T - 372;
  const ctx: Contesto = {
    seed,
    spec,
    root: new Random(seed),
    T,
    cal,
    nowMs: cal.instantMs(T - 1, 24 * 60), // midnight keeps the previous day's offset (DST switch days)
    APP_MIN,
    APP_MAX: T + 60,
    A_BASE: APP_MIN,
    A_LEN: T + 60 - APP_MIN + 1,
  };

  const sedi = generaSedi(ctx);
  const datori = generaDatori(ctx, sedi);
  const deleghe = generaDeleghe(ctx, datori);
  const rapporti = generaRapporti(ctx, datori);
  const quesiti = generaQuesiti(ctx, sedi, datori, deleghe, rapporti);
  // Grouping and booking share one stream, in this order.
  const rApp = ctx.root.fork('appuntamenti');
  const gruppi = generaGruppi(ctx, rApp, rapporti.rapporti.length, quesiti);
  const app = generaAppuntamenti(ctx, rApp, { sedi, datori, deleghe, rapporti, quesiti, gruppi });
  const comunicazioni = generaComunicazioni(ctx, app);
  const { accounts, citizenAccounts } = generaAccounts(datori.datori, deleghe, app);

  return {
    seed,
    size,
    today,
    intermediari: INTERMEDIARI.map((x) => ({ ...x })),
    operatori: DEMO_OPERATORI.map((x) => ({ ...x })),
    accounts,
    citizenAccounts,
    datori: datori.datori,
    deleghe: deleghe.deleghe,
    rapporti: rapporti.rapporti,
    argomenti: quesiti.argomenti,
    quesiti: quesiti.quesiti,
    sedi: sedi.sediGen.map((s) => s.sede),
    appuntamenti: app.appuntamenti,
    comunicazioni,
  };
}
