// Which quesiti get booked together, and how many bookings (cancelled ones + the last) each group gets.
import { E_ATTESA, E_NEGATIVO, E_POSITIVO, type Contesto } from './contesto';
import type { QuesitiGenerati } from './quesiti';
import type { Random } from './random';

export interface GruppiGenerati {
  /** Quesiti of all groups, flat; group gi holds groupQ[groupStart[gi] .. groupStart[gi + 1]). */
  groupQ: number[];
  groupStart: number[];
  /** Per group: the days it can be booked [groupLo, groupHi] and its rapporto. */
  groupLo: number[];
  groupHi: number[];
  groupRap: number[];
  /** The groups that get appointments (indexes into the group arrays), and their chain lengths. */
  used: number[];
  nG: number;
  chainLen: Int32Array;
}

/** `rApp` is the appointments' stream: grouping and booking draw from it in turn. */
export function generaGruppi(ctx: Contesto, rApp: Random, nR: number, q: QuesitiGenerati): GruppiGenerati {
  const finestre = finestreQuesiti(ctx, q);
  const perRapporto = quesitiPerRapporto(nR, q.qRap, finestre);
  const gruppi = formaGruppi(ctx, rApp, q.qEsito, perRapporto, finestre);
  const { groupQ, groupStart, groupLo, groupHi, groupRap, groupScartato, groupAttesa } = gruppi;
  lasciaUnGruppoInAttesa(rApp, groupAttesa, groupScartato);
  const { used, nG } = scegliGruppiUsati(ctx, rApp, groupScartato);
  const chainLen = lunghezzeCatene(ctx, rApp, used, nG, groupLo, groupHi);
  return { groupQ, groupStart, groupLo, groupHi, groupRap, used, nG, chainLen };
}

/** Per quesito, the first and last day it can be booked on. */
interface Finestre {
  wLo: Int32Array;
  wHi: Int32Array;
}

/**
 * Per quesito, the days [wLo, wHi] it can be booked on (empty when wLo > wHi). A quesito can be
 * booked on day B when, seen as it was on B, it is idoneo: in attesa → B ≥ idoneoDal; negativo →
 * from its esito on (or earlier, once idoneo while waiting); positivo → only while still waiting
 * past the termine (B < dataEsito).
 */
function finestreQuesiti(ctx: Contesto, q: QuesitiGenerati): Finestre {
  const { T, APP_MIN } = ctx;
  const { qRap, qEsito, qEsitoDay, qIdoneo } = q;
  const nQ = qRap.length;
  const wLo = new Int32Array(nQ);
  const wHi = new Int32Array(nQ).fill(-1);
  for (let q = 0; q < nQ; q++) {
    const e = qEsito[q] as number;
    const idon = qIdoneo[q] as number;
    let lo = idon;
    let hi = T - 1;
    if (e === E_NEGATIVO) lo = Math.min(idon, qEsitoDay[q] as number);
    else if (e === E_POSITIVO) hi = (qEsitoDay[q] as number) - 1;
    lo = Math.max(lo, APP_MIN);
    wLo[q] = lo;
    wHi[q] = hi;
  }
  return { wLo, wHi };
}

/** Bookable quesiti per rapporto: rapporto r holds rapQ[rapQStart[r] .. rapQStart[r + 1]). */
interface QuesitiPerRapporto {
  rapQStart: Int32Array;
  rapQ: Int32Array;
}

/** A counting sort of the bookable quesiti by rapporto (in generation order within each). */
function quesitiPerRapporto(nR: number, qRap: Int32Array, { wLo, wHi }: Finestre): QuesitiPerRapporto {
  const nQ = qRap.length;
  const rapQStart = new Int32Array(nR + 1);
  for (let q = 0; q < nQ; q++) {
    if ((wLo[q] as number) > (wHi[q] as number)) continue;
    const k = (qRap[q] as number) + 1;
    rapQStart[k] = (rapQStart[k] as number) + 1;
  }
  for (let r = 0; r < nR; r++) rapQStart[r + 1] = (rapQStart[r + 1] as number) + (rapQStart[r] as number);
  const rapQ = new Int32Array(rapQStart[nR] as number);
  const fill = rapQStart.slice(0, nR);
  for (let q = 0; q < nQ; q++) {
    if ((wLo[q] as number) > (wHi[q] as number)) continue;
    const r = qRap[q] as number;
    const pos = fill[r] as number;
    rapQ[pos] = q;
    fill[r] = pos + 1;
  }
  return { rapQStart, rapQ };
}

interface GruppiFormati {
  groupQ: number[];
  groupStart: number[];
  groupLo: number[];
  groupHi: number[];
  groupRap: number[];
  /** 1 when the group stays unbooked. */
  groupScartato: number[];
  /** 1 when a member is in attesa (so idoneo today). */
  groupAttesa: number[];
}

/** Per rapporto, its bookable quesiti by window start, grouped (up to 3) while their windows still overlap. */
function formaGruppi(ctx: Contesto, rApp: Random, qEsito: Uint8Array, { rapQStart, rapQ }: QuesitiPerRapporto, { wLo, wHi }: Finestre): GruppiFormati {
  const { spec, T } = ctx;
  const nR = rapQStart.length - 1;
  const out: GruppiFormati = {
    groupQ: [],
    groupStart: [],
    groupLo: [],
    groupHi: [],
    groupRap: [],
    groupScartato: [],
    groupAttesa: [],
  };
  for (let r = 0; r < nR; r++) {
    const a = rapQStart[r] as number;
    const b = rapQStart[r + 1] as number;
    if (a === b) continue;
    const list = Array.from(rapQ.subarray(a, b)).sort((x, y) => (wLo[x] as number) - (wLo[y] as number) || x - y);
    let k = 0;
    while (k < list.length) {
      const first = list[k++] as number;
      let lo = wLo[first] as number;
      let hi = wHi[first] as number;
      const members = [first];
      while (k < list.length && members.length < 3 && rApp.chance(spec.quotaMultiQuesito)) {
        const nxt = list[k] as number;
        const nlo = Math.max(lo, wLo[nxt] as number);
        const nhi = Math.min(hi, wHi[nxt] as number);
        if (nhi - nlo < 4) break;
        members.push(nxt);
        lo = nlo;
        hi = nhi;
        k++;
      }
      // Leave some idonei quesiti unbooked (the worklist), above all the ones idonei only lately.
      out.groupScartato.push(rApp.chance(lo >= T - 30 ? spec.nonPrenotatiRecenti : spec.nonPrenotati) ? 1 : 0);
      out.groupAttesa.push(members.some((m) => qEsito[m] === E_ATTESA) ? 1 : 0);
      out.groupStart.push(out.groupQ.length);
      for (const m of members) out.groupQ.push(m);
      out.groupLo.push(lo);
      out.groupHi.push(hi);
      out.groupRap.push(r);
    }
  }
  out.groupStart.push(out.groupQ.length);
  return out;
}

/** At least one group of quesiti waiting past their termine stays unbooked, whatever the seed. */
function lasciaUnGruppoInAttesa(rApp: Random, groupAttesa: number[], groupScartato: number[]): void {
  const attesa: number[] = [];
  let lasciato = false;
  for (let gi = 0; gi < groupAttesa.length; gi++) {
    if (groupAttesa[gi] !== 1) continue;
    if (groupScartato[gi] === 1) lasciato = true;
    else attesa.push(gi);
  }
  if (!lasciato && attesa.length > 1) groupScartato[rApp.pick(attesa)] = 1;
}

/** The groups that get appointments: all the kept ones, or a random subset when the size asks for fewer. */
function scegliGruppiUsati(ctx: Contesto, rApp: Random, groupScartato: number[]): { used: number[]; nG: number } {
  const { spec } = ctx;
  let used: number[] = [];
  for (let gi = 0; gi < groupScartato.length; gi++) if (groupScartato[gi] === 0) used.push(gi);
  let nG = used.length;
  const targetGroups = Math.round(spec.appuntamenti * (1 - spec.quotaRiprenotazioni));
  if (nG > targetGroups) {
    used = rApp
      .shuffle(used)
      .slice(0, targetGroups)
      .sort((a, b) => a - b);
    nG = targetGroups;
  }
  return { used, nG };
}

/** Chain lengths: 1 + re-bookings, each needing at least one day of the window. */
function lunghezzeCatene(ctx: Contesto, rApp: Random, used: number[], nG: number, groupLo: number[], groupHi: number[]): Int32Array {
  const { seed, spec } = ctx;
  const extra = spec.appuntamenti - nG;
  if (extra < 0) throw new Error('Troppi gruppi di quesiti');
  const cap = new Int32Array(nG);
  let capTot = 0;
  for (let g = 0; g < nG; g++) {
    const gi = used[g] as number;
    const len = (groupHi[gi] as number) - (groupLo[gi] as number) + 1;
    const c = Math.max(0, Math.min(spec.catenaMax, len) - 1);
    cap[g] = c;
    capTot += c;
  }
  if (capTot < extra) {
    throw new Error(`Dataset non generabile: servono ${extra} riprenotazioni, possibili ${capTot} (seed ${seed}).`);
  }
  // Each re-booking takes one of the groups' spare places, drawn without replacement.
  const chainLen = new Int32Array(nG).fill(1);
  const tickets = new Int32Array(capTot);
  for (let g = 0, k = 0; g < nG; g++) for (let c = 0; c < (cap[g] as number); c++) tickets[k++] = g;
  for (let t = 0; t < extra; t++) {
    const j = t + Math.floor(rApp.next() * (capTot - t));
    const g = tickets[j] as number;
    tickets[j] = tickets[t] as number;
    tickets[t] = g;
    chainLen[g] = (chainLen[g] as number) + 1;
  }
  return chainLen;
}
