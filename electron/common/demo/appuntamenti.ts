// Appointments: chains of bookings per group of quesiti (earlier ones cancelled), at free slots.
import type { Appuntamento, AppuntamentoStato, CancellatoDa, Modalita, Operatore, Rapporto } from '../model';
import { DEMO_OPERATORI, DEMO_OPERATORI_PER_INTERMEDIARIO } from './attori';
import { DAY_MS, MIN_MS } from './calendario';
import {
  E_ATTESA,
  E_POSITIVO,
  MODALITA_NON_PRESENZA,
  ST_CANCELLATO,
  ST_CHIUSO,
  ST_CONFERMATO,
  STATI_IDX,
  type Contesto,
} from './contesto';
import type { DatoriGenerati } from './datori';
import type { DelegheGenerate } from './deleghe';
import type { GruppiGenerati } from './gruppi';
import { COMUNI, type Comune } from './names';
import type { QuesitiGenerati } from './quesiti';
import { WeightedTable, type Random } from './random';
import type { RapportiGenerati } from './rapporti';
import type { SedeGen, SediGenerate } from './sediGen';
import { creaCercaSlot } from './slots';
import {
  MOTIVI_CANCELLAZIONE_UTENTE,
  MOTIVI_CHIUSURA,
  MOTIVI_DISDETTA_SEDE,
  MOTIVO_CHIUSURA_QUESITO_POSITIVO,
  MOTIVO_DISDETTA_QUESITO_DEFINITO,
  NOTE_APPUNTAMENTO,
} from './testi';
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

export function generaAppuntamenti(ctx: Contesto, rApp: Random, fonti: FontiAppuntamenti): AppuntamentiGenerati {
  const { spec, T, cal, nowMs, APP_MAX, A_BASE, A_LEN } = ctx;
  const { sediGen, sediByRegione, maxSlots, occupied } = fonti.sedi;
  const { datoreComune, datoreSede } = fonti.datori;
  const { demoDal, demoAl, altroInt, altroDal } = fonti.deleghe;
  const { rapporti, rapDatore } = fonti.rapporti;
  const { qEsito, qEsitoDay, qId } = fonti.quesiti;
  const { groupQ, groupStart, groupLo, groupHi, groupRap, used, nG, chainLen } = fonti.gruppi;
  const N = spec.appuntamenti;
  const { slotOut, findSlot } = creaCercaSlot(ctx, rApp, fonti.sedi);
  const leadTable = new WeightedTable<[number, number]>([
    [[1, 7], 25],
    [[8, 20], 45],
    [[21, 40], 25],
    [[41, 59], 5],
  ]);
  const apps: Appuntamento[] = new Array<Appuntamento>(N);
  const appCreato = new Float64Array(N);
  const appFine = new Float64Array(N); // cancellation / closing instant, 0 when none
  const appEndMsg = new Float64Array(N);
  const appGestito = new Uint8Array(N);
  const appDatore = new Int32Array(N);
  const appStato = new Uint8Array(N);
  const appCancDa = new Uint8Array(N); // 0 none, 1 utente, 2 sede
  const appB = new Int32Array(N);
  const appData = new Int32Array(N);
  const appInAttesa = new Uint8Array(N);
  let nApp = 0;
  // Groups idonei up to yesterday that surely give an upcoming, confirmed appointment.
  const agenda = new Uint8Array(nG);
  if (spec.agendaMinima > 0) {
    const aperti: number[] = [];
    for (let g = 0; g < nG; g++) if (groupHi[used[g] as number] === T - 1) aperti.push(g);
    rApp.shuffle(aperti);
    for (let k = 0; k < Math.min(spec.agendaMinima, aperti.length); k++) agenda[aperti[k] as number] = 1;
  }
  const minuteAfter = (day: number, afterMs: number, lo: number, hi: number): number => {
    // A Rome wall-clock minute in [lo, hi] on `day`, strictly after `afterMs` when on the same day.
    const first = Math.max(lo, Math.floor((afterMs - cal.instantMs(day, 0)) / MIN_MS) + 1);
    return first > hi ? hi + 1 : rApp.int(first, Math.max(first, hi));
  };
  const secs = (): number => rApp.int(0, 59_999);
  /** An instant on a day in [B, maxDay], after `creato`: when an appointment was cancelled or closed. */
  const instantBetween = (B: number, creato: number, maxDay: number): number => {
    const d = rApp.int(B, Math.max(B, maxDay));
    const m = minuteAfter(d, creato, 7 * 60, 21 * 60 + 45);
    const ms = cal.instantMs(d, Math.min(m, 21 * 60 + 59)) + secs();
    return ms > creato ? ms : creato + MIN_MS;
  };

  for (let g = 0; g < nG; g++) {
    const gi = used[g] as number;
    const lo = groupLo[gi] as number;
    const hi = groupHi[gi] as number;
    const r = groupRap[gi] as number;
    const datore = rapDatore[r] as number;
    const rap = rapporti[r] as Rapporto;
    const qa = groupStart[gi] as number;
    const qb = groupStart[gi + 1] as number;
    const qIds: string[] = [];
    let minPositivo = Infinity;
    let inAttesa = false;
    for (let k = qa; k < qb; k++) {
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
    const inAgenda = agenda[g] === 1;
    const from = inAgenda || rApp.chance(spec.quotaPrenotazioniTardive) ? hi - len + 1 : lo;
    const pref = datoreSede[datore] as number;
    const altSedi = sediByRegione.get((COMUNI[datoreComune[datore] as number] as Comune).regione) as number[];
    for (let i = 0; i < L; i++) {
      const segLo = from + Math.floor((i * len) / L);
      const segHi = from + Math.floor(((i + 1) * len) / L) - 1;
      const final = i === L - 1;
      let B = rApp.int(final && inAgenda ? Math.max(segLo, T - 14) : segLo, segHi);
      if (!cal.isWorking(B) && rApp.chance(0.9)) B = cal.workingNear(B, segLo, segHi);
      // Who books: an operator of the intermediary holding an active delega that day, or the citizen.
      let inter = -1;
      if (B >= (demoDal[datore] as number) && (demoDal[datore] as number) >= 0 && B < (demoAl[datore] as number)) inter = 0;
      else if ((altroInt[datore] as number) >= 0 && B >= (altroDal[datore] as number)) inter = altroInt[datore] as number;
      // Operators book on working days; weekend bookings are the citizen's own.
      const gestito = inter >= 0 && rApp.chance(0.93) && cal.isWorking(B);
      const operatore = gestito ? rApp.pick(DEMO_OPERATORI_PER_INTERMEDIARIO[inter] as readonly number[]) : -1;
      const creatoMin = gestito ? rApp.int(8 * 60 + 30, 18 * 60) : rApp.int(7 * 60, 21 * 60 + 30);
      const creato = cal.instantMs(B, creatoMin) + secs();
      const sedePref = rApp.chance(0.85) ? pref : rApp.pick(altSedi);
      const [la, lb] = leadTable.draw(rApp);
      // A booking later cancelled and re-booked: mostly for a day already past.
      // With a positive answer to come, the appointment usually came first (and led to it).
      let maxDay = final || B + 1 > T - 1 ? APP_MAX : T - 1;
      if (final && minPositivo - 1 >= B + 1 && rApp.chance(0.75)) maxDay = Math.min(maxDay, minPositivo - 1);
      let target = Math.min(B + rApp.int(la, lb), maxDay);
      if (final && inAgenda) target = Math.min(Math.max(target, T + rApp.int(1, 20)), APP_MAX);
      findSlot(sedePref, B + 1, target, maxDay);
      const sg = sediGen[slotOut.sede] as SedeGen;
      const data = slotOut.day;
      const slot = slotOut.slot;
      const slotMinute = (sg.slotMin[cal.weekday(data)] as number[])[slot] as number;
      // State.
      let stato = ST_CONFERMATO;
      let cancDa = 0;
      let fineMs = 0;
      let motivo: string | null = null;
      if (!final) {
        stato = ST_CANCELLATO;
        cancDa = rApp.chance(0.65) ? 1 : 2;
        fineMs = instantBetween(B, creato, Math.min(segHi, data - 1, T - 1));
      } else if (data >= minPositivo) {
        // The quesito was answered positively before the appointment: nothing left to discuss.
        const m = minuteAfter(minPositivo, creato, 9 * 60, 17 * 60);
        fineMs = cal.instantMs(minPositivo, Math.min(m, 17 * 60 + 59)) + secs();
        if (rApp.chance(0.7)) {
          stato = ST_CHIUSO;
          motivo = MOTIVO_CHIUSURA_QUESITO_POSITIVO;
        } else {
          stato = ST_CANCELLATO;
          cancDa = 2;
          motivo = MOTIVO_DISDETTA_QUESITO_DEFINITO;
        }
      } else if (data >= T) {
        if (!inAgenda && rApp.chance(0.08)) {
          stato = ST_CANCELLATO;
          cancDa = rApp.chance(0.6) ? 1 : 2;
          fineMs = instantBetween(B, creato, T - 1);
        }
      } else {
        // Closed as defined only when INPS has answered (a quesito still waiting is not defined).
        const x = rApp.next();
        if (x < 0.25) {
          if (!inAttesa) {
            stato = ST_CHIUSO;
            motivo = rApp.pick(MOTIVI_CHIUSURA);
            fineMs = instantBetween(B, creato, data - 1);
          }
        } else if (x < 0.25 + spec.quotaCancellatiPassati) {
          stato = ST_CANCELLATO;
          cancDa = rApp.chance(0.6) ? 1 : 2;
          fineMs = instantBetween(B, creato, data - 1);
        }
      }
      if (stato === ST_CANCELLATO && motivo === null) {
        motivo = cancDa === 1 ? rApp.pick(MOTIVI_CANCELLAZIONE_UTENTE) : rApp.pick(MOTIVI_DISDETTA_SEDE);
      }
      if (fineMs >= nowMs) fineMs = nowMs - MIN_MS;
      if (stato !== ST_CANCELLATO) occupied[slotOut.sede * A_LEN * maxSlots + (data - A_BASE) * maxSlots + slot] = 1;
      let modalita: Modalita = 'presenza';
      if (sg.hasNonPresenza && rApp.chance(0.35)) {
        const mods = sg.sede.modalita;
        modalita = mods.length === 2 ? (mods[1] as Modalita) : rApp.pick(MODALITA_NON_PRESENZA);
      }
      const nota = rApp.chance(0.35) ? rApp.pick(NOTE_APPUNTAMENTO) : null;
      const creatoIso = new Date(creato).toISOString();
      apps[nApp] = {
        id: '',
        codiceRapporto: rap.codice,
        datoreCf: rap.datoreCf,
        sedeId: sg.sede.id,
        data: cal.iso(data),
        ora: (sg.slotStr[cal.weekday(data)] as string[])[slot] as string,
        modalita,
        stato: STATI_IDX[stato] as AppuntamentoStato,
        cancellatoDa: cancDa === 0 ? null : ((cancDa === 1 ? 'utente' : 'sede') as CancellatoDa),
        motivoStato: motivo,
        nota,
        gestitoDaIntermediario: gestito,
        operatoreId: operatore >= 0 ? (DEMO_OPERATORI[operatore] as Operatore).id : null,
        quesitiIds: qIds.slice(),
        creatoIl: creatoIso,
        aggiornatoIl: fineMs > 0 ? new Date(fineMs).toISOString() : creatoIso,
      };
      appCreato[nApp] = creato;
      appFine[nApp] = fineMs;
      appEndMsg[nApp] = fineMs > 0 ? fineMs + 2 * DAY_MS : cal.instantMs(data, Math.min(slotMinute + 60, 20 * 60));
      appGestito[nApp] = gestito ? 1 : 0;
      appDatore[nApp] = datore;
      appStato[nApp] = stato;
      appCancDa[nApp] = cancDa;
      appB[nApp] = B;
      appData[nApp] = data;
      appInAttesa[nApp] = inAttesa ? 1 : 0;
      nApp++;
    }
  }
  if (nApp !== N) throw new Error(`Appuntamenti generati ${nApp}, attesi ${N}`);
  // Small sets: make sure both kinds of cancellation and the closed state show up.
  {
    let utente = -1;
    let sede = -1;
    let chiuso = false;
    for (let a = 0; a < N; a++) {
      if (appCancDa[a] === 1) utente = a;
      else if (appCancDa[a] === 2) sede = a;
      if (appStato[a] === ST_CHIUSO) chiuso = true;
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
    if (!chiuso) {
      // Close a past confirmed appointment, preferably one whose quesiti INPS has answered.
      let pick = -1;
      for (let a = 0; a < N; a++) {
        if (appStato[a] !== ST_CONFERMATO || (appData[a] as number) >= T) continue;
        if (pick < 0 || (appInAttesa[pick] === 1 && appInAttesa[a] === 0)) pick = a;
      }
      if (pick >= 0) {
        const app = apps[pick] as Appuntamento;
        const fine = instantBetween(appB[pick] as number, appCreato[pick] as number, (appData[pick] as number) - 1);
        app.stato = 'chiuso_definito';
        app.motivoStato = rApp.pick(MOTIVI_CHIUSURA);
        app.aggiornatoIl = new Date(fine).toISOString();
        appStato[pick] = ST_CHIUSO;
        appFine[pick] = fine;
        appEndMsg[pick] = fine + 2 * DAY_MS;
      }
    }
  }
  // Ids grow with creation time.
  const aOrder = Int32Array.from({ length: N }, (_, i) => i).sort(
    (a, b) => (appCreato[a] as number) - (appCreato[b] as number) || a - b,
  );
  const appuntamenti: Appuntamento[] = new Array<Appuntamento>(N);
  for (let k = 0; k < N; k++) {
    const a = aOrder[k] as number;
    const app = apps[a] as Appuntamento;
    app.id = `app-${pad(k + 1, 6)}`;
    appuntamenti[k] = app;
  }
  return { appuntamenti, apps, appCreato, appFine, appEndMsg, appGestito, appDatore, appStato, appCancDa };
}
