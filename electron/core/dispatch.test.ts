import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { FIXTURE, useTestCore } from './testing';

const core = useTestCore({ seed: true });

const count = (table: string) => core.ctx.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('dispatcher', () => {
  it('runs a command and returns its typed value', async () => {
    const result = await core.dispatcher('app')('app.info', {});
    expect(result).toMatchObject({ ok: true, value: { nome: 'Cassetto Desk', schemaVersione: LATEST_SCHEMA_VERSION, percorsoDati: null } });
  });

  it('refuses an unknown command with COMANDO_SCONOSCIUTO', async () => {
    const result = await core.dispatcher('app')('clienti.elimina', {});
    expect(result).toEqual({ ok: false, error: { code: 'COMANDO_SCONOSCIUTO', message: 'Comando sconosciuto: «clienti.elimina».', details: [] } });
  });

  it('refuses wrong types and unknown fields with field paths, in Italian', async () => {
    const result = await core.dispatcher('app')('clienti.cerca', { testo: 42, limite: 'cento', colore: 'blu' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INPUT_NON_VALIDO');
    expect(result.error.details.map((d) => d.path).sort()).toEqual(['', 'limite', 'testo']);
    expect(result.error.message).toMatch(/^Dati non validi/);
    expect(JSON.stringify(result.error)).not.toMatch(/at .*\.ts|Error:/);
  });

  it('keeps operations-only commands away from the renderer', async () => {
    const result = await core.dispatcher('app')('demo.carica', { dimensione: 'tiny' });
    expect(result).toMatchObject({ ok: false, error: { code: 'COMANDO_NON_CONSENTITO' } });
    expect(count('datori')).toBe(FIXTURE.datori.length);
  });

  it('hides internal errors behind ERRORE_INTERNO without a stack trace', async () => {
    core.ctx.sqlite.exec(
      'DROP TABLE comunicazioni; DROP TABLE appuntamento_allegati; DROP TABLE appuntamento_stati; DROP TABLE appuntamento_quesiti; DROP TABLE appuntamenti;',
    );
    const result = await core.dispatcher('app')('clienti.cerca', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'ERRORE_INTERNO', details: [] } });
    if (!result.ok) expect(result.error.message).not.toMatch(/appuntamenti|SQLITE|no such table/i);
  });
});

describe('clienti.cerca', () => {
  const cerca = async (input: Record<string, unknown>) => {
    const result = await core.dispatcher('app')('clienti.cerca', input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { righe: { cognome: string; delegaStato: string | null; rapporti: number }[]; totale: number };
  };

  it('lists every client sorted by name, with the state of the newest delega', async () => {
    const page = await cerca({});
    expect(page.totale).toBe(4);
    expect(page.righe.map((r) => [r.cognome, r.delegaStato, r.rapporti])).toEqual([
      ['Bianchi', 'attiva', 1],
      ["D'Esposito", 'revocata', 1],
      ['Rossi', 'attiva', 2],
      ['Verdi', 'da_attivare', 0],
    ]);
  });

  it('finds by name in any order, ignoring case and accents', async () => {
    expect((await cerca({ testo: 'mario ROSSI' })).righe.map((r) => r.cognome)).toEqual(['Rossi']);
    expect((await cerca({ testo: 'lucìa' })).righe.map((r) => r.cognome)).toEqual(['Bianchi']);
    expect((await cerca({ testo: "d'esp" })).righe.map((r) => r.cognome)).toEqual(["D'Esposito"]);
  });

  it('finds by codice fiscale prefix and by codice rapporto prefix', async () => {
    const cf = FIXTURE.datori[1]!.codiceFiscale;
    expect((await cerca({ testo: cf.slice(0, 9).toLowerCase() })).righe.map((r) => r.cognome)).toEqual(['Bianchi']);
    expect((await cerca({ testo: '0000123' })).righe.map((r) => r.cognome)).toEqual(['Rossi']);
    expect((await cerca({ testo: '9876543210' })).righe.map((r) => r.cognome)).toEqual(['Bianchi']);
  });

  it('filters by delega state and pages', async () => {
    expect((await cerca({ delega: ['revocata', 'da_attivare'] })).righe.map((r) => r.cognome)).toEqual(["D'Esposito", 'Verdi']);
    const second = await cerca({ limite: 2, offset: 2 });
    expect(second.totale).toBe(4);
    expect(second.righe.map((r) => r.cognome)).toEqual(['Rossi', 'Verdi']);
  });

  it('treats SQL-looking text and LIKE wildcards as plain text', async () => {
    expect((await cerca({ testo: "' OR 1=1 --" })).totale).toBe(0);
    expect((await cerca({ testo: '%' })).totale).toBe(0);
    expect((await cerca({ testo: '_' })).totale).toBe(0);
    expect(count('datori')).toBe(4);
  });
});

describe('cliente.dettaglio and rapporto.quesiti', () => {
  it('shows a client with idonei quesiti counted on the clock’s day', async () => {
    const rossi = FIXTURE.datori[0]!;
    const result = await core.dispatcher('app')('cliente.dettaglio', { codiceFiscale: ` ${rossi.codiceFiscale.toLowerCase()} ` });
    expect(result).toMatchObject({
      ok: true,
      value: { datore: { cognome: 'Rossi' }, delega: { stato: 'attiva' }, motivoSolaLettura: null },
    });
    if (!result.ok) return;
    const value = result.value as { rapporti: { codice: string; quesiti: number; quesitiIdonei: number }[] };
    expect(value.rapporti.find((r) => r.codice === '0000123456')).toMatchObject({ quesiti: 3, quesitiIdonei: 2 });
  });

  it('says why a client without an active delega is read-only', async () => {
    const result = await core.dispatcher('app')('cliente.dettaglio', { codiceFiscale: FIXTURE.datori[2]!.codiceFiscale });
    expect(result).toMatchObject({ ok: true, value: { motivoSolaLettura: expect.stringMatching(/revocata/) } });
  });

  it('refuses an invalid codice fiscale with the Italian reason', async () => {
    const cf = FIXTURE.datori[0]!.codiceFiscale;
    const wrongCheck = cf.slice(0, 15) + (cf[15] === 'A' ? 'B' : 'A');
    for (const bad of [wrongCheck, 'RSSMRA80A01H501', '1234567890123456']) {
      const result = await core.dispatcher('app')('cliente.dettaglio', { codiceFiscale: bad });
      expect(result).toMatchObject({ ok: false, error: { code: 'INPUT_NON_VALIDO', details: [{ path: 'codiceFiscale' }] } });
    }
  });

  it('gives each quesito its idoneità and the date it becomes idoneo', async () => {
    const result = await core.dispatcher('app')('rapporto.quesiti', { codiceRapporto: '0000123456' });
    if (!result.ok) throw new Error(result.error.message);
    const rows = result.value as { id: string; idoneita: { idoneo: boolean }; idoneitaTesto: string }[];
    expect(Object.fromEntries(rows.map((r) => [r.id, r.idoneitaTesto]))).toEqual({
      '1': 'Idoneo dal 18/02/2026 (termine di risposta scaduto)',
      '2': 'Idoneo dal 20/02/2026 (esito negativo)',
      '3': 'Non idoneo: esito positivo',
    });
    const other = await core.dispatcher('app')('rapporto.quesiti', { codiceRapporto: '9876543210' });
    if (!other.ok) throw new Error(other.error.message);
    expect((other.value as { idoneitaTesto: string }[])[0]?.idoneitaTesto).toBe('Diventa idoneo il 15/04/2026');
  });

  it.each(['123456789', '12345678901', '12345abcde', ''])('refuses codice rapporto %j', async (codice) => {
    const result = await core.dispatcher('app')('rapporto.quesiti', { codiceRapporto: codice });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INPUT_NON_VALIDO', details: [{ path: 'codiceRapporto', message: 'Il codice rapporto deve avere esattamente 10 cifre.' }] },
    });
  });

  it('answers NON_TROVATO for a rapporto not in the office', async () => {
    const result = await core.dispatcher('app')('rapporto.quesiti', { codiceRapporto: '1111111111' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NON_TROVATO' } });
  });
});
