import { describe, expect, it } from 'vitest';
import { runCrashTest } from './crash';
import { CRASH_PHASES, MIN_MID_SYNC } from './phases';

// A modest run for npm test, every phase twice; the full count is `npm run crash -- --kills 50 --size office`.
describe('crash test (SIGKILL at chosen points of a sync)', () => {
  it('keeps every invariant across kills after a page, between uploads, before a booking commits and mid-batch', { timeout: 150_000 }, async () => {
    const report = await runCrashTest({ kills: 8, seed: 3, size: 'small', accodate: 3, blocco: 6 });
    expect(report.kills).toBe(8);
    for (const phase of CRASH_PHASES) {
      expect(report.phases[phase].planned, phase).toBe(2);
      // The points do not depend on timing: every kill aimed at one strikes there.
      expect(report.phases[phase].landed, phase).toBe(2);
    }
    expect(report.midSync / report.kills).toBeGreaterThanOrEqual(MIN_MID_SYNC);
    expect(report.timeouts).toBe(0);
    // A booking answered before a kill was fetched again by its key, not made twice.
    expect(report.prenotazioniRiprese).toBeGreaterThan(0);
    expect(report.finalDrafts.inviata ?? 0).toBeGreaterThan(0);
  });
});
