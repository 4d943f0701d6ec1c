import { beforeEach, describe, expect, it } from 'vitest';
import type { BozzaRiga, Pagina, PreparazioneEsito } from '../../common/commands/types';
import { addSedi, app, appuntamento, BIANCHI, count, ESPOSITO, refusal, ROSSI, SEDE_A, SEDE_B, VERDI } from '../bozze/testing';
import { CacheWriter } from '../store/cacheWriter';
import { FIXTURE, useTestCore } from '../testing';

const core = useTestCore({ seed: true });
beforeEach(() => addSedi(core));

const prepara = (input: Record<string, unknown>) => app<PreparazioneEsito>(core, 'bozze.prepara', input);
const righe = async (input: Record<string, unknown> = {}) => (await app<Pagina<BozzaRiga>>(core, 'bozze.cerca', input)).righe;
const protocollo = (id: string) => FIXTURE.quesiti.find((q) => q.id === id)!.protocollo;

describe('bozze.prepara', () => {
  it('makes one draft per rapporto with its idonei quesiti and the common fields, one audit row each', async () => {
    const esito = await prepara({
      quesitiIds: ['1', '2'],
      sedeId: SEDE_A.id,
      modalita: 'videochiamata',
      finestra: { dal: '2026-03-16', al: '2026-03-31' },
      notaModello: 'Per {nominativo}, rapporto {codiceRapporto}: quesiti {quesiti}.',
    });
    expect(esito.saltati).toEqual([]);
    expect(esito.create).toEqual([{ bozzaId: expect.any(String), codiceRapporto: '0000123456', datoreNominativo: 'Rossi Mario', quesiti: 2 }]);
    const bozza = await app<Record<string, unknown>>(core, 'bozza.dettaglio', { id: esito.create[0]!.bozzaId });
    expect(bozza).toMatchObject({
      stato: 'bozza',
      datoreCf: ROSSI,
      quesitiIds: ['1', '2'],
      sedeId: SEDE_A.id,
      modalita: 'videochiamata',
      finestraDal: '2026-03-16',
      finestraAl: '2026-03-31',
      data: null,
      nota: `Per Rossi Mario, rapporto 0000123456: quesiti ${protocollo('1')}, ${protocollo('2')}.`,
    });
    expect(count(core, 'audit_log', "azione = 'bozze.prepara'")).toBe(1);
  });

  it('lists every quesito left out with its Italian reason: not idoneo, not idoneo yet, unknown', async () => {
    const esito = await prepara({ quesitiIds: ['2', '3', '4', 'q-sconosciuto'] });
    expect(esito.create).toHaveLength(1);
    expect(esito.saltati).toEqual(
      expect.arrayContaining([
        { id: 'q-sconosciuto', datoreNominativo: null, motivo: 'Quesito q-sconosciuto sconosciuto: aggiorna i dati con «Sincronizza ora».' },
        { id: '3', datoreNominativo: 'Rossi Mario', motivo: `Quesito ${protocollo('3')}: Non idoneo: esito positivo.` },
        { id: '4', datoreNominativo: 'Bianchi Lucia', motivo: `Quesito ${protocollo('4')}: Diventa idoneo il 15/04/2026.` },
      ]),
    );
    expect(esito.saltati).toHaveLength(3);
  });

  it('takes all the idonei quesiti of the clients named, and says why a client gets nothing', async () => {
    const esito = await prepara({ datori: [ROSSI, BIANCHI, ESPOSITO, VERDI] });
    expect(esito.create).toEqual([expect.objectContaining({ codiceRapporto: '0000123456', quesiti: 2 })]);
    const delega = (stato: string) => `La delega del cliente non è attiva (${stato}): non si possono preparare né inviare appuntamenti per lui.`;
    expect(esito.saltati).toEqual([
      { id: ESPOSITO, datoreNominativo: "D'Esposito Gennaro", motivo: delega('revocata') },
      { id: VERDI, datoreNominativo: 'Verdi Anna', motivo: delega('da attivare') },
      { id: BIANCHI, datoreNominativo: 'Bianchi Lucia', motivo: 'Nessun quesito idoneo da prenotare per questo cliente.' },
    ]);
  });

  it('skips a quesito of a client whose delega is not active, even when named by id', async () => {
    new CacheWriter(core.ctx.sqlite).quesito({ ...FIXTURE.quesiti[1]!, id: '9', protocollo: 'INPS.0100.2026.0000009', codiceRapporto: '5555555555' });
    const esito = await prepara({ quesitiIds: ['9'] });
    expect(esito.create).toEqual([]);
    expect(esito.saltati).toEqual([
      { id: '9', datoreNominativo: "D'Esposito Gennaro", motivo: expect.stringMatching(/^La delega del cliente non è attiva \(revocata\)/) },
    ]);
    expect(count(core, 'bozze')).toBe(0);
  });

  it('skips a quesito already in another draft or in a Confermato appointment', async () => {
    await app(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['1'] });
    appuntamento(core, { id: 'app-c', quesitiIds: ['2'], data: '2026-03-20' });
    const esito = await prepara({ quesitiIds: ['1', '2'] });
    expect(esito.create).toEqual([]);
    expect(esito.saltati).toEqual([
      { id: '1', datoreNominativo: 'Rossi Mario', motivo: `Il quesito ${protocollo('1')} è già in una bozza (bozza).` },
      { id: '2', datoreNominativo: 'Rossi Mario', motivo: `Il quesito ${protocollo('2')} è già in un appuntamento confermato.` },
    ]);
    expect(count(core, 'bozze')).toBe(1);
  });

  it('refuses a note template with an unknown placeholder for the whole batch, writing nothing', async () => {
    const error = await refusal(core, 'bozze.prepara', { quesitiIds: ['1', '2'], notaModello: 'Gentile {nome}, quesiti {quesiti}' });
    expect(error).toEqual({
      code: 'SEGNAPOSTO_SCONOSCIUTO',
      message: 'Il modello della nota contiene un segnaposto sconosciuto: {nome}. Si possono usare {nominativo}, {codiceRapporto} e {quesiti}.',
      details: [{ path: 'notaModello', message: 'Segnaposto sconosciuto: {nome}.' }],
    });
    expect(count(core, 'bozze')).toBe(0);
    expect(count(core, 'audit_log', "esito = 'ok'")).toBe(0); // only the refusal is recorded
  });

  it('defaults the sede to the client’s last one, else leaves it to choose; a mode the sede lacks is left empty with the reason', async () => {
    appuntamento(core, { id: 'old-1', sedeId: SEDE_A.id, data: '2025-11-03', stato: 'chiuso_definito' });
    appuntamento(core, { id: 'old-2', sedeId: SEDE_B.id, data: '2026-01-12', stato: 'cancellato', cancellatoDa: 'utente' });
    new CacheWriter(core.ctx.sqlite).quesito({ ...FIXTURE.quesiti[1]!, id: '8', protocollo: 'INPS.0100.2026.0000008', codiceRapporto: '9876543210' });
    const esito = await prepara({ quesitiIds: ['2', '8'], modalita: 'videochiamata' });
    const [bianchi, rossi] = esito.create;
    expect(esito.create.map((c) => c.datoreNominativo)).toEqual(['Bianchi Lucia', 'Rossi Mario']);
    expect(esito.saltati).toEqual([
      {
        id: rossi!.bozzaId,
        datoreNominativo: 'Rossi Mario',
        motivo: 'La sede INPS Roma Tiburtino non offre la modalità scelta: la modalità della bozza resta da scegliere.',
      },
    ]);
    const list = await righe();
    expect(list.find((r) => r.id === rossi!.bozzaId)).toMatchObject({ sedeId: SEDE_B.id, sedeNome: SEDE_B.nome, modalita: null });
    expect(list.find((r) => r.id === bianchi!.bozzaId)).toMatchObject({
      sedeId: null,
      modalita: 'videochiamata',
      mancanti: ['Scegli la sede.', 'Scegli il giorno.', 'Scegli l’orario.'],
    });
  });

  it('refuses an unknown sede or an empty selection before writing anything', async () => {
    expect(await refusal(core, 'bozze.prepara', { quesitiIds: ['2'], sedeId: 'sede-x' })).toMatchObject({ code: 'NON_TROVATO', details: [{ path: 'sedeId' }] });
    expect(await refusal(core, 'bozze.prepara', {})).toMatchObject({
      code: 'INPUT_NON_VALIDO',
      message: expect.stringContaining('Scegli almeno un quesito o un cliente.'),
    });
    expect(await refusal(core, 'bozze.prepara', { quesitiIds: ['2'], finestra: { dal: '2026-04-01', al: '2026-03-01' } })).toMatchObject({
      code: 'INPUT_NON_VALIDO',
      details: [{ path: 'finestra.al', message: 'La finestra di date va dal giorno più vicino al più lontano.' }],
    });
    expect(count(core, 'bozze')).toBe(0);
  });
});
