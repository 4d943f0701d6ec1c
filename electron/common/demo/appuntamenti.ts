// Appointments: chains of bookings per group of quesiti (earlier ones cancelled), at free slots.
// This module drives the chains and the fix-ups after them; prenotazione.ts makes each booking.
import type { Appuntamento } from '../model';
import { DAY_MS, MIN_MS } from './calendario';
import { ST_CHIUSO, ST_CONFERMATO, type Contesto } from './contesto';
import type { DatoriGenerati } from './datori';
import type { DelegheGenerate } from './deleghe';
import type { GruppiGenerati } from './gruppi';
import { prenotaCatena } from './prenotazione';
import type { QuesitiGenerati } from './quesiti';
import type { Random } from './random';
import type { RapportiGenerati } from './rapporti';
import type { SediGenerate } from './sediGen';
import { creaCercaSlot, type CercaSlot } from './slots';
import { MOTIVI_CANCELLAZIONE_UTENTE, MOTIVI_CHIUSURA, MOTIVI_DISDETTA_SEDE } from './testi';
import { pad } from './util';

/** The appointments (ordered by creation, ids set) and, per appointment in generation order, what messages need. */
export interface AppuntamentiGenerati {
  appuntamenti: Appuntamento[];
  /** Generation order: comunicazioni refer to these by index. */
  apps: Appuntamento[];
  appCreato: Float64Array;
  /** Cancellation / closing instant, 0 when none. */
  appFine: Float64Array;
  /** Until when messages can be written on it. */
  appEndMsg: Float64Array;
  appGestito: Uint8Array;
  appDatore: Int32Array;
  appStato: Uint8Array;
  /** 0 none, 1 utente, 2 sede. */
  appCancDa: Uint8Array;
}

export interface FontiAppuntamenti {
  sedi: SediGenerate;
  datori: DatoriGenerati;
  deleghe: DelegheGenerate;
  rapporti: RapportiGenerati;
  quesiti: QuesitiGenerati;
  gruppi: GruppiGenerati;
}

/** Per appointment, in generation order; `n` counts the ones written so far. */
export interface Registro extends Omit<AppuntamentiGenerati, 'appuntamenti'> {
  n: number;
  /** Booking day, appointment day, 1 when a quesito of its group is in attesa. */
  appB: Int32Array;
  appData: Int32Array;
  appInAttesa: Uint8Array;
}

/** Random instants drawn from the appointments' stream, in Rome wall-clock time. */
export interface Istanti {
  /** A Rome wall-clock minute in [lo, hi] on `day`, strictly after `afterMs` when on the same day. */
  minuteAfter(day: number, afterMs: number, lo: number, hi: number): number;
  /** Milliseconds within the minute. */
  secs(): number;
  /** An instant on a day in [B, maxDay], after `creato`: when an appointment was cancelled or closed. */
  instantBetween(B: number, creato: number, maxDay: number): number;
}

/** What every booking step shares: created once per dataset. */
export interface BookingEnv {
  ctx: Contesto;
  rApp: Random;
  fonti: FontiAppuntamenti;
  cerca: CercaSlot;
  istanti: Istanti;
  reg: Registro;
}

export function generaAppuntamenti(ctx: Contesto, rApp: Random, fonti: FontiAppuntamenti): AppuntamentiGenerati {
  const N = ctx.spec.appuntamenti;
  const env: BookingEnv = {
    ctx,
    rApp,
    fonti,
    cerca: creaCercaSlot(ctx, rApp, fonti.sedi),
    istanti: creaIstanti(ctx, rApp),
    reg: creaRegistro(N),
  };
  const agenda = scegliAgenda(ctx, rApp, fonti.gruppi);
  for (let g = 0; g < fonti.gruppi.nG; g++) prenotaCatena(env, g, agenda[g] === 1);
  const { reg } = env;
  if (reg.n !== N) throw new Error(`Appuntamenti generati ${reg.n}, attesi ${N}`);
  garantisciCancellazioni(rApp, reg);
  garantisciChiuso(env);
  const { apps, appCreato, appFine, appEndMsg, appGestito, appDatore, appStato, appCancDa } = reg;
  const appuntamenti = numeraAppuntamenti(apps, appCreato);
  return { appuntamenti, apps, appCreato, appFine, appEndMsg, appGestito, appDatore, appStato, appCancDa };
}

function creaRegistro(N: number): Registro {
  return {
    n: 0,
    apps: new Array<Appuntamento>(N),
    appCreato: new Float64Array(N),
    appFine: new Float64Array(N), // cancellation / closing instant, 0 when none
    appEndMsg: new Float64Array(N),
    appGestito: new Uint8Array(N),
    appDatore: new Int32Array(N),
    appStato: new Uint8Array(N),
    appCancDa: new Uint8Array(N), // 0 none, 1 utente, 2 sede
    appB: new Int32Array(N),
    appData: new Int32Array(N),
    appInAttesa: new Uint8Array(N),
  };
}

function creaIstanti(ctx: Contesto, rApp: Random): Istanti {
  const { cal } = ctx;
  const minuteAfter = (day: number, afterMs: number, lo: number, hi: number): number => {
    const first = Math.max(lo, Math.floor((afterMs - cal.instantMs(day, 0)) / MIN_MS) + 1);
    return first > hi ? hi + 1 : rApp.int(first, Math.max(first, hi));
  };
  const secs = (): number => rApp.int(0, 59_999);
  const instantBetween = (B: number, creato: number, maxDay: number): number => {
    const d = rApp.int(B, Math.max(B, maxDay));
    const m = minuteAfter(d, creato, 7 * 60, 21 * 60 + 45);
    const ms = cal.instantMs(d, Math.min(m, 21 * 60 + 59)) + secs();
    return ms > creato ? ms : creato + MIN_MS;
  };
  return { minuteAfter, secs, instantBetween };
}

/** Groups idonei up to yesterday that surely give an upcoming, confirmed appointment (1 per group in it). */
function scegliAgenda(ctx: Contesto, rApp: Random, gruppi: GruppiGenerati): Uint8Array {
  const { spec, T } = ctx;
  const { groupHi, used, nG } = gruppi;
  const agenda = new Uint8Array(nG);
  if (spec.agendaMinima > 0) {
    const aperti: number[] = [];
    for (let g = 0; g < nG; g++) if (groupHi[used[g] as number] === T - 1) aperti.push(g);
    rApp.shuffle(aperti);
    for (let k = 0; k < Math.min(spec.agendaMinima, aperti.length); k++) agenda[aperti[k] as number] = 1;
  }
  return agenda;
}

/** Small sets: make sure both kinds of cancellation show up (turning the last of one kind into the other). */
function garantisciCancellazioni(rApp: Random, reg: Registro): void {
  const { apps, appCancDa } = reg;
  let utente = -1;
  let sede = -1;
  for (let a = 0; a < reg.n; a++) {
    if (appCancDa[a] === 1) utente = a;
    else if (appCancDa[a] === 2) sede = a;
  }
  if (utente < 0 && sede >= 0) {
    const app = apps[sede] as Appuntamento;
    app.cancellatoDa = 'utente';
    app.motivoStato = rApp.pick(MOTIVI_CANCELLAZIONE_UTENTE);
    appCancDa[sede] = 1;
  } else if (sede < 0 && utente >= 0) {
    const app = apps[utente] as Appuntamento;
    app.cancellatoDa = 'sede';
    app.motivoStato = rApp.pick(MOTIVI_DISDETTA_SEDE);
    appCancDa[utente] = 2;
  }
}

/** Small sets: make sure the closed state shows up, closing a past confirmed appointment, preferably one whose quesiti INPS has answered. */
function garantisciChiuso(env: BookingEnv): void {
  const { ctx, rApp, istanti, reg } = env;
  const { apps, appStato, appData, appInAttesa, appB, appCreato, appFine, appEndMsg } = reg;
  for (let a = 0; a < reg.n; a++) if (appStato[a] === ST_CHIUSO) return;
  let pick = -1;
  for (let a = 0; a < reg.n; a++) {
    if (appStato[a] !== ST_CONFERMATO || (appData[a] as number) >= ctx.T) continue;
    if (pick < 0 || (appInAttesa[pick] === 1 && appInAttesa[a] === 0)) pick = a;
  }
  if (pick < 0) return;
  const app = apps[pick] as Appuntamento;
  const fine = istanti.instantBetween(appB[pick] as number, appCreato[pick] as number, (appData[pick] as number) - 1);
  app.stato = 'chiuso_definito';
  app.motivoStato = rApp.pick(MOTIVI_CHIUSURA);
  app.aggiornatoIl = new Date(fine).toISOString();
  appStato[pick] = ST_CHIUSO;
  appFine[pick] = fine;
  appEndMsg[pick] = fine + 2 * DAY_MS;
}

/** Ids grow with creation time: the appointments in that order, ids set (on the shared objects). */
function numeraAppuntamenti(apps: Appuntamento[], appCreato: Float64Array): Appuntamento[] {
  const N = apps.length;
  const aOrder = Int32Array.from({ length: N }, (_, i) => i).sort((a, b) => (appCreato[a] as number) - (appCreato[b] as number) || a - b);
  const appuntamenti: Appuntamento[] = new Array<Appuntamento>(N);
  for (let k = 0; k < N; k++) {
    const a = aOrder[k] as number;
    const app = apps[a] as Appuntamento;
    app.id = `app-${pad(k + 1, 6)}`;
    appuntamenti[k] = app;
  }
  return appuntamenti;
}
