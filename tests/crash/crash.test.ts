import { describe, expect, it } from 'vitest';
import { runCrashTest } from './crash';

// A modest run for npm test; the full count is `npm run crash -- --kills 50 --size office`.
describe('crash test (SIGKILL mid-sync)', () => {
  it('keeps every invariant across kills during a first sync and during push', { timeout: 120_000 }, async () => {
    const report = await runCrashTest({ kills: 8, seed: 3, size: 'small', drafts: 6 });
    expect(report.drafts).toBeGreaterThan(0);
    expect(report.kills).toBe(8);
    // At least one kill must have hit a sync in course, or the test proves nothing.
    expect(report.midSync).toBeGreaterThan(0);
    expect(report.finalDrafts.inviata ?? 0).toBeGreaterThan(0);
  });
});
