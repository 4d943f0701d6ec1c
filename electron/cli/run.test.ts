import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore } from '../core/testing';
import { runCli } from './run';

let lines: string[] = [];
afterEach(() => {
  lines = [];
});

const deps = {
  openCore: () => openTestCore({ seed: true }),
  commands: ['app.info', 'clienti.cerca'],
  write: (line: string) => lines.push(line),
};
const output = () => JSON.parse(lines.at(-1) ?? 'null') as { ok: boolean; value?: unknown; error?: { code: string; message: string } };

describe('CLI transport', () => {
  it('runs a command from the same table and prints JSON', async () => {
    expect(await runCli(['clienti.cerca', '{"testo":"bianchi"}'], deps)).toBe(0);
    expect(output()).toMatchObject({ ok: true, value: { totale: 1, righe: [{ cognome: 'Bianchi' }] } });
  });

  it('exits 2 on malformed JSON without opening the database', async () => {
    let opened = false;
    const code = await runCli(['clienti.cerca', '{testo:'], { ...deps, openCore: async () => ((opened = true), deps.openCore()) });
    expect(code).toBe(2);
    expect(opened).toBe(false);
    expect(output()).toMatchObject({ ok: false, error: { code: 'JSON_NON_VALIDO' } });
  });

  it('exits 2 on wrong types and on unknown commands', async () => {
    expect(await runCli(['clienti.cerca', '{"limite":"tanti"}'], deps)).toBe(2);
    expect(output()).toMatchObject({ ok: false, error: { code: 'INPUT_NON_VALIDO' } });
    expect(await runCli(['clienti.boh', '{}'], deps)).toBe(2);
    expect(output()).toMatchObject({ ok: false, error: { code: 'COMANDO_SCONOSCIUTO' } });
  });

  it('exits 1 when the command is refused for a domain reason', async () => {
    expect(await runCli(['rapporto.quesiti', '{"codiceRapporto":"1111111111"}'], deps)).toBe(1);
    expect(output()).toMatchObject({ ok: false, error: { code: 'NON_TROVATO' } });
  });

  it('refuses a missing command with the usage, and prints help on request', async () => {
    expect(await runCli([], deps)).toBe(2);
    expect(output()).toMatchObject({ ok: false, error: { code: 'INPUT_NON_VALIDO', details: [{ message: 'app.info, clienti.cerca' }] } });
    expect(await runCli(['help'], deps)).toBe(0);
    expect(output()).toMatchObject({ ok: true, value: { comandi: ['app.info', 'clienti.cerca'] } });
  });
});
