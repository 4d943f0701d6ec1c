import { describe, expect, it } from 'vitest';
import { romeInstant } from '../../electron/common/domain/calendario';
import { SandboxClock, startSandbox } from '../../sandbox/index';
import { checkConvergence, checkDrafts, checkIntegrity } from './checks';
import { runFuzz } from './fuzzer';
import { openInstance } from './world';

// A modest run of the seeded sync fuzzer (issue #4) on every test run; the 2,000-operation run
// is `npm run fuzz -- --seed 1 --ops 2000`. A failure message carries the seed and replay command.
describe('sync fuzzer', () => {
  for (const seed of [1, 2]) {
    // 200 operations: at 150, seed 2 no longer reached a batch edit after the sync changed (#15's operators
    // list at each sync, #17's page asked ahead): the same seed, another fault stream. The invariants held.
    it(`seed ${seed}: 200 operations, 3 instances, 20% faults keep every invariant`, { timeout: 60_000 }, async () => {
      const report = await runFuzz({ seed, ops: 200, instances: 3, faultRate: 0.2 });
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
      // The run exercised what it is meant to: bookings went through, some were refused, faults forced retries.
      expect(report.appointmentsBooked).toBeGreaterThanOrEqual(1);
      const refused = Object.values(report.refusals).reduce((a, b) => a + b, 0) + Object.values(report.serviceRefusals).reduce((a, b) => a + b, 0);
      expect(refused).toBeGreaterThanOrEqual(1);
      expect(report.transientRetries + report.offlineSyncs).toBeGreaterThanOrEqual(1);
      expect(report.counts.invia ?? 0).toBeGreaterThan(0);
      expect(report.comunicazioniByState.fatto ?? 0).toBeGreaterThan(0);
      // The batch work of #11 ran and did something: drafts prepared, slots proposed, drafts queued in one go.
      expect(report.counts.prepara ?? 0).toBeGreaterThan(0);
      expect(report.blocco['prepara create'] ?? 0).toBeGreaterThan(0);
      expect((report.blocco['proponi proposte'] ?? 0) + (report.blocco['proponi proposte offline'] ?? 0)).toBeGreaterThan(0);
      expect(report.blocco['inviaBlocco fatte'] ?? 0).toBeGreaterThan(0);
      expect((report.blocco['modificaBlocco fatte'] ?? 0) + (report.blocco['eliminaBlocco fatte'] ?? 0)).toBeGreaterThan(0);
    });
  }

  it('replays: the same seed issues the same operations with the same outcome', { timeout: 60_000 }, async () => {
    const lines = async () => {
      const log: string[] = [];
      const report = await runFuzz({ seed: 3, ops: 60, log: (l) => log.push(l.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>')) });
      return { log, report: { ...report, durationMs: 0 } };
    };
    const [a, b] = [await lines(), await lines()];
    expect(b.log).toEqual(a.log);
    expect(b.report).toEqual(a.report);
  });

  it('the checks themselves catch a diverging cache and a vanished draft', async () => {
    const clock = new SandboxClock(new Date(romeInstant('2026-03-10', '08:00')), { frozen: true });
    const sandbox = await startSandbox({ seed: 1, size: 'small', today: '2026-03-10', admin: true, clock });
    const inst = await openInstance(sandbox, 0);
    try {
      await inst.core.ctx.sync.syncNow();
      expect(await checkConvergence(sandbox, [inst])).toEqual([]);
      inst.core.ctx.sqlite
        .prepare(
          "UPDATE appuntamenti SET stato = 'cancellato', cancellato_da = 'utente' WHERE id = (SELECT min(id) FROM appuntamenti WHERE stato = 'confermato')",
        )
        .run();
      expect(await checkConvergence(sandbox, [inst])).toEqual([expect.stringMatching(/^check 1: operatore1's appuntamenti differs/)]);
      const drafts = new Map([['not-a-draft', { instance: 0, deleted: false, queued: true }]]);
      expect(checkDrafts(sandbox, [inst], drafts).failures).toEqual([expect.stringMatching(/vanished without a delete/)]);
      expect(checkIntegrity([inst])).toEqual([]);
    } finally {
      await inst.core.close();
      await sandbox.close();
    }
  });
});
