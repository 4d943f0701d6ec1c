import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../common/commands/table';
import { openTestCore } from '../core/testing';
import { runCli } from './run';

// `npm run cli -- registro.verifica`: the chain check from the command line, on the office's database.
let dir: string;
let lines: string[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-cli-registro-'));
});
afterEach(() => {
  lines = [];
  fs.rmSync(dir, { recursive: true, force: true });
});

const dbPath = () => path.join(dir, 'cassetto.sqlite');
const deps = {
  openCore: () => openTestCore({ dbPath: dbPath(), seed: true }),
  commands: Object.keys(commands),
  write: (line: string) => lines.push(line),
};
const output = () => JSON.parse(lines.at(-1) ?? 'null') as { ok: boolean; value?: unknown };

describe('registro.verifica in the CLI', () => {
  it('reports an intact chain (exit 0), then names the row a test altered (exit 3)', async () => {
    expect(await runCli(['bozza.crea', '{"codiceRapporto":"0000123456","quesitiIds":["2"]}'], deps)).toBe(0);
    expect(await runCli(['agenda.esporta', '{"formato":"csv"}'], deps)).toBe(0);
    expect(await runCli(['registro.verifica'], deps)).toBe(0);
    expect(output()).toEqual({
      ok: true,
      value: { integro: true, righe: 2, primaRigaAlterata: null, messaggio: 'Registro integro: 2 righe controllate, nessuna alterata o rimossa.' },
    });

    const core = await deps.openCore();
    core.ctx.sqlite.prepare("UPDATE audit_log SET operatore = 'qualcun.altro' WHERE id = 1").run();
    await core.close();
    // A broken chain is a finding, not a crash: a scheduled check sees it in the exit code.
    expect(await runCli(['registro.verifica', '{}'], deps)).toBe(3);
    expect(output()).toMatchObject({ ok: true, value: { integro: false, righe: 1, primaRigaAlterata: { id: 1, azione: 'bozza.crea' } } });
  });
});
