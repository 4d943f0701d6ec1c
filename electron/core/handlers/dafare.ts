import type { DaFare, QuesitoDaFare } from '../../common/commands/types';
import { addDays, giorniTra, romeDate } from '../../common/domain/calendario';
import { valutaIdoneita } from '../../common/domain/idoneita';
import type { IsoDate } from '../../common/model';
import type { QuesitoAperto } from '../store/quesiti';
import type { Handler } from './types';

const LIMIT = 50;

/** The home screen: what needs doing today, from the local cache (works offline). */
export const dafareRiepilogo: Handler<'dafare.riepilogo'> = async ({ giorni }, ctx) => {
  const { store } = ctx;
  const oggi = romeDate(ctx.clock.now());
  const finestra = addDays(oggi, giorni);
  const { idonei, inArrivo } = classifica(store.quesiti.apertiDiClientiAttivi(), oggi, giorni);
  return {
    oggi,
    quesitiIdonei: idonei.slice(0, LIMIT),
    quesitiInArrivo: inArrivo.slice(0, LIMIT),
    bozze: store.bozze.conteggi(),
    daCorreggere: store.bozze.daCorreggere(),
    prossimi: perSede(store.appuntamenti.prossimiConfermati(oggi, finestra)),
    deleghe: {
      daAttivare: store.deleghe.daAttivare(),
      inScadenza: store.deleghe.inScadenza(oggi, addDays(oggi, 30)),
      revocateDiRecente: store.deleghe.finiteDal(addDays(oggi, -30)),
    },
  };
};

/** Idonei in the last `giorni` days (newest first), and those becoming idonei within `giorni` (soonest first). */
function classifica(aperti: QuesitoAperto[], oggi: IsoDate, giorni: number): { idonei: QuesitoDaFare[]; inArrivo: QuesitoDaFare[] } {
  const finestra = addDays(oggi, giorni);
  const idonei: QuesitoDaFare[] = [];
  const inArrivo: QuesitoDaFare[] = [];
  for (const { esito, dataInvio, dataEsito, termine, ...rest } of aperti) {
    const i = valutaIdoneita({ esito, dataInvio, dataEsito }, termine, oggi);
    if (i.idoneo && i.dal >= addDays(oggi, -giorni)) idonei.push({ ...rest, data: i.dal, giorni: giorniTra(i.dal, oggi) });
    else if (!i.idoneo && i.idoneoDal && i.idoneoDal <= finestra) inArrivo.push({ ...rest, data: i.idoneoDal, giorni: giorniTra(oggi, i.idoneoDal) });
  }
  idonei.sort((a, b) => b.data.localeCompare(a.data) || a.id.localeCompare(b.id));
  inArrivo.sort((a, b) => a.data.localeCompare(b.data) || a.id.localeCompare(b.id));
  return { idonei, inArrivo };
}

function perSede(rows: { id: string; data: IsoDate; ora: string; sedeId: string; sedeNome: string; datoreNominativo: string }[]): DaFare['prossimi'] {
  const groups = new Map<string, DaFare['prossimi'][number]>();
  for (const { sedeId, sedeNome, ...a } of rows) {
    const group = groups.get(sedeId) ?? { sedeId, sedeNome, appuntamenti: [] };
    group.appuntamenti.push(a);
    groups.set(sedeId, group);
  }
  return [...groups.values()];
}
