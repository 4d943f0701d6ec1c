import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmbeddedDemo } from '../../sandbox/embedded';
import type { Pagina, RegistroRiga, RegistroVerifica } from '../../electron/common/commands/types';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { useTestWorkspace } from '../../electron/core/workspace/testing';
import { ANCORA_FILE, leggiAncora } from '../../electron/core/registro/ancora';

// What goes through the workspace: login and logout, backup and restore (a restore replaces the
// database: its row goes into the restored one, once open), diagnostics.
const t = useTestWorkspace('registro-ws', { startDemo: () => startEmbeddedDemo(null), defaultToDemo: true });
const call = t.value;
const righe = async () => (await call<Pagina<RegistroRiga>>('registro.cerca', { ordine: 'il' })).righe.map((r) => [r.operatore, r.azione, r.esito, r.entitaId]);

describe('registro in the workspace', () => {
  it('records login, backup, diagnostics, restore (in the restored database, by who restored) and logout; the chain stays intact', async () => {
    const workspace = await t.open();
    const refused = await workspace.dispatcher('app')('servizio.accedi', { username: 'operatore1', password: 'sbagliata' });
    expect(refused.ok).toBe(false);
    await call('servizio.accedi', { username: 'operatore1', password: DEMO_PASSWORD });
    const backup = await call<{ nome: string }>('backup.crea');
    await call('diagnostica.esporta');
    expect(await righe()).toEqual([
      [null, 'servizio.accedi', 'errore', null],
      ['operatore1', 'servizio.accedi', 'ok', null],
      ['operatore1', 'backup.crea', 'ok', backup.nome],
      ['operatore1', 'diagnostica.esporta', 'ok', null],
    ]);
    expect(JSON.stringify(await call('registro.cerca'))).not.toContain('sbagliata');

    await call('agenda.esporta', { formato: 'csv' });
    await call('backup.ripristina', { nome: backup.nome });
    // The restored database holds what the backup held, then the restore itself.
    expect(await righe()).toEqual([
      [null, 'servizio.accedi', 'errore', null],
      ['operatore1', 'servizio.accedi', 'ok', null],
      ['operatore1', 'backup.ripristina', 'ok', backup.nome],
    ]);
    // The anchor starts again from the restored chain, which is intact.
    const ultima = workspace.core.ctx.store.registro.ultima()!;
    expect(leggiAncora(path.join(t.dir, ANCORA_FILE))).toEqual({ id: ultima.id, hash: ultima.hash });
    expect(await call<RegistroVerifica>('registro.verifica')).toMatchObject({ integro: true });

    await call('servizio.esci');
    expect((await righe()).at(-1)).toEqual(['operatore1', 'servizio.esci', 'ok', null]);
    expect(await call<RegistroVerifica>('registro.verifica')).toMatchObject({ integro: true, righe: 4 });
  });
});
