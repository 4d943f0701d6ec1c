import type { EsitoSaltato, ProposteOrari } from '../../common/commands/types';
import { addDays, romeDate } from '../../common/domain/calendario';
import { AppError } from '../../common/errors';
import type { IsoDate, Sede } from '../../common/model';
import { assegnaOrari, intervalli, slotDaOrario, type DaProporre, type Slot } from '../bozze/orari';
import { motivoDi } from '../bozze/rules';
import type { CoreContext } from '../context';
import { GatewayError } from '../gateway/errors';
import { osservaSlot } from '../statistiche/osservazioni';
import { perOgniBozza } from './blocco';
import { bozzaModificata } from './bozze';
import type { Handler } from './types';

/** Without a window of its own, a draft looks at the next 30 days. */
const GIORNI_FINESTRA = 30;
/** Slot queries in flight at once: a batch may span a hundred sedi. */
const CONCORRENZA = 4;

type SediBlocco = ReturnType<CoreContext['store']['sedi']['perBlocco']>;

/**
 * «Proponi orari»: each draft gets the earliest free slot of its sede inside its window —
 * no slot given twice, no two visits of one client on one day. The free slots are asked of the
 * service once per sede for the whole batch; offline, the drafts get preferences from the
 * sede's timetable in the cache (the first one: the first working day of the window at the
 * opening hour), and the service accepts or refuses each when it is sent.
 */
export const bozzeProponiOrari: Handler<'bozze.proponiOrari'> = async ({ ids }, ctx) => {
  const now = ctx.clock.now().toISOString();
  const saltati: { id: string; motivo: string }[] = [];
  const candidate = candidati(ctx, ids, romeDate(now), now, saltati);
  const sedi = ctx.store.sedi.perBlocco([...new Set(candidate.map((b) => b.sedeId))]);
  const { online, liberi, errori } = await orariLiberi(ctx, candidate, sedi);
  const valide = candidate.filter((b) => !errori.has(b.sedeId));
  for (const b of candidate.filter((b) => errori.has(b.sedeId))) saltati.push({ id: b.id, motivo: errori.get(b.sedeId)! });
  const assegnati = assegnaOrari(valide, liberi, giorniOccupati(ctx, valide, ids));
  const nessuno = online
    ? 'Nessun orario libero della sede nella finestra di date: allarga la finestra o scegli un’altra sede.'
    : 'Senza connessione, e la sede non ha giorni di apertura noti nella finestra di date: allarga la finestra o scegli un’altra sede.';
  for (const b of valide.filter((b) => !assegnati.has(b.id))) saltati.push({ id: b.id, motivo: nessuno });

  // The service answered after an await: each draft is read again inside the transaction, as
  // another window may have sent or changed it meanwhile (then it keeps what it has).
  const sedeDi = new Map(valide.map((b) => [b.id, b.sedeId]));
  const scritte = ctx.store.transaction(() =>
    perOgniBozza(ctx, [...assegnati.keys()], (id) => {
      const current = ctx.store.bozze.leggi(id);
      const proposta = assegnati.get(id)!;
      if (current.sedeId !== sedeDi.get(id)) throw new AppError('BOZZA_CAMBIATA', 'La sede della bozza è cambiata nel frattempo: proponi di nuovo gli orari.');
      // A window set meanwhile that leaves the day out: writing it would undo that edit (which emptied the day).
      if ((current.finestraDal !== null && proposta.data < current.finestraDal) || (current.finestraAl !== null && proposta.data > current.finestraAl))
        throw new AppError('BOZZA_CAMBIATA', 'La finestra di date della bozza è cambiata nel frattempo: proponi di nuovo gli orari.');
      ctx.store.bozze.scrivi(bozzaModificata(ctx, current, proposta, now));
      ctx.store.registro.registra({ azione: 'bozze.proponiOrari', entita: 'bozza', entitaId: id, clienteCf: current.datoreCf }, now);
    }),
  );
  if (scritte.fatte.length > 0) ctx.events.emit('dati.aggiornati', {});
  const nominativi = ctx.store.bozze.nominativi(saltati.map((s) => s.id));
  const esito: ProposteOrari = {
    online,
    proposte: scritte.fatte.map((bozzaId) => ({ bozzaId, ...assegnati.get(bozzaId)! })),
    saltati: [...saltati.map((s): EsitoSaltato => ({ ...s, datoreNominativo: nominativi.get(s.id) ?? null })), ...scritte.saltati],
  };
  return esito;
};

/** The drafts that may take a slot, with their window; the others go to `saltati` with the reason. */
function candidati(ctx: CoreContext, ids: readonly string[], oggi: IsoDate, now: string, saltati: { id: string; motivo: string }[]): DaProporre[] {
  const bozze = ctx.store.bozze.leggiMolte(ids);
  const domani = addDays(oggi, 1);
  const out: DaProporre[] = [];
  for (const id of ids) {
    const b = bozze.get(id);
    if (!b) {
      saltati.push({ id, motivo: 'Bozza non trovata: potrebbe essere stata eliminata da un’altra finestra.' });
      continue;
    }
    try {
      bozzaModificata(ctx, b, {}, now); // the same rules as editing it by hand: state, delega, sede and mode
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      saltati.push({ id, motivo: motivoDi(error) });
      continue;
    }
    if (b.sedeId === null) {
      saltati.push({ id, motivo: 'Scegli prima la sede: gli orari si propongono sede per sede.' });
      continue;
    }
    // From tomorrow at the earliest: the client needs notice, and today's slots are going.
    const dal = b.finestraDal !== null && b.finestraDal > domani ? b.finestraDal : domani;
    const al = b.finestraAl ?? addDays(oggi, GIORNI_FINESTRA);
    if (al < dal) saltati.push({ id, motivo: 'La finestra di date è già passata: indicane una nuova.' });
    else out.push({ id, datoreCf: b.datoreCf, sedeId: b.sedeId, dal, al });
  }
  return out;
}

/** Days the clients already have a visit: a Confermato appointment, or another draft with a day. */
function giorniOccupati(ctx: CoreContext, bozze: readonly DaProporre[], batch: readonly string[]): Set<string> {
  if (bozze.length === 0) return new Set();
  const datori = [...new Set(bozze.map((b) => b.datoreCf))];
  const dal = bozze.reduce((min, b) => (b.dal < min ? b.dal : min), bozze[0]!.dal);
  const al = bozze.reduce((max, b) => (b.al > max ? b.al : max), bozze[0]!.al);
  return new Set([...ctx.store.appuntamenti.giorniConfermati(datori, dal, al), ...ctx.store.bozze.giorniImpegnati(datori, dal, al, batch)]);
}

interface Orari {
  online: boolean;
  liberi: Map<string, Slot[]>;
  /** Sedi whose slots the service refused to give (the reason, in Italian). */
  errori: Map<string, string>;
}

/** The free slots of each sede over the union of its drafts' windows, asked once per sede; offline, the timetable's. */
async function orariLiberi(ctx: CoreContext, bozze: readonly DaProporre[], sedi: SediBlocco): Promise<Orari> {
  const perSede = new Map<string, { dal: IsoDate; al: IsoDate }>();
  for (const b of bozze) {
    const r = perSede.get(b.sedeId);
    perSede.set(b.sedeId, r ? { dal: b.dal < r.dal ? b.dal : r.dal, al: b.al > r.al ? b.al : r.al } : { dal: b.dal, al: b.al });
  }
  const offline = (): Orari => ({ online: false, liberi: daOrario(perSede, sedi), errori: new Map() });
  const gateway = ctx.gateway;
  if (!gateway) return offline();
  const liberi = new Map<string, Slot[]>();
  const errori = new Map<string, string>();
  const coda = [...perSede];
  const lavora = async (): Promise<void> => {
    for (let next = coda.shift(); next; next = coda.shift()) {
      const [sedeId, r] = next;
      try {
        const slot: Slot[] = [];
        for (const pezzo of intervalli(r.dal, r.al)) slot.push(...(await gateway.slotLiberi(sedeId, pezzo.dal, pezzo.al)));
        liberi.set(
          sedeId,
          slot.sort((a, b) => (a.data + a.ora < b.data + b.ora ? -1 : 1)),
        );
        osservaSlot(ctx, sedeId, r.dal, r.al, slot);
      } catch (error) {
        if (!(error instanceof GatewayError) || error.status === 0) throw error;
        errori.set(sedeId, error.detail);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCORRENZA, coda.length) }, lavora));
  } catch (error) {
    if (error instanceof GatewayError && error.status === 0) return offline();
    throw error;
  }
  return { online: true, liberi, errori };
}

function daOrario(perSede: Map<string, { dal: IsoDate; al: IsoDate }>, sedi: SediBlocco): Map<string, Slot[]> {
  const out = new Map<string, Slot[]>();
  for (const [sedeId, r] of perSede) {
    const sede: Pick<Sede, 'orari' | 'slotMinuti' | 'chiusure'> | undefined = sedi.get(sedeId);
    out.set(sedeId, sede ? slotDaOrario(sede, r.dal, r.al) : []);
  }
  return out;
}
