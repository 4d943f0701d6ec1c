import { addDays, giorniTra, romeDate } from '../domain/calendario';
import type { Appuntamento, IsoDate } from '../model';
import { Random } from './random';

// Demo only (#15): a history of slot observations for the demo office. A real installation records
// one each time it asks a sede for free slots; a demo cache starts empty, so the statistics would show
// no wait at all. These are derived from the demo's own bookings, deterministically from the seed, and
// are loaded only with the demo data (`demo.carica`, and the embedded demo's database after its
// first sync), never into a real installation.

/** One observation as `slot_osservazioni` stores it. */
export interface OsservazioneDemo {
  sedeId: string;
  osservataIl: string;
  dal: IsoDate;
  al: IsoDate;
  primoLibero: IsoDate;
  attesaGiorni: number;
}

/** What the history is derived from: a booking's sede, when it was made, its day, and by whom. */
export type PrenotazioneDemo = Pick<Appuntamento, 'sedeId' | 'creatoIl' | 'data' | 'operatoreId' | 'gestitoDaIntermediario'>;

/** How far ahead the operator looked: the app's default window. */
const FINESTRA_GIORNI = 30;

/**
 * One observation per booking the office made in the 12 months before `today`: the operator looked
 * at the sede's free slots a few minutes before booking (from the next day, 30 days), and the first
 * free one fell between the next day and the day they booked — never after it, since that slot was
 * free — nearer the start more often (u² skews towards short waits).
 */
export function osservazioniDemo(appuntamenti: readonly PrenotazioneDemo[], today: IsoDate, seed: number): OsservazioneDemo[] {
  const rnd = new Random(seed).fork('slot-osservazioni');
  const inizio = addDays(today, -365);
  const out: OsservazioneDemo[] = [];
  for (const a of appuntamenti) {
    if (!a.gestitoDaIntermediario || a.operatoreId === null) continue;
    const osservataIl = new Date(Date.parse(a.creatoIl) - (2 + Math.floor(rnd.next() * 10)) * 60_000).toISOString();
    const giorno = romeDate(osservataIl);
    if (giorno < inizio || giorno > today) continue;
    const dal = addDays(giorno, 1);
    if (a.data < dal) continue;
    const anticipo = giorniTra(dal, a.data);
    const u = rnd.next();
    const primoLibero = addDays(dal, Math.floor(u * u * (anticipo + 1)));
    const al = a.data > addDays(dal, FINESTRA_GIORNI - 1) ? a.data : addDays(dal, FINESTRA_GIORNI - 1);
    const attesaGiorni = giorniTra(giorno, primoLibero);
    out.push({ sedeId: a.sedeId, osservataIl, dal, al, primoLibero, attesaGiorni });
  }
  return out;
}
