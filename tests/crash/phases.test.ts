import { describe, expect, it } from 'vitest';
import { Random } from '../../electron/common/demo/index';
import { CRASH_PHASES, emptyCounts, phaseTable, planPhases, verdict } from './phases';

describe('crash test verdict', () => {
  it('fails a run where fewer than 80% of kills landed inside a sync', () => {
    expect(verdict(50, 39)).toMatchObject({ ok: false, quota: 0.78 });
    expect(verdict(50, 39).message).toContain('at least 80%');
    expect(verdict(50, 21).ok).toBe(false); // the random-timer run of issue #11
    expect(verdict(0, 0).ok).toBe(false); // no kill proves nothing
  });

  it('passes a run at or above 80%', () => {
    expect(verdict(50, 40)).toMatchObject({ ok: true, quota: 0.8 });
    expect(verdict(8, 8).ok).toBe(true);
  });

  it('plans every phase in each block of four kills, the same way for the same seed', () => {
    const plan = planPhases(10, new Random(7));
    expect(plan).toHaveLength(10);
    for (const phase of CRASH_PHASES) expect(plan.slice(0, 4)).toContain(phase);
    expect(planPhases(10, new Random(7))).toEqual(plan);
    const counts = emptyCounts();
    counts.pagina = { planned: 3, landed: 2 };
    expect(phaseTable(counts, 3, 2)).toMatch(/pagina\s+3\s+2/);
  });
});
