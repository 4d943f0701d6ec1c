// Argomenti and quesiti: when each was sent, when it becomes idoneo, and INPS's answer.
import type { Argomento, Esito, Quesito, Rapporto } from '../model';
import { valutaIdoneita } from '../domain/idoneita';
import { dayOfIso } from './calendario';
import { E_ATTESA, E_NEGATIVO, E_POSITIVO, ESITI_IDX, type Contesto } from './contesto';
import type { DatoriGenerati } from './datori';
import type { DelegheGenerate } from './deleghe';
import { WeightedTable, type Random } from './random';
import type { RapportiGenerati } from './rapporti';
import type { SedeGen, SediGenerate } from './sediGen';
import { ARGOMENTI_DEMO, MOTIVI_NEGATIVO, MOTIVI_POSITIVO, OGGETTI_QUESITO } from './testi';
import { distribute, pad, quota } from './util';

export interface QuesitiGenerati {
  argomenti: Argomento[];
  quesiti: Quesito[];
  /** Per quesito (generation order): rapporto index, esito (E_*), esito day (-1: none), idoneo-from day, id. */
  qRap: Int32Array;
  qEsito: Uint8Array;
  qEsitoDay: Int32Array;
  qIdoneo: Int32Array;
  qId: string[];
}

/** Per quesito, in generation order: what is drawn before the quesiti are ordered and numbered. */
interface QuesitiGrezzi {
  qRap: Int32Array;
  qInvio: Int32Array;
  qArg: Uint8Array;
  qEsito: Uint8Array;
  qEsitoDay: Int32Array;
  qIdoneo: Int32Array;
  /** Indexes into the oggetti of the argomento and into its motivi. */
  qTesto: Uint8Array;
  qMotivo: Uint8Array;
}

/** The day a quesito sent on `invio` about argomento `arg` becomes idoneo (while in attesa). */
type IdoneoDal = (invio: number, arg: number) => number;

export function generaQuesiti(ctx: Contesto, sedi: SediGenerate, gen: DatoriGenerati, del: DelegheGenerate, rap: RapportiGenerati): QuesitiGenerati {
  const { spec, root, T, cal } = ctx;
  const { rapporti, rapInizio } = rap;
  const nR = rapporti.length;
  const argomenti: Argomento[] = ARGOMENTI_DEMO.map((a) => ({ ...a }));
  const argTable = new WeightedTable<number>([
    [0, 25],
    [1, 15],
    [2, 30],
    [3, 14],
    [4, 16],
  ]);

  // ── quesiti ──
  const rQuesiti = root.fork('quesiti');
  const nQ = spec.quesiti;
  const termini = argomenti.map((a) => a.termineGiorni);
  const idoneoDal = creaIdoneoDal(ctx, termini);
  const qPerRap = distribute(rQuesiti, nR, nQ, 0, 1_000_000, pesiRapporti(ctx, rap, del));
  const g: QuesitiGrezzi = {
    qRap: new Int32Array(nQ),
    qInvio: new Int32Array(nQ),
    qArg: new Uint8Array(nQ),
    qEsito: new Uint8Array(nQ),
    qEsitoDay: new Int32Array(nQ).fill(-1),
    qIdoneo: new Int32Array(nQ),
    qTesto: new Uint8Array(nQ),
    qMotivo: new Uint8Array(nQ),
  };
  {
    let q = 0;
    for (let r = 0; r < nR; r++) for (let k = 0; k < (qPerRap[r] as number); k++) g.qRap[q++] = r;
  }
  // A few quesiti that become idonei in the next days (for the worklist), whatever the seed.
  const nImminenti = Math.max(2, Math.round(nQ * 0.01));
  const imminenti = new Set<number>();
  while (imminenti.size < Math.min(nImminenti, nQ)) imminenti.add(rQuesiti.int(0, nQ - 1));
  const candidati: number[] = [];
  const recenti = quota(rQuesiti, nQ, 0.58);
  for (let q = 0; q < nQ; q++) {
    const r = g.qRap[q] as number;
    const lo = Math.max(T - 420, (rapInizio[r] as number) + 15);
    const arg = argTable.draw(rQuesiti);
    g.qArg[q] = arg;
    let invio: number;
    if (imminenti.has(q)) {
      invio = invioImminente(ctx, rQuesiti, idoneoDal, lo, arg, candidati);
    } else {
      const recent = recenti[q] === 1;
      const a = recent ? Math.max(lo, T - 183) : lo;
      const b = recent ? T - 1 : Math.max(lo, T - 184);
      invio = rQuesiti.int(Math.min(a, T - 1), Math.min(b, T - 1));
      if (rQuesiti.chance(0.95)) invio = cal.workingNear(invio, lo, T - 1);
    }
    g.qInvio[q] = invio;
    const idon = idoneoDal(invio, arg);
    g.qIdoneo[q] = idon;
    const { esito, esitoDay } = esitoQuesito(ctx, rQuesiti, invio, idon, imminenti.has(q));
    g.qEsito[q] = esito;
    g.qEsitoDay[q] = esitoDay;
    const argCod = (argomenti[arg] as Argomento).codice;
    g.qTesto[q] = rQuesiti.int(0, OGGETTI_QUESITO[argCod].length - 1);
    g.qMotivo[q] = rQuesiti.int(0, 2);
  }
  const { qId, quesiti } = numeraQuesiti(ctx, rQuesiti, argomenti, g, { sedi, gen, rap });
  return { argomenti, quesiti, qRap: g.qRap, qEsito: g.qEsito, qEsitoDay: g.qEsitoDay, qIdoneo: g.qIdoneo, qId };
}

/**
 * Idoneo from (in attesa): the day after the termine-th working day after dataInvio. Memoised
 * per (day, argomento); the first few values are checked against the domain rule.
 */
function creaIdoneoDal(ctx: Contesto, termini: readonly number[]): IdoneoDal {
  const { cal } = ctx;
  const idoneoMemo = new Map<number, number>();
  let idoneoChecks = 0;
  return (invio: number, arg: number): number => {
    const key = invio * 8 + arg;
    let v = idoneoMemo.get(key);
    if (v === undefined) {
      v = cal.addWorkingDays(invio, termini[arg] as number) + 1;
      if (idoneoChecks < 8) {
        // Keep the fast table honest against the domain rule.
        idoneoChecks++;
        const ref = valutaIdoneita({ esito: 'in_attesa', dataInvio: cal.iso(invio), dataEsito: null }, termini[arg] as number, cal.iso(invio));
        const refDal = ref.idoneo ? ref.dal : ref.idoneoDal;
        if (refDal !== cal.iso(v)) throw new Error(`Idoneità incoerente con il dominio: ${refDal} ≠ ${cal.iso(v)}`);
      }
      idoneoMemo.set(key, v);
    }
    return v;
  };
}

/** How many quesiti each rapporto raises, relatively: ongoing ones more, clients with a delega never activated fewer here. */
function pesiRapporti(ctx: Contesto, rap: RapportiGenerati, del: DelegheGenerate): Float64Array {
  const { T } = ctx;
  const { rapporti, rapDatore } = rap;
  const { demoDal } = del;
  const nR = rapporti.length;
  const rapWeights = new Float64Array(nR);
  for (let r = 0; r < nR; r++) {
    const rapporto = rapporti[r] as Rapporto;
    const base = rapporto.dataFine === null ? 1 : dayOfIso(rapporto.dataFine) > T - 400 ? 0.7 : 0.25;
    rapWeights[r] = demoDal[rapDatore[r] as number] === -1 ? base * 0.25 : base;
  }
  return rapWeights;
}

/** Sent on a working day such that it becomes idoneo within the next week (`candidati` is reused scratch). */
function invioImminente(ctx: Contesto, rQuesiti: Random, idoneoDal: IdoneoDal, lo: number, arg: number, candidati: number[]): number {
  const { T, cal } = ctx;
  candidati.length = 0;
  for (let d = T - 1; d >= Math.max(lo, T - 130); d--) {
    if (!cal.isWorking(d)) continue;
    const idon = idoneoDal(d, arg);
    if (idon > T + 7) continue;
    if (idon <= T) break;
    candidati.push(d);
  }
  return candidati.length > 0 ? rQuesiti.pick(candidati) : T - 1;
}

/** INPS's answer (E_*) and its day (-1: none yet); imminenti always wait. */
function esitoQuesito(ctx: Contesto, rQuesiti: Random, invio: number, idon: number, imminente: boolean): { esito: number; esitoDay: number } {
  const { spec, T, cal } = ctx;
  let esito = E_ATTESA;
  let esitoDay = -1;
  const maxEsito = T - 1;
  if (imminente) {
    esito = E_ATTESA;
  } else if (idon > T - 1) {
    // Still within the termine: mostly waiting, some already answered.
    const x = rQuesiti.next();
    if (x >= 0.8 && invio + 2 <= maxEsito) {
      esito = x < 0.93 ? E_POSITIVO : E_NEGATIVO;
      esitoDay = rQuesiti.int(invio + 2, maxEsito);
    }
  } else {
    const x = rQuesiti.next();
    if (x < spec.quotaInAttesa) esito = E_ATTESA;
    else if (x < spec.quotaInAttesa + spec.quotaNegativo) {
      esito = E_NEGATIVO;
      esitoDay = rQuesiti.int(Math.min(invio + 3, maxEsito), Math.min(maxEsito, invio + 150));
    } else {
      esito = E_POSITIVO;
      const late = rQuesiti.chance(spec.quotaPositivoTardivo) && idon + 3 <= maxEsito;
      if (late) esitoDay = rQuesiti.int(idon + 3, Math.min(maxEsito, idon + 90));
      else esitoDay = rQuesiti.int(Math.min(invio + 3, idon - 1), idon - 1);
    }
  }
  if (esitoDay >= 0) {
    // Answers come on working days.
    const d = cal.workingNear(esitoDay, invio + 1, maxEsito);
    if (d > invio && d <= maxEsito) esitoDay = d;
  }
  return { esito, esitoDay };
}

/** Orders the quesiti by dataInvio, so that ids and protocol numbers grow with time, and builds them. */
function numeraQuesiti(
  ctx: Contesto,
  rQuesiti: Random,
  argomenti: Argomento[],
  g: QuesitiGrezzi,
  fonti: { sedi: SediGenerate; gen: DatoriGenerati; rap: RapportiGenerati },
): { qId: string[]; quesiti: Quesito[] } {
  const { cal } = ctx;
  const { sediGen } = fonti.sedi;
  const { datoreSede } = fonti.gen;
  const { rapporti, rapDatore } = fonti.rap;
  const { qRap, qInvio, qArg, qEsito, qEsitoDay, qTesto, qMotivo } = g;
  const nQ = qRap.length;
  const qOrder = Int32Array.from({ length: nQ }, (_, i) => i).sort((a, b) => (qInvio[a] as number) - (qInvio[b] as number) || a - b);
  const qId = new Array<string>(nQ);
  const quesiti: Quesito[] = new Array<Quesito>(nQ);
  // Protocol numbers: per year, from a random start, in random small steps.
  let anno = -1;
  let seq = 0;
  for (let k = 0; k < nQ; k++) {
    const q = qOrder[k] as number;
    const invioIso = cal.iso(qInvio[q] as number);
    const y = Number(invioIso.slice(0, 4));
    if (y !== anno) {
      anno = y;
      seq = rQuesiti.int(1_000, 20_000);
    }
    seq += rQuesiti.int(1, 9);
    const id = `q-${pad(k + 1, 6)}`;
    qId[q] = id;
    const r = qRap[q] as number;
    const arg = qArg[q] as number;
    const argCod = (argomenti[arg] as Argomento).codice;
    const esito = qEsito[q] as number;
    const sedeCod = (sediGen[datoreSede[rapDatore[r] as number] as number] as SedeGen).protocolloCodice;
    quesiti[k] = {
      id,
      protocollo: `INPS.${sedeCod}.${y}.${pad(seq, 7)}`,
      codiceRapporto: (rapporti[r] as Rapporto).codice,
      argomento: argCod,
      oggetto: OGGETTI_QUESITO[argCod][qTesto[q] as number] as string,
      dataInvio: invioIso,
      esito: ESITI_IDX[esito] as Esito,
      dataEsito: esito === E_ATTESA ? null : cal.iso(qEsitoDay[q] as number),
      motivoEsito: esito === E_ATTESA ? null : ((esito === E_POSITIVO ? MOTIVI_POSITIVO : MOTIVI_NEGATIVO)[argCod][qMotivo[q] as number] as string),
    };
  }
  return { qId, quesiti };
}
