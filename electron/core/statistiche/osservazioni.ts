import { giorniTra, romeDate } from '../../common/domain/calendario';
import type { IsoDate } from '../../common/model';
import type { CoreContext } from '../context';

/**
 * Records one fetch of a sede's free slots (#15): the first free day and how many days from today
 * (Rome) it was; both null when the range had none. The service keeps no history of its agenda, so
 * these rows are the only way to follow a sede's wait. Never fails the fetch it describes: a row that
 * cannot be written is logged and dropped.
 */
export function osservaSlot(ctx: CoreContext, sedeId: string, dal: IsoDate, al: IsoDate, slot: readonly { data: string }[]): void {
  const now = ctx.clock.now();
  const primoLibero = slot.reduce<string | null>((min, s) => (min === null || s.data < min ? s.data : min), null);
  const oggi = romeDate(now);
  const attesaGiorni = primoLibero === null ? null : giorniTra(oggi, primoLibero);
  try {
    ctx.store.statistiche.registraOsservazione({ sedeId, osservataIl: now.toISOString(), dal, al, primoLibero, attesaGiorni });
  } catch (error) {
    ctx.logger.log('warn', 'slot observation not recorded', { sedeId, error: error instanceof Error ? error.message : String(error) });
  }
}
