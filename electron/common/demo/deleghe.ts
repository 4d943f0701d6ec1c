// Deleghe of the datori to the demo office (and, for some, to another intermediary afterwards).
import type { Datore, Delega, DelegaStato, Intermediario } from '../model';
import { INTERMEDIARI } from './attori';
import type { Contesto } from './contesto';
import type { DatoriGenerati } from './datori';
import type { Random } from './random';
import { MOTIVI_ANNULLAMENTO_DELEGA, MOTIVO_REVOCA_ALTRO_INTERMEDIARIO, MOTIVO_REVOCA_DATORE } from './testi';
import { DEMO_INTERMEDIARIO_ID } from './types';
import { pad } from './util';

export interface DelegheGenerate {
  deleghe: Delega[];
  /** Per datore, the demo office's active interval [demoDal, demoAl) as day numbers (-1: never active). */
  demoDal: Int32Array;
  demoAl: Int32Array;
  /** Per datore, the other intermediary (index into INTERMEDIARI, -1: none) and the day it took over. */
  altroInt: Int32Array;
  altroDal: Int32Array;
  /** 1 when the datore's delega to the demo office is active today. */
  datoreDelegaDemoAttiva: Uint8Array;
}

export function generaDeleghe(ctx: Contesto, gen: DatoriGenerati): DelegheGenerate {
  const { spec, root, T, cal } = ctx;
  const { datori } = gen;
  const rDeleghe = root.fork('deleghe');
  const nD = spec.datori;
  const kinds = tipiDelega(rDeleghe, nD, spec.altroIntermediario);
  const deleghe: Delega[] = [];
  // Active intervals per datore, [from, to): the demo office, then possibly another intermediary.
  const demoDal = new Int32Array(nD).fill(-1);
  const demoAl = new Int32Array(nD).fill(2_000_000_000);
  const altroInt = new Int32Array(nD).fill(-1);
  const altroDal = new Int32Array(nD).fill(-1);
  const datoreDelegaDemoAttiva = new Uint8Array(nD);
  let delegaSeq = 0;
  const nextDelegaId = (): string => `del-${pad(++delegaSeq, 6)}`;
  for (let i = 0; i < nD; i++) {
    const cf = (datori[i] as Datore).codiceFiscale;
    const kind = kinds[i] as number;
    const { stato, sottoscrizione, attivazione, scadenza, fine, motivo } = delegaDemo(rDeleghe, T, kind);
    deleghe.push({
      id: nextDelegaId(),
      datoreCf: cf,
      intermediarioId: DEMO_INTERMEDIARIO_ID,
      stato,
      dataSottoscrizione: cal.iso(sottoscrizione),
      dataAttivazione: attivazione === null ? null : cal.iso(attivazione),
      dataScadenza: scadenza === null ? null : cal.iso(scadenza),
      dataFine: fine === null ? null : cal.iso(fine),
      motivoFine: motivo,
    });
    if (attivazione !== null) {
      demoDal[i] = attivazione;
      if (fine !== null) demoAl[i] = fine;
    }
    if (stato === 'attiva') datoreDelegaDemoAttiva[i] = 1;
    if (kind === 5 && fine !== null) {
      // The datore signed with another intermediary; its activation revoked ours the same day.
      const altro = rDeleghe.int(1, 2);
      const firma = Math.max(sottoscrizione + 1, fine - rDeleghe.int(0, 7));
      altroInt[i] = altro;
      altroDal[i] = fine;
      deleghe.push({
        id: nextDelegaId(),
        datoreCf: cf,
        intermediarioId: (INTERMEDIARI[altro] as Intermediario).id,
        stato: 'attiva',
        dataSottoscrizione: cal.iso(firma),
        dataAttivazione: cal.iso(fine),
        dataScadenza: rDeleghe.chance(0.3) ? cal.iso(T + rDeleghe.int(31, 900)) : null,
        dataFine: null,
        motivoFine: null,
      });
    }
  }
  return { deleghe, demoDal, demoAl, altroInt, altroDal, datoreDelegaDemoAttiva };
}

/**
 * The kind of each datore's delega to the demo office, in exact shares, shuffled:
 * 0 attiva, 1 attiva in scadenza, 2 da_attivare, 3 annullata, 4 revocata, 5 revocata → altro.
 */
function tipiDelega(rDeleghe: Random, nD: number, nAltro: number): number[] {
  const nDaAttivare = Math.max(1, Math.round(nD * 0.04));
  const nAnnullata = Math.max(1, Math.round(nD * 0.03));
  const nRevocata = Math.max(1, Math.round(nD * 0.04));
  const nAttiva = nD - nDaAttivare - nAnnullata - nRevocata - nAltro;
  const nInScadenza = Math.max(1, Math.round(nAttiva * 0.04));
  const kinds: number[] = [];
  for (let k = 0; k < nAttiva - nInScadenza; k++) kinds.push(0);
  for (let k = 0; k < nInScadenza; k++) kinds.push(1);
  for (let k = 0; k < nDaAttivare; k++) kinds.push(2);
  for (let k = 0; k < nAnnullata; k++) kinds.push(3);
  for (let k = 0; k < nRevocata; k++) kinds.push(4);
  for (let k = 0; k < nAltro; k++) kinds.push(5);
  rDeleghe.shuffle(kinds);
  return kinds;
}

/** The dates (day numbers) and state of a delega to the demo office. */
interface DelegaDemo {
  stato: DelegaStato;
  sottoscrizione: number;
  attivazione: number | null;
  scadenza: number | null;
  fine: number | null;
  motivo: string | null;
}

function delegaDemo(rDeleghe: Random, T: number, kind: number): DelegaDemo {
  let stato: DelegaStato;
  let sottoscrizione: number;
  let attivazione: number | null = null;
  let scadenza: number | null = null;
  let fine: number | null = null;
  let motivo: string | null = null;
  switch (kind) {
    case 0:
    case 1: {
      stato = 'attiva';
      // Most clients have been with the office for a while.
      sottoscrizione = T - 8 - Math.floor(Math.pow(rDeleghe.next(), 0.6) * 5 * 365);
      attivazione = Math.min(T - 1, sottoscrizione + rDeleghe.int(0, 10));
      if (kind === 1) scadenza = T + rDeleghe.int(1, 30);
      else if (rDeleghe.chance(0.45)) scadenza = T + rDeleghe.int(31, 900);
      break;
    }
    case 2:
      stato = 'da_attivare';
      sottoscrizione = T - rDeleghe.int(1, 30);
      break;
    case 3:
      stato = 'annullata';
      sottoscrizione = T - rDeleghe.int(25, 700);
      fine = Math.min(T - 1, sottoscrizione + rDeleghe.int(2, 20));
      motivo = rDeleghe.pick(MOTIVI_ANNULLAMENTO_DELEGA);
      break;
    default: {
      stato = 'revocata';
      sottoscrizione = T - rDeleghe.int(400, 5 * 365);
      attivazione = sottoscrizione + rDeleghe.int(0, 10);
      fine = rDeleghe.int(Math.max(attivazione + 30, T - 330), T - 5);
      motivo = kind === 5 ? MOTIVO_REVOCA_ALTRO_INTERMEDIARIO : MOTIVO_REVOCA_DATORE;
    }
  }
  return { stato, sottoscrizione, attivazione, scadenza, fine, motivo };
}
