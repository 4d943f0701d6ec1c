import { describe, expect, it } from 'vitest';
import { filtriSql, granularitaDi, inizioBucket, mesiPrima, risolviPeriodo } from './periodo';

describe('the statistics period', () => {
  it('resolves the ready-made periods against today (Rome), clamping to the month’s last day', () => {
    expect(risolviPeriodo({ periodo: 'mese' }, '2026-03-10')).toEqual({ dal: '2026-03-01', al: '2026-03-10' });
    expect(risolviPeriodo({ periodo: '3mesi' }, '2026-03-10')).toEqual({ dal: '2025-12-11', al: '2026-03-10' });
    expect(risolviPeriodo({ periodo: '12mesi' }, '2026-03-10')).toEqual({ dal: '2025-03-11', al: '2026-03-10' });
    expect(risolviPeriodo({ periodo: '3mesi' }, '2026-05-31')).toEqual({ dal: '2026-03-01', al: '2026-05-31' }); // 28 Feb + 1
    expect(mesiPrima('2024-03-31', 1)).toBe('2024-02-29');
    expect(mesiPrima('2026-01-15', -1)).toBe('2026-02-15');
    expect(risolviPeriodo({ dal: '2026-01-05', al: '2026-02-01' }, '2026-03-10')).toEqual({ dal: '2026-01-05', al: '2026-02-01' });
  });

  it('bounds the days with the instants they start at in Rome (winter +1, summer +2)', () => {
    expect(filtriSql({}, { dal: '2026-03-01', al: '2026-03-31' })).toMatchObject({ dalUtc: '2026-02-28T23:00:00.000Z', alUtc: '2026-03-31T22:00:00.000Z' });
  });

  it('weeks up to 92 days, months beyond; every bucket listed, the first clipped', () => {
    expect(granularitaDi({ dal: '2025-12-11', al: '2026-03-10' })).toBe('settimana');
    expect(granularitaDi({ dal: '2025-09-11', al: '2026-03-10' })).toBe('mese');
    expect(inizioBucket({ dal: '2026-02-04', al: '2026-02-16' }, 'settimana')).toEqual(['2026-02-04', '2026-02-09', '2026-02-16']);
    expect(inizioBucket({ dal: '2025-11-15', al: '2026-01-01' }, 'mese')).toEqual(['2025-11-15', '2025-12-01', '2026-01-01']);
  });
});
