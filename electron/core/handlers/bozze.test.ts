import { beforeEach, describe, expect, it } from 'vitest';
import type { Bozza, BozzaRiga, Pagina } from '../../common/commands/types';
import { addSedi, app, BIANCHI, cambiaQuesito, refusal, ROSSI, SEDE_A, SEDE_B } from '../bozze/testing';
import { CacheWriter } from '../store/cacheWriter';
import { FIXTURE, TEST_NOW, useTestCore } from '../testing';

const core = useTestCore({ seed: true });
beforeEach(() => {
  addSedi(core);
  new CacheWriter(core.ctx.sqlite).quesito({ ...FIXTURE.quesiti[1]!, id: '8', protocollo: 'INPS.0100.2026.0000008', codiceRapporto: '9876543210' });
});

const cerca = (input: Record<string, unknown> = {}) => app<Pagina<BozzaRiga>>(core, 'bozze.cerca', input);
const protocollo = (id: string) => FIXTURE.quesiti.find((q) => q.id === id)!.protocollo;
/** Moves a draft's creation (and last change) to another instant, as if made then. */
const creataIl = (id: string, il: string) => core.ctx.sqlite.prepare('UPDATE bozze SET creata_il = ?, aggiornata_il = ? WHERE id = ?').run(il, il, id);

describe('bozze.cerca', () => {
  it('lists every client’s drafts with client, sede, counts and what is still missing', async () => {
    const rossi = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['1', '2'], sedeId: SEDE_A.id, modalita: 'presenza' });
    const bianchi = await app<Bozza>(core, 'bozza.crea', {
      codiceRapporto: '9876543210',
      quesitiIds: ['8'],
      sedeId: SEDE_B.id,
      modalita: 'presenza',
      data: '2026-03-20',
      ora: '09:00',
    });
    cambiaQuesito(core, '1', { esito: 'positivo', dataEsito: '2026-03-09' });
    const page = await cerca();
    expect(page.totale).toBe(2);
    expect(page.righe.find((r) => r.id === rossi.id)).toEqual({
      id: rossi.id,
      stato: 'bozza',
      datoreCf: ROSSI,
      datoreNominativo: 'Rossi Mario',
      codiceRapporto: '0000123456',
      quesiti: 2,
      protocolli: [protocollo('1'), protocollo('2')],
      sedeId: SEDE_A.id,
      sedeNome: SEDE_A.nome,
      data: null,
      ora: null,
      finestraDal: null,
      finestraAl: null,
      modalita: 'presenza',
      allegati: 0,
      mancanti: ['Scegli il giorno.', 'Scegli l’orario.', `Quesito ${protocollo('1')}: Non idoneo: esito positivo.`],
      errore: null,
      appuntamentoId: null,
      operatoreId: null,
      creataIl: TEST_NOW,
      aggiornataIl: TEST_NOW,
    });
    expect(page.righe.find((r) => r.id === bianchi.id)).toMatchObject({ datoreNominativo: 'Bianchi Lucia', mancanti: [] });
  });

  it('filters by state, client, sede, operator and creation day (Rome), and pages without repeating a draft', async () => {
    const ids: string[] = [];
    for (const [i, q] of ['1', '2'].entries()) {
      ids.push((await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: [q], sedeId: i === 0 ? SEDE_A.id : SEDE_B.id })).id);
    }
    ids.push((await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '9876543210', quesitiIds: ['8'] })).id);
    // 1 March 2026, 23:30 in Rome is still 1 March there (22:30 UTC).
    creataIl(ids[0]!, '2026-03-01T22:30:00.000Z');
    core.ctx.sqlite.prepare("UPDATE bozze SET operatore_id = 'op-007' WHERE id = ?").run(ids[1]);
    const idsOf = async (input: Record<string, unknown>) => (await cerca(input)).righe.map((r) => r.id);
    expect(await idsOf({ testo: 'bianchi' })).toEqual([ids[2]]);
    expect(await idsOf({ testo: BIANCHI.slice(0, 6) })).toEqual([ids[2]]);
    // Words in any order, the short ones (below the trigram index's three characters) checked by LIKE.
    expect(await idsOf({ testo: 'lucia bi' })).toEqual([ids[2]]);
    expect(await idsOf({ testo: 'bi' })).toEqual([ids[2]]);
    expect(await idsOf({ testo: 'ma ros', ordine: 'creata' })).toEqual([ids[0], ids[1]]);
    expect(await idsOf({ testo: 'lucia rossi' })).toEqual([]);
    expect(await idsOf({ sedeId: SEDE_B.id })).toEqual([ids[1]]);
    expect(await idsOf({ operatoreId: 'op-007' })).toEqual([ids[1]]);
    expect(await idsOf({ creataDal: '2026-03-01', creataAl: '2026-03-01' })).toEqual([ids[0]]);
    expect(await idsOf({ creataDal: '2026-03-02' })).toEqual(expect.arrayContaining([ids[1], ids[2]]));
    expect(await idsOf({ stati: ['in_coda'] })).toEqual([]);
    // A selection (the drafts a batch just prepared) still answers to the other filters.
    expect(await idsOf({ ids: [ids[0], ids[2]], ordine: 'creata' })).toEqual([ids[0], ids[2]]);
    expect(await idsOf({ ids: [ids[0], ids[2]], testo: 'bianchi' })).toEqual([ids[2]]);
    expect(await idsOf({ ordine: 'creata' })).toEqual([ids[0], ...[ids[1]!, ids[2]!].sort()]);
    expect(await idsOf({ ordine: 'cliente' })).toEqual([ids[2], ...[ids[1]!, ids[0]!]]);
    const first = await cerca({ limite: 2 });
    const second = await cerca({ limite: 2, offset: 2 });
    expect(first.totale).toBe(3);
    expect(new Set([...first.righe, ...second.righe].map((r) => r.id))).toEqual(new Set(ids));
  });

  it('shows sent drafts of the last 7 days only, unless the state filter asks for them', async () => {
    const recente = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['1'] });
    const vecchia = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    core.ctx.store.bozze.segnaInviata(recente.id, 'app-1', '2026-03-05T09:00:00.000Z');
    core.ctx.store.bozze.segnaInviata(vecchia.id, 'app-2', '2026-02-20T09:00:00.000Z');
    expect((await cerca()).righe.map((r) => [r.id, r.mancanti])).toEqual([[recente.id, []]]);
    expect((await cerca({ stati: ['inviata'] })).totale).toBe(2);
  });

  it('refuses a sort it does not know, at the field', async () => {
    expect(await refusal(core, 'bozze.cerca', { ordine: 'nome' })).toMatchObject({ code: 'INPUT_NON_VALIDO', details: [{ path: 'ordine' }] });
  });
});

describe('bozza.dettaglio', () => {
  it('gives the whole draft, or says it is gone', async () => {
    const b = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'], finestraDal: '2026-03-16', finestraAl: '2026-03-20' });
    expect(await app<Bozza>(core, 'bozza.dettaglio', { id: b.id })).toEqual(b);
    expect(await refusal(core, 'bozza.dettaglio', { id: 'x' })).toMatchObject({
      code: 'NON_TROVATO',
      message: 'Bozza non trovata: potrebbe essere stata eliminata da un’altra finestra.',
    });
  });
});
