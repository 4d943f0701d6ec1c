// Rapporti di lavoro domestico: 1–3 per datore over the last ~10 years, sometimes with the same worker.
import type { Datore, Rapporto, TipologiaRapporto } from '../model';
import { buildCodiceFiscale } from '../domain/codiceFiscale';
import { dayOfIso, isoOfDay } from './calendario';
import type { Contesto } from './contesto';
import type { DatoriGenerati } from './datori';
import { COMUNI, type Comune } from './comuni';
import { COGNOMI, NOMI_FEMMINILI, NOMI_MASCHILI } from './names';
import { PAESI_LAVORATORI, PESO_LAVORATORI_ITALIANI } from './paesiLavoratori';
import { WeightedTable, type Random } from './random';
import { distribute, pad } from './util';

export interface RapportiGenerati {
  rapporti: Rapporto[];
  /** Per rapporto: its datore (index) and start day. */
  rapDatore: Int32Array;
  rapInizio: Int32Array;
}

export function generaRapporti(ctx: Contesto, gen: DatoriGenerati): RapportiGenerati {
  const { spec, root, T, cal } = ctx;
  const { datori, datoreEta, nascita } = gen;
  const nD = spec.datori;
  const rRapporti = root.fork('rapporti');
  const perDatore = distribute(rRapporti, nD, spec.rapporti, 1, 3);
  const paeseTable = new WeightedTable<number>([[-1, PESO_LAVORATORI_ITALIANI], ...PAESI_LAVORATORI.map((p, i) => [i, p.peso] as const)]);
  const rapporti: Rapporto[] = [];
  const rapDatore = new Int32Array(spec.rapporti);
  const rapInizio = new Int32Array(spec.rapporti);
  const codiciUsati = new Set<string>();
  const cfLavoratori = new Map<string, string>(); // cf → nominativo (a worker keeps one code)
  for (let i = 0; i < nD; i++) {
    const k = perDatore[i] as number;
    const eta = datoreEta[i] as number;
    const starts: number[] = [];
    for (let j = 0; j < k; j++) starts.push(T - 120 - Math.floor(Math.pow(rRapporti.next(), 1.5) * 3400));
    starts.sort((a, b) => a - b);
    let prev: Rapporto | null = null;
    let prevStart = 0;
    for (let j = 0; j < k; j++) {
      const start = starts[j] as number;
      const last = j === k - 1;
      let tipologia = tipologiaPerEta(eta, rRapporti.next());
      let lavoratoreCf: string;
      let lavoratoreNominativo: string;
      if (prev !== null && start - prevStart > 60 && rRapporti.chance(0.3)) {
        // A new contract with the same worker: the previous one ended just before.
        lavoratoreCf = prev.lavoratoreCf;
        lavoratoreNominativo = prev.lavoratoreNominativo;
        tipologia = prev.tipologia;
        const fine = start - rRapporti.int(1, 20);
        if (prev.dataFine === null || dayOfIso(prev.dataFine) >= start) prev.dataFine = cal.iso(Math.max(prevStart + 30, fine));
      } else {
        const nuovo = nuovoLavoratore(rRapporti, T, tipologia, paeseTable, nascita);
        lavoratoreCf = nuovo.cf;
        lavoratoreNominativo = nuovo.nominativo;
        const gia = cfLavoratori.get(lavoratoreCf);
        if (gia !== undefined) lavoratoreNominativo = gia;
        else cfLavoratori.set(lavoratoreCf, lavoratoreNominativo);
      }
      let fine: number | null = null;
      if (rRapporti.chance(last ? 0.12 : 0.4) && T - 20 > start + 90) fine = rRapporti.int(start + 90, T - 20);
      const rap: Rapporto = {
        codice: codiceRapporto(rRapporti, codiciUsati),
        datoreCf: (datori[i] as Datore).codiceFiscale,
        lavoratoreCf,
        lavoratoreNominativo,
        tipologia,
        dataInizio: cal.iso(start),
        dataFine: fine === null ? null : cal.iso(fine),
      };
      rapDatore[rapporti.length] = i;
      rapInizio[rapporti.length] = start;
      rapporti.push(rap);
      prev = rap;
      prevStart = start;
    }
  }
  return { rapporti, rapDatore, rapInizio };
}

/** The kind of work, by the employer's age (`r` uniform in [0, 1)): the elderly hire badanti, young families baby sitter. */
function tipologiaPerEta(eta: number, r: number): TipologiaRapporto {
  if (eta >= 75) return r < 0.72 ? 'badante' : 'colf';
  if (eta >= 45) return r < 0.6 ? 'colf' : r < 0.9 ? 'badante' : 'baby_sitter';
  return r < 0.5 ? 'baby_sitter' : 'colf';
}

/** A worker not seen before: Italian (born in a weighted comune) or from one of the usual countries. */
function nuovoLavoratore(
  rRapporti: Random,
  T: number,
  tipologia: TipologiaRapporto,
  paeseTable: WeightedTable<number>,
  nascita: WeightedTable<number>,
): { cf: string; nominativo: string } {
  const femmina = rRapporti.chance(tipologia === 'baby_sitter' ? 0.95 : 0.86);
  const paese = paeseTable.draw(rRapporti);
  let nome: string;
  let cognome: string;
  let catastale: string;
  if (paese < 0) {
    nome = rRapporti.pick(femmina ? NOMI_FEMMINILI : NOMI_MASCHILI);
    cognome = rRapporti.pick(COGNOMI);
    catastale = (COMUNI[nascita.draw(rRapporti)] as Comune).codiceCatastale;
  } else {
    const p = PAESI_LAVORATORI[paese] as (typeof PAESI_LAVORATORI)[number];
    nome = rRapporti.pick(femmina ? p.nomiFemminili : p.nomiMaschili);
    cognome = rRapporti.pick(p.cognomi);
    catastale = p.codiceCatastale;
  }
  const nascitaDay = T - rRapporti.int(Math.ceil(24 * 365.25), Math.floor(66 * 365.25));
  const cf = buildCodiceFiscale({
    cognome,
    nome,
    dataNascita: isoOfDay(nascitaDay),
    sesso: femmina ? 'F' : 'M',
    codiceCatastale: catastale,
  });
  return { cf, nominativo: `${nome} ${cognome}` };
}

/** A new, unused 10-digit rapporto code (drawn again on a clash). */
function codiceRapporto(rRapporti: Random, codiciUsati: Set<string>): string {
  let codice: string;
  do {
    codice = String(rRapporti.int(1000, 9999)) + pad(rRapporti.int(0, 999_999), 6);
  } while (codiciUsati.has(codice));
  codiciUsati.add(codice);
  return codice;
}
