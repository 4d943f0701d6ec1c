import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { kindOfStatus, parseRetryAfter } from './errors';

describe('backoffDelay', () => {
  it('doubles each attempt between half and all of the step', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, () => 1))).toEqual([2000, 4000, 8000, 16000]);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [9, 10, 50, 1000]) {
      expect(backoffDelay(attempt, () => 1)).toBe(300_000);
      expect(backoffDelay(attempt, () => 0)).toBe(150_000);
    }
  });

  it('spreads retries with jitter', () => {
    const draws = [0.1, 0.5, 0.9];
    const delays = draws.map((d) => backoffDelay(3, () => d));
    expect(new Set(delays).size).toBe(3);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(4000);
  });
});

describe('error classification', () => {
  it.each([
    [401, 'auth'],
    [429, 'rate_limited'],
    [500, 'transient'],
    [503, 'transient'],
    [408, 'transient'],
    [400, 'permanent'],
    [409, 'permanent'],
    [422, 'permanent'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(kindOfStatus(status)).toBe(kind);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = new Date('2026-03-10T09:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 10 Mar 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
