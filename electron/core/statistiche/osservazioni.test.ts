import { describe, expect, it } from 'vitest';
import { romeDate } from '../../common/domain/calendario';
import { app } from '../bozze/testing';
import { GatewayError } from '../gateway/errors';
import { giornoRoma } from '../store/statisticheSql';
import { oneSedeGateway, useTestCore } from '../testing';

// Slot observations (#15): each successful fetch of a sede's free slots leaves one row; a refused or
// failed fetch leaves none. Today is 10 March 2026 in Rome (TEST_NOW).

let risposta: () => Promise<{ data: string; ora: string }[]> = () => Promise.resolve([]);
const gateway = Object.assign(oneSedeGateway(), { slotLiberi: () => risposta() });
const core = useTestCore({ gateway });
const righe = () => core.ctx.sqlite.prepare('SELECT sede_id, osservata_il, dal, al, primo_libero, attesa_giorni FROM slot_osservazioni ORDER BY id').all();

describe('slot observations', () => {
  it('records the first free day and the wait from today, or nulls when none was free', async () => {
    risposta = () =>
      Promise.resolve([
        { data: '2026-03-17', ora: '09:00' },
        { data: '2026-03-13', ora: '11:00' },
      ]);
    await app(core, 'sedi.slot', { sedeId: 'S1', dal: '2026-03-11', al: '2026-04-09' });
    risposta = () => Promise.resolve([]);
    await app(core, 'sedi.slot', { sedeId: 'S2', dal: '2026-03-11', al: '2026-03-20' });
    expect(righe()).toEqual([
      { sede_id: 'S1', osservata_il: '2026-03-10T09:00:00.000Z', dal: '2026-03-11', al: '2026-04-09', primo_libero: '2026-03-13', attesa_giorni: 3 },
      { sede_id: 'S2', osservata_il: '2026-03-10T09:00:00.000Z', dal: '2026-03-11', al: '2026-03-20', primo_libero: null, attesa_giorni: null },
    ]);
  });

  it('records nothing when the service refuses or cannot be reached', async () => {
    risposta = () => Promise.reject(new GatewayError({ kind: 'permanent', status: 404, code: 'SEDE_NON_TROVATA', detail: 'Sede non trovata.' }));
    expect(await app(core, 'sedi.slot', { sedeId: 'S1', dal: '2026-03-11', al: '2026-04-09' })).toMatchObject({ online: false });
    risposta = () => Promise.reject(new GatewayError({ kind: 'transient', status: 0, code: 'RETE', detail: 'Servizio non raggiungibile.' }));
    expect(await app(core, 'sedi.slot', { sedeId: 'S1', dal: '2026-03-11', al: '2026-04-09' })).toMatchObject({ online: false });
    expect(righe()).toEqual([]);
  });
});

describe('giornoRoma (SQL)', () => {
  it('gives the Rome day of every instant as romeDate does, across both summer-time changes and midnights', () => {
    const stmt = core.ctx.sqlite.prepare(`SELECT ${giornoRoma('@t')} AS d`).pluck();
    const istanti: string[] = [];
    // Every 15 minutes around the changes of 2025 and 2026 and around New Year, plus every 7 hours through 2026.
    for (const centro of ['2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-12-31T23:00:00Z']) {
      for (let m = -26 * 60; m <= 26 * 60; m += 15) istanti.push(new Date(Date.parse(centro) + m * 60_000).toISOString());
    }
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 7 * 3_600_000) istanti.push(new Date(t).toISOString());
    const diversi = istanti.filter((t) => stmt.get({ t }) !== romeDate(t));
    expect(diversi).toEqual([]);
    expect(istanti.length).toBeGreaterThan(1500);
  });
});
