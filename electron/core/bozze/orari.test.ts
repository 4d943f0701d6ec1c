import { describe, expect, it } from 'vitest';
import { assegnaOrari, intervalli, slotDaOrario } from './orari';

describe('slots for a batch', () => {
  it('reads the timetable: working days only, not on closures or holidays, every slotMinuti inside the hours', () => {
    const sede = { slotMinuti: 45, orari: { 1: { dalle: '08:30', alle: '10:00' }, 3: { dalle: '14:00', alle: '15:00' } }, chiusure: ['2026-04-08'] };
    // Easter Monday 6 April 2026 is a holiday; Wednesday 8 April a closure of the sede.
    expect(slotDaOrario(sede, '2026-04-05', '2026-04-15')).toEqual([
      { data: '2026-04-13', ora: '08:30' },
      { data: '2026-04-13', ora: '09:15' },
      { data: '2026-04-15', ora: '14:00' },
    ]);
  });

  it('splits a long range into pieces the service accepts', () => {
    expect(intervalli('2026-01-01', '2026-03-15')).toEqual([
      { dal: '2026-01-01', al: '2026-03-01' },
      { dal: '2026-03-02', al: '2026-03-15' },
    ]);
    expect(intervalli('2026-01-01', '2026-01-01')).toEqual([{ dal: '2026-01-01', al: '2026-01-01' }]);
  });

  it('assigns in order: earliest slot in the window, none twice, one visit a day per client', () => {
    const liberi = new Map([
      [
        's',
        [
          { data: '2026-03-12', ora: '08:30' },
          { data: '2026-03-12', ora: '09:00' },
          { data: '2026-03-13', ora: '08:30' },
        ],
      ],
    ]);
    const b = (id: string, datoreCf: string, dal = '2026-03-11', al = '2026-03-31') => ({ id, datoreCf, sedeId: 's', dal, al });
    const proposte = assegnaOrari([b('1', 'A'), b('2', 'A'), b('3', 'B'), b('4', 'C', '2026-03-13'), b('5', 'D')], liberi, new Set(['B 2026-03-12']));
    expect(Object.fromEntries(proposte)).toEqual({
      '1': { data: '2026-03-12', ora: '08:30' },
      '2': { data: '2026-03-13', ora: '08:30' },
      '5': { data: '2026-03-12', ora: '09:00' },
    });
  });
});
