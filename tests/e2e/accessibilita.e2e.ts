import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { useApp } from './support/app';
import { api } from './support/host';

const app = useApp([], { width: 1366, height: 900 });

async function screens(): Promise<[string, string, string][]> {
  const cliente = (await api<{ righe: { codiceFiscale: string }[] }>(app.host, 'clienti.cerca', { delega: ['attiva'], limite: 1 })).righe[0]!;
  const dettaglio = await api<{ rapporti: { codice: string }[] }>(app.host, 'cliente.dettaglio', { codiceFiscale: cliente.codiceFiscale });
  const appuntamento = (await api<{ righe: { id: string }[] }>(app.host, 'appuntamenti.cerca', { limite: 1 })).righe[0]!;
  // A draft, so that Bozze shows its list and batch actions rather than the empty message.
  if ((await api<{ totale: number }>(app.host, 'bozze.cerca', { limite: 1 })).totale === 0)
    await api(app.host, 'bozza.crea', { codiceRapporto: dettaglio.rapporti[0]!.codice });
  return [
    ['Da fare', '#/da-fare', '[data-testid="dafare-idonei"]'],
    ['Clienti', '#/clienti', '[data-testid="cliente-riga"]'],
    ['Cliente', `#/clienti/${cliente.codiceFiscale}`, '[data-testid="rapporto-riga"]'],
    ['Nuovo appuntamento', `#/nuovo/${dettaglio.rapporti[0]!.codice}`, '[data-testid="nuovo-sede"]'],
    ['Appuntamenti', '#/appuntamenti', '[data-testid="appuntamento-riga"]'],
    ['Dettaglio', `#/appuntamenti/${appuntamento.id}`, '[data-testid="dettaglio-stato"]'],
    ['Bozze', '#/bozze', '[data-testid="bozza-riga"]'],
    ['Revisione stati', '#/revisione', '[data-testid="revisione-vuota"], [data-testid="revisione-tutti"]'],
    ['Impostazioni', '#/impostazioni', 'dl.facts'],
    ['Statistiche', '#/statistiche', '[data-grafico][data-pronto="si"]'],
  ];
}

/** Opens every screen in turn; by screen name, what `check` found there (null: nothing, not listed). */
async function onEveryScreen(check: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const found: Record<string, unknown> = {};
  for (const [name, hash, ready] of await screens()) {
    await app.page.goto(`${app.host.origin}/${hash}`);
    await app.page.locator(ready).first().waitFor();
    const problem = await check();
    if (problem !== null) found[name] = problem;
  }
  return found;
}

describe('accessibility (axe-core)', () => {
  it('no screen has a serious or critical violation', async () => {
    const found = await onEveryScreen(async () => {
      const violations = await seriousViolations(app.page);
      return violations.length > 0 ? violations : null;
    });
    expect(found).toEqual({});
  });
});

/**
 * Every control on screen is reached with Tab, and shows where the focus is. Radio buttons count
 * once per group (arrow keys move within it), as browsers do.
 */
async function keyboardReport(): Promise<{ unreachable: string[]; invisibleFocus: string[] }> {
  const total = await app.page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('dialog:not([open]), [inert], [aria-hidden="true"]');
    };
    const seenRadio = new Set<string>();
    let n = 0;
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex="0"]')) {
      if ((el as HTMLButtonElement).disabled || el.tabIndex < 0 || !visible(el)) continue;
      if (el instanceof HTMLInputElement && el.type === 'radio') {
        if (seenRadio.has(el.name)) continue;
        seenRadio.add(el.name);
        el.dataset.kbdGroup = el.name;
      }
      el.dataset.kbd = String(n++);
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return n;
  });
  const reached = new Set<string>();
  const invisibleFocus = new Set<string>();
  for (let i = 0; i < total + 40; i++) {
    await app.page.keyboard.press('Tab');
    const info = await app.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const shows = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      const group = el instanceof HTMLInputElement && el.type === 'radio' ? el.name : null;
      const id = group ? (document.querySelector<HTMLElement>(`[data-kbd-group="${group}"]`)?.dataset.kbd ?? null) : (el.dataset.kbd ?? null);
      const label = `${el.tagName.toLowerCase()} «${(el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).name ?? '').trim().slice(0, 40)}» ${el.dataset.testid ?? ''}`;
      return { id, shows, label };
    });
    if (!info) continue;
    if (info.id !== null) reached.add(info.id);
    if (!info.shows) invisibleFocus.add(info.label);
  }
  const unreachable = await app.page.evaluate(
    (ids) => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('[data-kbd]')) {
        if (!ids.includes(el.dataset.kbd!))
          out.push(`${el.tagName.toLowerCase()} «${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}» ${el.dataset.testid ?? ''}`);
      }
      return out;
    },
    [...reached],
  );
  return { unreachable, invisibleFocus: [...invisibleFocus] };
}

describe('keyboard', () => {
  it('every control of every screen is reached by Tab and shows its focus', async () => {
    const found = await onEveryScreen(async () => {
      const report = await keyboardReport();
      return report.unreachable.length > 0 || report.invisibleFocus.length > 0 ? report : null;
    });
    expect(found).toEqual({});
  });
});
