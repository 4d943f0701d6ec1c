import { beforeEach, describe, expect, it } from 'vitest';
import type { DaFare } from '../../common/commands/types';
import { CacheWriter } from '../store/cacheWriter';
import { FIXTURE, useTestCore } from '../testing';

const core = useTestCore({ seed: true });
beforeEach(() => {
  // One more quesito on Rossi's rapporto, sent 28 January: it becomes idoneo in two days.
  const writer = new CacheWriter(core.ctx.sqlite);
  writer.quesito({ ...FIXTURE.quesiti[0]!, id: '5', protocollo: 'INPS.0100.2026.0000005', dataInvio: '2026-01-28' });
});

async function riepilogo(giorni: number): Promise<DaFare> {
  const result = await core.dispatcher('app')('dafare.riepilogo', { giorni });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as DaFare;
}

describe('dafare.riepilogo', () => {
  it('lists quesiti that just became idonei (how long ago) and those about to (countdown)', async () => {
    const week = await riepilogo(7);
    expect(week.oggi).toBe('2026-03-10');
    // Sent 28 Jan: 30 working days end 11 March → idoneo from 12 March, in 2 days.
    expect(week.quesitiInArrivo.map((q) => [q.id, q.data, q.giorni])).toEqual([['5', '2026-03-12', 2]]);
    expect(week.quesitiIdonei).toEqual([]);
    const month = await riepilogo(30);
    expect(month.quesitiIdonei.map((q) => [q.id, q.data, q.giorni])).toEqual([
      ['2', '2026-02-20', 18],
      ['1', '2026-02-18', 20],
    ]);
    expect(month.quesitiIdonei[0]).toMatchObject({ datoreNominativo: 'Rossi Mario', codiceRapporto: '0000123456' });
  });

  it('leaves out quesiti of clients without an active delega, and those already booked', async () => {
    const writer = new CacheWriter(core.ctx.sqlite);
    writer.quesito({ ...FIXTURE.quesiti[0]!, id: '6', protocollo: 'P6', codiceRapporto: '5555555555', dataInvio: '2026-01-05' }); // Esposito: revoked
    const month = await riepilogo(30);
    expect(month.quesitiIdonei.map((q) => q.id)).not.toContain('6');
  });

  it('counts drafts and shows the refused ones with the service’s reason', async () => {
    const created = await core.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    if (!created.ok) throw new Error(created.error.message);
    core.ctx.sqlite
      .prepare("UPDATE bozze SET stato = 'da_correggere', errore_codice = 'SLOT_NON_DISPONIBILE', errore_messaggio = 'Orario non più disponibile.'")
      .run();
    const r = await riepilogo(7);
    expect(r.bozze).toEqual({ bozza: 0, in_coda: 0, da_correggere: 1, congelata: 0 });
    expect(r.daCorreggere).toEqual([
      { id: (created.value as { id: string }).id, datoreNominativo: 'Rossi Mario', codiceRapporto: '0000123456', errore: 'Orario non più disponibile.' },
    ]);
  });

  it('lists deleghe to activate and about to expire', async () => {
    const r = await riepilogo(7);
    expect(r.deleghe.daAttivare.map((d) => d.datoreNominativo)).toEqual(['Verdi Anna']);
    expect(r.deleghe.inScadenza).toEqual([expect.objectContaining({ datoreNominativo: 'Rossi Mario', dataScadenza: '2026-03-25' })]);
    // Esposito's was revoked on 1 February: more than 30 days ago.
    expect(r.deleghe.revocateDiRecente).toEqual([]);
  });
});
