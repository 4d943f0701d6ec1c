import { describe, expect, it } from 'vitest';
import { romeInstant } from '../../electron/common/domain/calendario';
import { SandboxClock, startSandbox } from '../../sandbox/index';
import { checkComunicazioni, comunicazioniIntermediari, type TrackedComunicazione } from './comunicazioni';
import { openInstance, settle } from './world';

// Check 5 itself: it passes a reply sent once, and catches one sent twice and one lost.
describe('fuzzer check 5 (comunicazioni)', () => {
  it('catches a comunicazione sent twice and one whose queued row vanished', async () => {
    const clock = new SandboxClock(new Date(romeInstant('2026-03-10', '08:00')), { frozen: true });
    const sandbox = await startSandbox({ seed: 1, size: 'small', today: '2026-03-10', admin: true, clock });
    const inst = await openInstance(sandbox, 0);
    try {
      await inst.core.ctx.sync.syncNow();
      const before = comunicazioniIntermediari(sandbox);
      const appuntamentoId = inst.core.ctx.sqlite
        .prepare(
          `SELECT a.id FROM appuntamenti a WHERE a.stato = 'confermato'
             AND (SELECT d.stato FROM deleghe d WHERE d.datore_cf = a.datore_cf ORDER BY d.data_sottoscrizione DESC, d.id DESC LIMIT 1) = 'attiva'
           ORDER BY a.id LIMIT 1`,
        )
        .pluck()
        .get() as string;
      const testo = 'Il cliente porterà le buste paga.';
      const result = await inst.core.dispatcher('app')('appuntamento.comunica', { appuntamentoId, testo });
      if (!result.ok) throw new Error(result.error.message);
      await settle(inst.core);
      const tracked = new Map<string, TrackedComunicazione>([[(result.value as { id: string }).id, { instance: 0, appuntamentoId, testo }]]);
      expect(await checkComunicazioni(sandbox, [inst], tracked, before)).toEqual([]);

      // The same message stored a second time without its key: sent twice.
      const a = sandbox.store.appuntamento(appuntamentoId)!;
      sandbox.store.saveComunicazione({ id: 'com-doppia', appuntamentoId, autore: 'intermediario', testo, inviataIl: sandbox.store.nowIso() }, a.datoreCf);
      expect(await checkComunicazioni(sandbox, [inst], tracked, before)).toEqual([
        expect.stringMatching(/^check 5: 2 comunicazioni .* but 1 were recorded by key/),
      ]);

      inst.core.ctx.sqlite.prepare("DELETE FROM outbox WHERE tipo = 'comunicazione'").run();
      expect(await checkComunicazioni(sandbox, [inst], tracked, before)).toContainEqual(expect.stringMatching(/was queued but its outbox row is gone/));
    } finally {
      await inst.core.close();
      await sandbox.close();
    }
  });
});
