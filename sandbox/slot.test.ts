import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../electron/common/domain/calendario';
import { slotOfDay } from './store/slot';
import { call, login, problemCode, useSandbox } from './test/helpers';

describe('GET /v1/sedi/{id}/slot', () => {
  const h = useSandbox({ size: 'small' });

  it('lists only working-day slots within orari, aligned to slotMinuti, free and not past', async () => {
    const sede = h.store.sedi()[0];
    if (sede === undefined) throw new Error('no sedi');
    const r = await call(h, 'GET', `/v1/sedi/${sede.id}/slot?dal=2026-11-20&al=2026-12-31`, { token: h.token });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ sedeId: sede.id, slotMinuti: sede.slotMinuti, modalita: sede.modalita });
    const taken = new Set(
      (
        h.store.db.prepare("SELECT giorno || ' ' || ora AS k FROM appuntamenti WHERE sede_id = ? AND stato != 'cancellato'").all(sede.id) as { k: string }[]
      ).map((x) => x.k),
    );
    expect(r.json.slot.length).toBeGreaterThan(0);
    for (const s of r.json.slot as { data: string; ora: string }[]) {
      expect(s.data >= '2026-11-25').toBe(true); // the clock is at 2026-11-25 07:00
      expect(isWorkingDay(s.data)).toBe(true);
      expect(sede.chiusure).not.toContain(s.data);
      expect(slotOfDay(sede, s.data)).toContain(s.ora);
      expect(taken.has(`${s.data} ${s.ora}`)).toBe(false);
    }
    expect(r.json.slot.some((s: { data: string }) => s.data === '2026-12-25')).toBe(false);
  });

  it('drops slots that the clock has passed', async () => {
    const sede = h.store.sedi()[0];
    const before = await call(h, 'GET', `/v1/sedi/${sede?.id}/slot?dal=2026-11-25&al=2026-11-25`, { token: h.token });
    await call(h, 'POST', '/admin/clock', { json: { advanceMinutes: 4 * 60 } }); // 11:00 Rome
    const after = await call(h, 'GET', `/v1/sedi/${sede?.id}/slot?dal=2026-11-25&al=2026-11-25`, { token: await login(h) });
    for (const s of after.json.slot as { ora: string }[]) expect(s.ora > '11:00').toBe(true);
    expect(after.json.slot.length).toBeLessThan(before.json.slot.length);
    await call(h, 'POST', '/admin/clock', { json: { advanceMinutes: -4 * 60 } });
  });

  it('refuses reversed or too long ranges, bad dates and unknown sedi', async () => {
    const reversed = await call(h, 'GET', '/v1/sedi/sede-001/slot?dal=2026-12-10&al=2026-12-01', { token: h.token });
    expect([reversed.status, problemCode(reversed)]).toEqual([400, 'INTERVALLO_NON_VALIDO']);
    const long = await call(h, 'GET', '/v1/sedi/sede-001/slot?dal=2026-01-01&al=2026-12-31', { token: h.token });
    expect([long.status, problemCode(long)]).toEqual([400, 'INTERVALLO_NON_VALIDO']);
    const bad = await call(h, 'GET', '/v1/sedi/sede-001/slot?dal=2026-02-30&al=2026-03-01', { token: h.token });
    expect([bad.status, problemCode(bad)]).toEqual([400, 'INPUT_NON_VALIDO']);
    const none = await call(h, 'GET', '/v1/sedi/sede-999/slot?dal=2026-12-01&al=2026-12-02', { token: h.token });
    expect([none.status, problemCode(none)]).toEqual([404, 'NON_TROVATO']);
  });

  it('advertises the caps in /v1/impostazioni', async () => {
    const r = await call(h, 'GET', '/v1/impostazioni', { token: h.token });
    expect(r.json.allegati).toEqual({
      maxCount: 3,
      maxFileBytes: 3 * 1024 * 1024,
      maxTotalBytes: 3 * 1024 * 1024,
      tipi: ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'],
    });
    expect(r.json.notaMaxLength).toBe(1000);
  });
});
