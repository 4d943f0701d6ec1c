import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FiltriStatistiche, StatisticheArgomenti, StatisticheOperatori, StatisticheSedi } from '../../electron/common/commands/statistiche';
import { seriousViolations } from './support/axe';
import { useApp } from './support/app';
import { api } from './support/host';

// Statistiche (#15): the screen opened from the navigation shows, for each filter the operator
// sets, the same figures the core computes for those filters; the custom range's errors sit by
// the dates; no serious accessibility violation; the charts paint under the strict CSP.
const app = useApp();
const page = (): Page => app.page;

/** The screen has loaded the current filters and every chart has painted. */
async function pronta(): Promise<void> {
  await page().waitForFunction(() => {
    const s = document.querySelector('[data-testid="statistiche"]');
    if (!s || s.getAttribute('data-caricamento') !== 'no') return false;
    return [...document.querySelectorAll('[data-grafico]')].every((g) => g.getAttribute('data-pronto') === 'si');
  });
}

const it_ = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
const cella = (riga: string, campo: string) => page().locator(`${riga} [data-campo="${campo}"]`).first().textContent();

/** The per-sede, per-topic and per-operator tables hold the core's numbers for the same filters. */
async function stessiNumeri(filtri: FiltriStatistiche): Promise<void> {
  const [sedi, argomenti, operatori] = await Promise.all([
    api<StatisticheSedi>(app.host, 'statistiche.sedi', filtri),
    api<StatisticheArgomenti>(app.host, 'statistiche.argomenti', filtri),
    api<StatisticheOperatori>(app.host, 'statistiche.operatori', filtri),
  ]);
  if (sedi.righe.length > 0) {
    expect(await cella('[data-testid="statistiche-sedi-tabella"] tfoot tr', 'prenotati')).toBe(it_.format(sedi.totale.prenotati));
    for (const r of sedi.righe.slice(0, 3)) {
      const riga = `[data-testid="statistiche-sedi-tabella"] tbody tr[data-sede="${r.sedeId}"]`;
      expect(await cella(riga, 'prenotati')).toBe(it_.format(r.prenotati));
      expect((await cella(riga, 'svolti'))?.startsWith(`${it_.format(r.esiti.svolti)} (`)).toBe(true);
      expect((await cella(riga, 'disdettiSede'))?.startsWith(`${it_.format(r.esiti.disdettiSede)} (`)).toBe(true);
    }
  } else expect(await page().getByTestId('statistiche-sedi-vuoto').isVisible()).toBe(true);
  for (const r of argomenti.righe) {
    const riga = `[data-testid="statistiche-argomenti-tabella"] tr[data-argomento="${r.argomento}"]`;
    expect(await cella(riga, 'inviati')).toBe(it_.format(r.inviati));
    expect(await cella(riga, 'risposti')).toBe(it_.format(r.risposti));
  }
  for (const r of operatori.righe.slice(0, 3)) {
    const riga = `[data-testid="statistiche-operatori-tabella"] tr[data-operatore="${r.operatoreId}"]`;
    expect(await cella(riga, 'prenotazioni')).toBe(it_.format(r.prenotazioni));
    expect(await cella(riga, 'rifiuti')).toBe(it_.format(r.rifiuti));
  }
  expect(await page().locator('[data-testid="statistiche"]').textContent()).not.toMatch(/NaN|undefined/);
}

describe('Statistiche', () => {
  it('opens from the navigation and shows the core’s figures for each filter', async () => {
    await expect.poll(async () => (await api<{ fase: string }>(app.host, 'sync.stato', {})).fase, { timeout: 20_000 }).not.toBe('in_corso');
    await page().getByRole('navigation').getByRole('link', { name: 'Statistiche' }).click();
    await pronta();
    await stessiNumeri({ periodo: '12mesi' });
    // The charts painted: canvases with pixels, under the CSP (no error reported by the page).
    expect(await page().locator('[data-grafico] canvas').count()).toBeGreaterThan(0);
    expect(app.errors.filter((e) => /Content Security Policy|unsafe-eval/i.test(e))).toEqual([]);

    await page().getByTestId('statistiche-periodo').selectOption('3mesi');
    await pronta();
    // The address is written once the blocks have loaded, when the page is idle.
    await expect.poll(() => page().url()).toContain('periodo=3mesi');
    await stessiNumeri({ periodo: '3mesi' });

    const sedi = await api<StatisticheSedi>(app.host, 'statistiche.sedi', { periodo: '3mesi' });
    const sede = sedi.righe[0]?.sedeId ?? (await api<{ id: string }[]>(app.host, 'sedi.elenco', {}))[0]!.id;
    await page().getByTestId('statistiche-sede').selectOption(sede);
    await pronta();
    await stessiNumeri({ periodo: '3mesi', sedeId: sede });

    await page().getByTestId('statistiche-argomento').selectOption('contributi');
    await pronta();
    await stessiNumeri({ periodo: '3mesi', sedeId: sede, argomento: 'contributi' });

    await page().getByTestId('statistiche-sede').selectOption('');
    await page().getByTestId('statistiche-argomento').selectOption('');
    const operatori = await api<StatisticheOperatori>(app.host, 'statistiche.operatori', { periodo: '3mesi' });
    if (operatori.righe.length > 0) {
      const op = operatori.righe[0]!.operatoreId;
      await page().getByTestId('statistiche-operatore').selectOption(op);
      await pronta();
      await stessiNumeri({ periodo: '3mesi', operatoreId: op });
      await page().getByTestId('statistiche-operatore').selectOption('');
    }

    // Excel of one block, through the same download path as the other exports.
    await pronta();
    const [xlsx] = await Promise.all([page().waitForEvent('download'), page().getByTestId('statistiche-sedi-excel').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const [png] = await Promise.all([page().waitForEvent('download'), page().getByTestId('statistiche-andamento-png').click()]);
    expect(png.suggestedFilename()).toBe('statistiche-andamento.png');
    expect(
      fs
        .readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('shows the custom range’s errors next to the dates', async () => {
    await page().getByTestId('statistiche-periodo').selectOption('personalizzato');
    await page().getByTestId('statistiche-dal').fill('2026-03-31');
    await page().getByTestId('statistiche-al').fill('2026-01-01');
    await expect.poll(() => page().getByTestId('statistiche-errore-al').textContent()).toContain('precedente');
    expect(await page().getByTestId('statistiche-al').getAttribute('aria-invalid')).toBe('true');

    await page().getByTestId('statistiche-dal').fill('2015-01-01');
    await page().getByTestId('statistiche-al').fill('2026-01-01');
    await expect.poll(() => page().getByTestId('statistiche-errore-al').textContent()).toContain('5 anni');

    await page().getByTestId('statistiche-dal').fill('2025-10-01');
    await page().getByTestId('statistiche-al').fill('2026-03-31');
    await pronta();
    expect(await page().getByTestId('statistiche-errore-al').count()).toBe(0);
    await stessiNumeri({ dal: '2025-10-01', al: '2026-03-31' });
  });

  it('has no serious or critical accessibility violation', async () => {
    await page().getByTestId('statistiche-periodo').selectOption('12mesi');
    await pronta();
    expect(await seriousViolations(page())).toEqual([]);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await page().screenshot({ path: path.resolve('test-results/screenshots/statistiche.png') });
  });
});
