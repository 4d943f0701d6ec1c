// One chain of bookings for a group of quesiti, booking by booking: when and by whom, which
// free slot, what became of it. Every draw comes from the appointments' stream, in a fixed order.
import type { AppuntamentoStato, CancellatoDa, Modalita, Operatore, Rapporto } from '../model';
import type { BookingEnv } from './appuntamenti';
import { DEMO_OPERATORI, DEMO_OPERATORI_PER_INTERMEDIARIO } from './attori';
import { DAY_MS, MIN_MS } from './calendario';
import { E_ATTESA, E_POSITIVO, MODALITA_NON_PRESENZA, ST_CANCELLATO, ST_CHIUSO, ST_CONFERMATO, STATI_IDX } from './contesto';
import { COMUNI, type Comune } from './comuni';
import { WeightedTable } from './random';
import type { SedeGen } from './sediGen';
import {
  MOTIVI_CANCELLAZIONE_UTENTE,
  MOTIVI_CHIUSURA,
  MOTIVI_DISDETTA_SEDE,
  MOTIVO_CHIUSURA_QUESITO_POSITIVO,
  MOTIVO_DISDETTA_QUESITO_DEFINITO,
  NOTE_APPUNTAMENTO,
} from './testi';

// How long before the appointment people book (days), weighted.
const LEAD_TABLE = new WeightedTable<[number, number]>([
  [[1, 7], 25],
  [[8, 20], 45],
  [[21, 40], 25],
  [[41, 59], 5],
]);

/** One chain of bookings: a group of quesiti, booked L times (all but the last cancelled). */
interface Catena {
  datore: number;
  rap: Rapporto;
  qIds: string[];
  /** First day a member quesito got a positive answer (Infinity: none). */
  minPositivo: number;
  inAttesa: boolean;
  inAgenda: boolean;
  /** The chain's bookings fall in [from, from + len), one segment each. */
  from: number;
  len: number;
  L: number;
  /** The datore's usual sede, and the sedi of its regione. */
  pref: number;
  altSedi: number[];
}

/** One booking of a chain, filled in step by step. */
interface Prenotazione {
  /** The last booking of the chain (the one that stands), and its segment of days [segLo, segHi]. */
  final: boolean;
  segLo: number;
  segHi: number;
  /** Booking day and instant. */
  B: number;
  creato: number;
  /** Booked by an operator of an intermediary (index into DEMO_OPERATORI; -1: by the citizen). */
  gestito: boolean;
  operatore: number;
  /** The slot taken: sede index, day, slot index. */
  sede: number;
  data: number;
  slot: number;
  /** ST_*; who cancelled (0 none, 1 utente, 2 sede); when it was cancelled or closed (0: not); why. */
  stato: number;
  cancDa: number;
  fineMs: number;
  motivo: string | null;
}

/** Books group g (index into `used`) chainLen[g] times: every booking but the last is later cancelled. */
export function prenotaCatena(env: BookingEnv, g: number, inAgenda: boolean): void {
  const c = preparaCatena(env, g, inAgenda);
  for (let i = 0; i < c.L; i++) prenota(env, c, i);
}

/** The group's quesiti and the days its bookings spread over. */
function preparaCatena(env: BookingEnv, g: number, inAgenda: boolean): Catena {
  const { ctx, rApp, fonti } = env;
  const { groupQ, groupStart, groupLo, groupHi, groupRap, used, chainLen } = fonti.gruppi;
  const { qEsito, qEsitoDay, qId } = fonti.quesiti;
  const { datoreComune, datoreSede } = fonti.datori;
  const gi = used[g] as number;
  const lo = groupLo[gi] as number;
  const hi = groupHi[gi] as number;
  const r = groupRap[gi] as number;
  const datore = fonti.rapporti.rapDatore[r] as number;
  const qIds: string[] = [];
  let minPositivo = Infinity;
  let inAttesa = false;
  for (let k = groupStart[gi] as number; k < (groupStart[gi + 1] as number); k++) {
    const q = groupQ[k] as number;
    qIds.push(qId[q] as string);
    if (qEsito[q] === E_POSITIVO) minPositivo = Math.min(minPositivo, qEsitoDay[q] as number);
    else if (qEsito[q] === E_ATTESA) inAttesa = true;
  }
  qIds.sort();
  const L = chainLen[g] as number;
  // Most people book soon after the quesiti become idonei (and re-book soon after a
  // cancellation); some wait until the end of the window (for most, the last days).
  // Early bookers use the first `len` days of the window, late ones the last `len` days.
  const len = Math.min(hi - lo + 1, rApp.int(7, 35) * L + rApp.int(0, 14));
  const from = inAgenda || rApp.chance(ctx.spec.quotaPrenotazioniTardive) ? hi - len + 1 : lo;
  return {
    datore,
    rap: fonti.rapporti.rapporti[r] as Rapporto,
    qIds,
    minPositivo,
    inAttesa,
    inAgenda,
    from,
    len,
    L,
    pref: datoreSede[datore] as number,
    altSedi: fonti.sedi.sediByRegione.get((COMUNI[datoreComune[datore] as number] as Comune).regione) as number[],
  };
}

/** Booking i of the chain: when and by whom, which slot, what became of it; then recorded. */
function prenota(env: BookingEnv, c: Catena, i: number): void {
  const p: Prenotazione = {
    final: i === c.L - 1,
    segLo: c.from + Math.floor((i * c.len) / c.L),
    segHi: c.from + Math.floor(((i + 1) * c.len) / c.L) - 1,
    B: 0,
    creato: 0,
    gestito: false,
    operatore: -1,
    sede: 0,
    data: 0,
    slot: 0,
    stato: ST_CONFERMATO,
    cancDa: 0,
    fineMs: 0,
    motivo: null,
  };
  momentoPrenotazione(env, c, p);
  scegliSlot(env, c, p);
  esitoPrenotazione(env, c, p);
  registra(env, c, p);
}

/** When the booking was made (a day of its segment, a time of day) and by whom. */
function momentoPrenotazione(env: BookingEnv, c: Catena, p: Prenotazione): void {
  const { ctx, rApp, istanti } = env;
  const { T, cal } = ctx;
  const { demoDal, demoAl, altroInt, altroDal } = env.fonti.deleghe;
  const { datore } = c;
  let B = rApp.int(p.final && c.inAgenda ? Math.max(p.segLo, T - 14) : p.segLo, p.segHi);
  if (!cal.isWorking(B) && rApp.chance(0.9)) B = cal.workingNear(B, p.segLo, p.segHi);
  // Who books: an operator of the intermediary holding an active delega that day, or the citizen.
  let inter = -1;
  if (B >= (demoDal[datore] as number) && (demoDal[datore] as number) >= 0 && B < (demoAl[datore] as number)) inter = 0;
  else if ((altroInt[datore] as number) >= 0 && B >= (altroDal[datore] as number)) inter = altroInt[datore] as number;
  // Operators book on working days; weekend bookings are the citizen's own.
  const gestito = inter >= 0 && rApp.chance(0.93) && cal.isWorking(B);
  p.operatore = gestito ? rApp.pick(DEMO_OPERATORI_PER_INTERMEDIARIO[inter] as readonly number[]) : -1;
  const creatoMin = gestito ? rApp.int(8 * 60 + 30, 18 * 60) : rApp.int(7 * 60, 21 * 60 + 30);
  p.creato = cal.instantMs(B, creatoMin) + istanti.secs();
  p.B = B;
  p.gestito = gestito;
}

/** The free slot booked: mostly at the datore's usual sede, some lead days after booking (see findSlot). */
function scegliSlot(env: BookingEnv, c: Catena, p: Prenotazione): void {
  const { ctx, rApp, cerca } = env;
  const { T, APP_MAX } = ctx;
  const { B, final } = p;
  const sedePref = rApp.chance(0.85) ? c.pref : rApp.pick(c.altSedi);
  const [la, lb] = LEAD_TABLE.draw(rApp);
  // A booking later cancelled and re-booked: mostly for a day already past.
  // With a positive answer to come, the appointment usually came first (and led to it).
  let maxDay = final || B + 1 > T - 1 ? APP_MAX : T - 1;
  if (final && c.minPositivo - 1 >= B + 1 && rApp.chance(0.75)) maxDay = Math.min(maxDay, c.minPositivo - 1);
  let target = Math.min(B + rApp.int(la, lb), maxDay);
  if (final && c.inAgenda) target = Math.min(Math.max(target, T + rApp.int(1, 20)), APP_MAX);
  cerca.findSlot(sedePref, B + 1, target, maxDay);
  p.sede = cerca.slotOut.sede;
  p.data = cerca.slotOut.day;
  p.slot = cerca.slotOut.slot;
}

/** The appointment's state today, and when and why it was cancelled or closed. */
function esitoPrenotazione(env: BookingEnv, c: Catena, p: Prenotazione): void {
  const { ctx, rApp, istanti } = env;
  const { spec, T, cal, nowMs } = ctx;
  const { B, creato, data, final } = p;
  const { minPositivo } = c;
  if (!final) {
    p.stato = ST_CANCELLATO;
    p.cancDa = rApp.chance(0.65) ? 1 : 2;
    p.fineMs = istanti.instantBetween(B, creato, Math.min(p.segHi, data - 1, T - 1));
  } else if (data >= minPositivo) {
    // The quesito was answered positively before the appointment: nothing left to discuss.
    const m = istanti.minuteAfter(minPositivo, creato, 9 * 60, 17 * 60);
    p.fineMs = cal.instantMs(minPositivo, Math.min(m, 17 * 60 + 59)) + istanti.secs();
    if (rApp.chance(0.7)) {
      p.stato = ST_CHIUSO;
      p.motivo = MOTIVO_CHIUSURA_QUESITO_POSITIVO;
    } else {
      p.stato = ST_CANCELLATO;
      p.cancDa = 2;
      p.motivo = MOTIVO_DISDETTA_QUESITO_DEFINITO;
    }
  } else if (data >= T) {
    if (!c.inAgenda && rApp.chance(0.08)) {
      p.stato = ST_CANCELLATO;
      p.cancDa = rApp.chance(0.6) ? 1 : 2;
      p.fineMs = istanti.instantBetween(B, creato, T - 1);
    }
  } else {
    // Closed as defined only when INPS has answered (a quesito still waiting is not defined).
    const x = rApp.next();
    if (x < 0.25) {
      if (!c.inAttesa) {
        p.stato = ST_CHIUSO;
        p.motivo = rApp.pick(MOTIVI_CHIUSURA);
        p.fineMs = istanti.instantBetween(B, creato, data - 1);
      }
    } else if (x < 0.25 + spec.quotaCancellatiPassati) {
      p.stato = ST_CANCELLATO;
      p.cancDa = rApp.chance(0.6) ? 1 : 2;
      p.fineMs = istanti.instantBetween(B, creato, data - 1);
    }
  }
  if (p.stato === ST_CANCELLATO && p.motivo === null) {
    p.motivo = p.cancDa === 1 ? rApp.pick(MOTIVI_CANCELLAZIONE_UTENTE) : rApp.pick(MOTIVI_DISDETTA_SEDE);
  }
  if (p.fineMs >= nowMs) p.fineMs = nowMs - MIN_MS;
}

/** Takes the slot (unless cancelled), draws modalità and note, and writes the appointment to the registro. */
function registra(env: BookingEnv, c: Catena, p: Prenotazione): void {
  const { ctx, rApp, reg } = env;
  const { cal, A_BASE, A_LEN } = ctx;
  const { sediGen, maxSlots, occupied } = env.fonti.sedi;
  const { data, slot, stato, cancDa, fineMs, creato } = p;
  const sg = sediGen[p.sede] as SedeGen;
  const slotMinute = (sg.slotMin[cal.weekday(data)] as number[])[slot] as number;
  if (stato !== ST_CANCELLATO) occupied[p.sede * A_LEN * maxSlots + (data - A_BASE) * maxSlots + slot] = 1;
  let modalita: Modalita = 'presenza';
  if (sg.hasNonPresenza && rApp.chance(0.35)) {
    const mods = sg.sede.modalita;
    modalita = mods.length === 2 ? (mods[1] as Modalita) : rApp.pick(MODALITA_NON_PRESENZA);
  }
  const nota = rApp.chance(0.35) ? rApp.pick(NOTE_APPUNTAMENTO) : null;
  const creatoIso = new Date(creato).toISOString();
  const n = reg.n;
  reg.apps[n] = {
    id: '',
    codiceRapporto: c.rap.codice,
    datoreCf: c.rap.datoreCf,
    sedeId: sg.sede.id,
    data: cal.iso(data),
    ora: (sg.slotStr[cal.weekday(data)] as string[])[slot] as string,
    modalita,
    stato: STATI_IDX[stato] as AppuntamentoStato,
    cancellatoDa: cancDa === 0 ? null : ((cancDa === 1 ? 'utente' : 'sede') as CancellatoDa),
    motivoStato: p.motivo,
    nota,
    gestitoDaIntermediario: p.gestito,
    operatoreId: p.operatore >= 0 ? (DEMO_OPERATORI[p.operatore] as Operatore).id : null,
    quesitiIds: c.qIds.slice(),
    creatoIl: creatoIso,
    aggiornatoIl: fineMs > 0 ? new Date(fineMs).toISOString() : creatoIso,
  };
  reg.appCreato[n] = creato;
  reg.appFine[n] = fineMs;
  reg.appEndMsg[n] = fineMs > 0 ? fineMs + 2 * DAY_MS : cal.instantMs(data, Math.min(slotMinute + 60, 20 * 60));
  reg.appGestito[n] = p.gestito ? 1 : 0;
  reg.appDatore[n] = c.datore;
  reg.appStato[n] = stato;
  reg.appCancDa[n] = cancDa;
  reg.appB[n] = p.B;
  reg.appData[n] = data;
  reg.appInAttesa[n] = c.inAttesa ? 1 : 0;
  reg.n = n + 1;
}
