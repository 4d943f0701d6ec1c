// Messages on the appointments: 0–5 each, in the daytime, between booking and closing.
import type { Appuntamento, AutoreComunicazione, Comunicazione } from '../model';
import type { AppuntamentiGenerati } from './appuntamenti';
import { type Calendario, DAY_MS, MIN_MS } from './calendario';
import { ST_CANCELLATO, ST_CHIUSO, type Contesto } from './contesto';
import { type Random, WeightedTable } from './random';
import { MSG_CITTADINO, MSG_INTERMEDIARIO, MSG_SEDE, MSG_SEDE_CHIUSURA, MSG_SEDE_DISDETTA } from './testi';
import { pad } from './util';

const AUTORI: readonly AutoreComunicazione[] = ['sede', 'intermediario', 'cittadino'];

/** The messages as drawn, in generation order (by appointment, then time), before sorting and ids. */
interface MessaggiGrezzi {
  app: Int32Array;
  time: Float64Array;
  /** 0 sede, 1 intermediario, 2 cittadino. */
  autore: Uint8Array;
  testo: string[];
}

export function generaComunicazioni(ctx: Contesto, app: AppuntamentiGenerati): Comunicazione[] {
  const { spec, root, cal, nowMs } = ctx;
  const { apps, appCreato, appFine, appEndMsg, appGestito, appStato, appCancDa } = app;
  const N = apps.length;
  const rCom = root.fork('comunicazioni');
  const M = spec.comunicazioni;
  const perApp = contaMessaggi(rCom, N, M);
  const msg: MessaggiGrezzi = {
    app: new Int32Array(M),
    time: new Float64Array(M),
    autore: new Uint8Array(M),
    testo: new Array<string>(M),
  };
  const times: number[] = [];
  let c = 0;
  for (let a = 0; a < N; a++) {
    const n = perApp[a] as number;
    if (n === 0) continue;
    const start = (appCreato[a] as number) + MIN_MS;
    let end = Math.min(nowMs - MIN_MS, appEndMsg[a] as number);
    if (end <= start + MIN_MS) end = Math.min(nowMs - MIN_MS, start + 6 * 3_600_000);
    orariMessaggi(rCom, cal, start, end, n, times);
    const gestito = appGestito[a] === 1;
    const stato = appStato[a] as number;
    const fine = appFine[a] as number;
    for (let k = 0; k < n; k++) {
      const t = times[k] as number;
      let autore: number;
      let testo: string;
      const lastAfterFine = k === n - 1 && fine > 0 && t > fine;
      if (lastAfterFine && (stato === ST_CHIUSO || (stato === ST_CANCELLATO && appCancDa[a] === 2))) {
        // The sede's own closing or cancellation notice comes last.
        autore = 0;
        testo = rCom.pick(stato === ST_CHIUSO ? MSG_SEDE_CHIUSURA : MSG_SEDE_DISDETTA);
      } else {
        const x = rCom.next();
        autore = gestito ? (x < 0.45 ? 0 : x < 0.9 ? 1 : 2) : x < 0.5 ? 0 : 2;
        testo = rCom.pick(autore === 0 ? MSG_SEDE : autore === 1 ? MSG_INTERMEDIARIO : MSG_CITTADINO);
      }
      msg.app[c] = a;
      msg.time[c] = t;
      msg.autore[c] = autore;
      msg.testo[c] = testo;
      c++;
    }
  }
  return ordinaComunicazioni(apps, msg, M);
}

/** Messages per appointment (0–5, weighted), then nudged one at a time until they total exactly M. */
function contaMessaggi(rCom: Random, N: number, M: number): Int32Array {
  const perApp = new Int32Array(N);
  const countTable = new WeightedTable<number>([
    [0, 15],
    [1, 25],
    [2, 25],
    [3, 17],
    [4, 11],
    [5, 7],
  ]);
  let sum = 0;
  for (let a = 0; a < N; a++) {
    const c = countTable.draw(rCom);
    perApp[a] = c;
    sum += c;
  }
  while (sum < M) {
    const a = rCom.int(0, N - 1);
    if ((perApp[a] as number) < 5) {
      perApp[a] = (perApp[a] as number) + 1;
      sum++;
    }
  }
  while (sum > M) {
    const a = rCom.int(0, N - 1);
    if ((perApp[a] as number) > 0) {
      perApp[a] = (perApp[a] as number) - 1;
      sum--;
    }
  }
  return perApp;
}

/** Fills `times` (reused across appointments) with n sorted instants in [start, end). */
function orariMessaggi(rCom: Random, cal: Calendario, start: number, end: number, n: number, times: number[]): void {
  times.length = 0;
  for (let k = 0; k < n; k++) {
    let t = start + Math.floor(rCom.next() * (end - start));
    // Messages are written in the daytime (08:00–19:59 in Rome).
    const day = Math.floor(t / DAY_MS);
    const local = Math.floor((t - cal.instantMs(day, 0)) / MIN_MS);
    if (local < 8 * 60 || local >= 20 * 60) {
      const moved = cal.instantMs(local < 8 * 60 ? day : day + 1, rCom.int(8 * 60, 19 * 60 + 59)) + rCom.int(0, 59_999);
      if (moved > start && moved < end) t = moved;
    }
    times.push(t);
  }
  times.sort((x, y) => x - y);
}

/** All messages by time (ties in generation order), with ids that grow with it. */
function ordinaComunicazioni(apps: Appuntamento[], msg: MessaggiGrezzi, M: number): Comunicazione[] {
  const cOrder = Int32Array.from({ length: M }, (_, i) => i).sort((x, y) => (msg.time[x] as number) - (msg.time[y] as number) || x - y);
  const comunicazioni: Comunicazione[] = new Array<Comunicazione>(M);
  for (let k = 0; k < M; k++) {
    const i = cOrder[k] as number;
    comunicazioni[k] = {
      id: `com-${pad(k + 1, 6)}`,
      appuntamentoId: (apps[msg.app[i] as number] as Appuntamento).id,
      autore: AUTORI[msg.autore[i] as number] as AutoreComunicazione,
      testo: msg.testo[i] as string,
      inviataIl: new Date(msg.time[i] as number).toISOString(),
    };
  }
  return comunicazioni;
}
