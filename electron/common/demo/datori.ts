// The datori di lavoro domestico: the office's clients, with residence near one of the sedi.
import type { Datore } from '../model';
import { buildCodiceFiscale } from '../domain/codiceFiscale';
import { isoOfDay } from './calendario';
import type { Contesto } from './contesto';
import { COMUNI, type Comune } from './comuni';
import { COGNOMI, DOMINI_EMAIL, NOMI_FEMMINILI, NOMI_MASCHILI, PREFISSI_CELLULARE } from './names';
import { WeightedTable } from './random';
import type { SediGenerate } from './sediGen';
import { pad, quota, slug, strati } from './util';

export interface DatoriGenerati {
  datori: Datore[];
  /** Per datore: age in years, comune of residence (index into COMUNI), usual sede (index). */
  datoreEta: Int32Array;
  datoreComune: Int32Array;
  datoreSede: Int32Array;
  /** Birthplaces (comune indexes), weighted: Italian workers are drawn from it too. */
  nascita: WeightedTable<number>;
}

export function generaDatori(ctx: Contesto, sedi: SediGenerate): DatoriGenerati {
  const { spec, root, T } = ctx;
  const { sediByComune } = sedi;
  const rDatori = root.fork('datori');
  const SUD = new Set(['Campania', 'Puglia', 'Sicilia', 'Calabria', 'Basilicata', 'Molise', 'Abruzzo', 'Sardegna']);
  // Residence: where the size has a sede; the demo office is in Rome, so Lazio weighs more.
  const residenza = new WeightedTable(
    COMUNI.map((c, i) => [i, sediByComune.has(i) ? c.abitanti * (c.regione === 'Lazio' ? 6 : 1) : 0] as const).filter((e) => e[1] > 0),
  );
  const nascita = new WeightedTable(COMUNI.map((c, i) => [i, c.abitanti * (SUD.has(c.regione) ? 1.6 : 1)] as const));
  // Age brackets of employers (many elderly employers of badanti), phone and e-mail: exact shares.
  const ETA_DATORE: readonly [number, number][] = [
    [30, 45],
    [45, 65],
    [65, 80],
    [80, 90],
  ];
  const etaStrato = strati(rDatori, spec.datori, [18, 22, 25, 35]);
  const conTelefono = quota(rDatori, spec.datori, 0.7, 1);
  const conEmail = quota(rDatori, spec.datori, 0.4, 1);
  const slugCache = new Map<string, string>();
  const slugOf = (s: string): string => {
    let v = slugCache.get(s);
    if (v === undefined) {
      v = slug(s);
      slugCache.set(s, v);
    }
    return v;
  };
  const cfUsati = new Set<string>();
  const datori: Datore[] = [];
  const datoreEta = new Int32Array(spec.datori);
  const datoreComune = new Int32Array(spec.datori);
  const datoreSede = new Int32Array(spec.datori);
  for (let i = 0; i < spec.datori; i++) {
    const sesso: 'M' | 'F' = rDatori.chance(0.58) ? 'F' : 'M';
    const comuneRes = residenza.draw(rDatori);
    const comuneNascita = rDatori.chance(0.65) ? comuneRes : nascita.draw(rDatori);
    // cf and nascitaDay are always set by the first attempt; nome and cognome only every 5th.
    let cf: string;
    let nome = '';
    let cognome = '';
    let nascitaDay: number;
    for (let attempt = 0; ; attempt++) {
      if (attempt % 5 === 0) {
        nome = rDatori.pick(sesso === 'F' ? NOMI_FEMMINILI : NOMI_MASCHILI);
        cognome = rDatori.pick(COGNOMI);
      }
      const [a, b] = ETA_DATORE[etaStrato[i] as number] as [number, number];
      nascitaDay = T - rDatori.int(Math.ceil(a * 365.25) + 2, Math.floor(b * 365.25) - 2);
      cf = buildCodiceFiscale({
        cognome,
        nome,
        dataNascita: isoOfDay(nascitaDay),
        sesso,
        codiceCatastale: (COMUNI[comuneNascita] as Comune).codiceCatastale,
      });
      if (!cfUsati.has(cf)) break;
      if (attempt > 50) throw new Error('Troppe collisioni di codice fiscale');
    }
    cfUsati.add(cf);
    const comune = COMUNI[comuneRes] as Comune;
    const telefono = conTelefono[i] === 1 ? `${rDatori.pick(PREFISSI_CELLULARE)}${pad(rDatori.int(0, 9_999_999), 7)}` : null;
    const email =
      conEmail[i] === 1 ? `${slugOf(nome)}.${slugOf(cognome)}${rDatori.chance(0.5) ? String(rDatori.int(10, 99)) : ''}@${rDatori.pick(DOMINI_EMAIL)}` : null;
    datori.push({ codiceFiscale: cf, cognome, nome, comune: comune.nome, provincia: comune.provincia, telefono, email });
    datoreEta[i] = Math.floor((T - nascitaDay) / 365.25);
    datoreComune[i] = comuneRes;
    const locali = sediByComune.get(comuneRes) as number[];
    datoreSede[i] = rDatori.pick(locali);
  }
  return { datori, datoreEta, datoreComune, datoreSede, nascita };
}
