import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  giorniTra,
  addDays,
  addWorkingDays,
  compareIsoDate,
  easterSunday,
  festivitaNazionali,
  formatDataIt,
  isIsoDate,
  isLocalTime,
  isWorkingDay,
  romeDate,
  romeInstant,
  workingDaysBetween,
} from './calendario';

describe('isIsoDate / isLocalTime', () => {
  it('accepts only real calendar days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-12-31')).toBe(true);
    for (const bad of ['2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-4-1', '', '2026-01-01T00:00', ' 2026-01-01']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('accepts HH:MM from 00:00 to 23:59', () => {
    for (const ok of ['00:00', '09:30', '23:59']) expect(isLocalTime(ok)).toBe(true);
    for (const bad of ['24:00', '9:00', '09:60', '09:00:00', '']) expect(isLocalTime(bad), bad).toBe(false);
  });
});

describe('giorniTra', () => {
  it('counts calendar days across months, leap days and the summer-time change', () => {
    expect(giorniTra('2026-03-10', '2026-03-10')).toBe(0);
    expect(giorniTra('2024-02-28', '2024-03-01')).toBe(2);
    expect(giorniTra('2026-03-28', '2026-03-30')).toBe(2);
    expect(giorniTra('2026-03-30', '2026-03-28')).toBe(-2);
    expect(giorniTra('2025-12-01', '2026-11-30')).toBe(364);
  });
});

describe('addDays / compareIsoDate / formatDataIt', () => {
  it('crosses month, year and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // DST day: still one calendar day
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('compares like a sort comparator', () => {
    expect(compareIsoDate('2026-01-02', '2026-01-10')).toBeLessThan(0);
    expect(compareIsoDate('2026-01-10', '2026-01-02')).toBeGreaterThan(0);
    expect(compareIsoDate('2026-01-10', '2026-01-10')).toBe(0);
  });

  it('formats dd/mm/yyyy', () => {
    expect(formatDataIt('2026-03-05')).toBe('05/03/2026');
    expect(() => formatDataIt('05/03/2026')).toThrow(RangeError);
  });
});

describe('easterSunday', () => {
  it('matches known Easter dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible
    expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible
  });
});

describe('festivitaNazionali', () => {
  it('lists the national holidays, sorted, with San Francesco from 2026', () => {
    expect(festivitaNazionali(2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(festivitaNazionali(2025)).toHaveLength(12);
    expect(festivitaNazionali(2025)).not.toContain('2025-10-04');
    expect(festivitaNazionali(2025)).toContain('2025-04-21');
  });

  it('hands out copies, so the cache cannot be altered', () => {
    festivitaNazionali(2026).push('2026-03-10');
    expect(isWorkingDay('2026-03-10')).toBe(true);
  });
});

describe('working days', () => {
  it('knows weekends and holidays', () => {
    expect(isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Pasquetta
    expect(isWorkingDay('2027-10-04')).toBe(false); // San Francesco, a Monday
    expect(isWorkingDay('2024-10-04')).toBe(true); // a Friday, before the 2025 law
  });

  it('addWorkingDays skips weekends', () => {
    expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-07'); // n = 0 is d itself, even on a Saturday
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-02', 10)).toBe('2026-03-16');
  });

  it('addWorkingDays skips Easter Monday', () => {
    expect(addWorkingDays('2026-04-03', 1)).toBe('2026-04-07');
    // 2025: Fri 18 Apr (1), Mon 21 Pasquetta, Tue 22 (2), Wed 23 (3)
    expect(addWorkingDays('2025-04-17', 3)).toBe('2025-04-23');
  });

  it('addWorkingDays skips the 25 April and 1 May bridges', () => {
    expect(addWorkingDays('2025-04-24', 1)).toBe('2025-04-28'); // Fri 25 Apr
    expect(addWorkingDays('2025-04-30', 1)).toBe('2025-05-02'); // Thu 1 May
    expect(addWorkingDays('2025-04-24', 5)).toBe('2025-05-05');
  });

  it('addWorkingDays skips 4 October only from 2026', () => {
    expect(addWorkingDays('2027-10-01', 1)).toBe('2027-10-05');
    expect(addWorkingDays('2024-10-03', 1)).toBe('2024-10-04');
  });

  it('addWorkingDays refuses negative or fractional counts', () => {
    expect(() => addWorkingDays('2026-03-06', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-06', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('workingDaysBetween counts (from, to]', () => {
    expect(workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
    expect(workingDaysBetween('2026-03-06', '2026-03-06')).toBe(0);
    expect(workingDaysBetween('2026-03-09', '2026-03-06')).toBe(0);
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(251); // Italy's working days in 2025
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(254); // and in 2026
  });

  it('workingDaysBetween is the inverse of addWorkingDays and agrees with a day-by-day count', () => {
    let from = '2024-11-20';
    for (let i = 0; i < 60; i++) {
      const n = (i * 7) % 45;
      expect(workingDaysBetween(from, addWorkingDays(from, n))).toBe(n);
      let count = 0;
      const to = addDays(from, (i * 13) % 400);
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
      expect(workingDaysBetween(from, to)).toBe(count);
      from = addDays(from, 11);
    }
  });
});

describe('Europe/Rome', () => {
  it('romeDate gives the Rome calendar day of an instant', () => {
    expect(romeDate('2026-01-15T22:59:59.999Z')).toBe('2026-01-15');
    expect(romeDate('2026-01-15T23:00:00.000Z')).toBe('2026-01-16'); // CET, UTC+1
    expect(romeDate('2026-07-15T21:59:59.999Z')).toBe('2026-07-15');
    expect(romeDate('2026-07-15T22:00:00.000Z')).toBe('2026-07-16'); // CEST, UTC+2
    expect(romeDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(romeDate('2026-03-28T23:30:00Z')).toBe('2026-03-29');
    expect(() => romeDate('ieri')).toThrow(RangeError);
  });

  it('romeInstant converts wall-clock times across the March change (2026-03-29)', () => {
    expect(romeInstant('2026-03-28', '09:00')).toBe('2026-03-28T08:00:00.000Z');
    expect(romeInstant('2026-03-29', '01:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(romeInstant('2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z'); // skipped: read as 03:30 CEST
    expect(romeInstant('2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(romeInstant('2026-03-29', '09:00')).toBe('2026-03-29T07:00:00.000Z');
  });

  it('romeInstant converts wall-clock times across the October change (2026-10-25)', () => {
    expect(romeInstant('2026-10-24', '09:00')).toBe('2026-10-24T07:00:00.000Z');
    expect(romeInstant('2026-10-25', '01:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(romeInstant('2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z'); // repeated: the first (CEST)
    expect(romeInstant('2026-10-25', '03:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(romeInstant('2026-10-25', '09:00')).toBe('2026-10-25T08:00:00.000Z');
  });

  it('romeInstant and romeDate agree, and refuse bad input', () => {
    expect(romeDate(romeInstant('2026-06-30', '00:00'))).toBe('2026-06-30');
    expect(romeDate(romeInstant('2026-12-31', '23:59'))).toBe('2026-12-31');
    expect(() => romeInstant('2026-06-30', '24:00')).toThrow(RangeError);
    expect(() => romeInstant('2026-06-31', '10:00')).toThrow(RangeError);
  });
});

describe('independence from the machine time zone', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // Node re-reads TZ when it changes: far-east and far-west zones would shift any local-time arithmetic.
  for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata']) {
    it(`gives the same results under TZ=${zone}`, () => {
      vi.stubEnv('TZ', zone);
      expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0); // the zone is really in effect
      expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
      expect(isWorkingDay('2026-04-06')).toBe(false);
      expect(addWorkingDays('2026-04-03', 1)).toBe('2026-04-07');
      expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(254);
      expect(isIsoDate('2024-02-29')).toBe(true);
      expect(romeDate('2026-07-15T22:00:00.000Z')).toBe('2026-07-16');
      expect(romeInstant('2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
      expect(easterSunday(2026)).toBe('2026-04-05');
    });
  }
});
