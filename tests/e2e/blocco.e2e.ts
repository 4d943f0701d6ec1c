import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { api } from './support/host';

// The operator's day in batches (#11): Da fare → Prepara in blocco → Bozze → Proponi orari →
// Invia, online, offline, with refusals; and Riprenota. The sandbox plays INPS and the sede.
const app = useApp(['--sandbox-admin'], { width: 1366, height: 900 });
const page = () => app.page;

afterEach(async () => {
  await faults(0);
});

const admin = (p: string, body: unknown) =>
  fetch(`${app.host.sandbox}${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const faults = (resetRate: number) => admin('/admin/faults', { errorRate: 0, latencyMs: 0, resetRate, timeoutRate: 0, duplicateRate: 0, seed: 1 });

interface Sede {
  id: string;
  nome: string;
  modalita: string[];
}
interface Nuovo {
  id: string;
  protocollo: string;
  codiceRapporto: string;
}
interface BozzaApi {
  id: string;
  stato: string;
  quesitiIds: string[];
  nota: string | null;
  appuntamentoId: string | null;
  errore: { messaggio: string } | null;
}

/** Syncs now and waits for that sync to end (the UI reloads on its news). */
async function sincronizza(): Promise<void> {
  await api(app.host, 'sync.ora', {});
  await expect.poll(async () => (await api<{ fase: string }>(app.host, 'sync.stato', {})).fase, { timeout: 20_000 }).not.toBe('in_corso');
}

// Each test takes rapporti no other test used: a rapporto's quesiti end up in one draft.
const usati = new Set<string>();

/** Open rapporti of clients with an active delega, one per client, never used before in this file. */
async function rapportiLiberi(n: number): Promise<string[]> {
  const out: string[] = [];
  const clienti = await api<{ righe: { codiceFiscale: string }[] }>(app.host, 'clienti.cerca', { delega: ['attiva'], limite: 500 });
  for (const c of clienti.righe) {
    const d = await api<{ rapporti: { codice: string; dataFine: string | null }[] }>(app.host, 'cliente.dettaglio', { codiceFiscale: c.codiceFiscale });
    const r = d.rapporti.find((x) => x.dataFine === null && !usati.has(x.codice));
    if (!r) continue;
    usati.add(r.codice);
    out.push(r.codice);
    if (out.length === n) return out;
  }
  throw new Error(`only ${out.length} free rapporti`);
}

/** The sandbox answers a new quesito negatively on each rapporto (`perRapporto` each): idonei from today. */
async function nuoviIdonei(rapporti: string[], perRapporto = 1): Promise<Nuovo[]> {
  const out: Nuovo[] = [];
  for (const codiceRapporto of rapporti) {
    for (let k = 0; k < perRapporto; k++) {
      const created = await admin('/admin/quesiti', { codiceRapporto, argomento: 'contributi', oggetto: `Contributi non risultanti (prova ${k + 1})` });
      expect(created.status).toBe(201);
      const q = (await created.json()) as Nuovo;
      expect((await admin(`/admin/quesiti/${q.id}/esito`, { esito: 'negativo', motivoEsito: 'Versamenti non trovati' })).status).toBe(200);
      out.push({ id: q.id, protocollo: q.protocollo, codiceRapporto });
    }
  }
  await sincronizza();
  return out;
}

/** The k-th sede offering visits in person: each test books at its own, so one test's slots never refuse another's. */
async function sedeInPresenza(k: number): Promise<Sede> {
  return (await api<Sede[]>(app.host, 'sedi.elenco', {})).filter((s) => s.modalita.includes('presenza'))[k]!;
}

/** Da fare: ticks the quesiti, opens Prepara in blocco, optionally with sede and modalità, and opens the created drafts in Bozze. */
async function preparaDaFare(quesiti: Nuovo[], comuni?: { sede: Sede }): Promise<void> {
  await page().goto(`${app.host.origin}/#/da-fare`);
  for (const q of quesiti) await page().getByTestId(`dafare-idoneo-${q.id}`).check();
  await page().getByTestId('dafare-prepara').click();
  await page().getByTestId('prepara-dialog').waitFor();
  if (comuni) {
    await page().getByTestId('prepara-sede').selectOption(comuni.sede.id);
    await page().getByTestId('prepara-modalita').selectOption('presenza');
  }
  await page().getByTestId('prepara-nota').fill('Per {nominativo}, rapporto {codiceRapporto}: quesiti {quesiti}.');
  await page().getByTestId('prepara-conferma').click();
  const rapporti = new Set(quesiti.map((q) => q.codiceRapporto)).size;
  await expect.poll(() => page().getByTestId('prepara-creata').count()).toBe(rapporti);
  await page().getByTestId('prepara-apri-bozze').click();
  await expect.poll(() => page().getByTestId('bozze-selezionate').textContent()).toBe(`${rapporti} selezionate`);
  // Exactly the drafts just prepared, whatever else the office has in Bozze.
  await page().getByTestId('bozze-solo-preparate').waitFor();
  expect(await page().getByTestId('bozze-totale').textContent()).toBe(rapporti === 1 ? '1 bozza' : `${rapporti} bozze`);
}

/** Sends the selection and waits until every draft has left the queue; the per-item states, by rapporto. */
async function inviaEAttendi(n: number): Promise<Map<string, string>> {
  await page().getByTestId('bozze-invia').click();
  await page().getByTestId('invio-blocco').waitFor();
  await expect.poll(async () => (await page().getByTestId('invio-conteggio').textContent())?.trim(), { timeout: 30_000 }).toBe(`${n} di ${n} concluse`);
  return statiInvio();
}

async function statiInvio(): Promise<Map<string, string>> {
  const voci = page().getByTestId('invio-voce');
  const out = new Map<string, string>();
  for (const v of await voci.all()) {
    const rapporto = (await v.locator('.mono').textContent())!;
    out.set(rapporto, (await v.textContent())!.split('— ')[1]!.trim());
  }
  return out;
}

/**
 * «Sincronizza ora» until the queue is empty. A booking the core tried while the service was down
 * waits out its retry delay, and «Sincronizza ora» pressed before the delay ends leaves it queued:
 * the operator presses again, as here (reported to the core: no retry fires when the delay ends).
 */
async function svuotaCoda(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await page().getByTestId('sync-ora').click();
    await expect.poll(async () => (await api<{ fase: string }>(app.host, 'sync.stato', {})).fase, { timeout: 20_000 }).not.toBe('in_corso');
    if ((await api<{ inCoda: number }>(app.host, 'sync.stato', {})).inCoda === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** The drafts of these rapporti as the core has them now. */
async function bozzeDi(quesiti: Nuovo[]): Promise<Map<string, BozzaApi>> {
  const righe = await api<{ righe: { id: string; codiceRapporto: string }[] }>(app.host, 'bozze.cerca', { limite: 500 });
  const rapporti = new Set(quesiti.map((q) => q.codiceRapporto));
  const out = new Map<string, BozzaApi>();
  for (const r of righe.righe.filter((x) => rapporti.has(x.codiceRapporto)))
    out.set(r.codiceRapporto, await api<BozzaApi>(app.host, 'bozza.dettaglio', { id: r.id }));
  return out;
}

describe('Prepara e invia in blocco', () => {
  it('Da fare → 10 idonei quesiti → prepare → set sede and modalità → Proponi orari → Invia → all Confermato', async () => {
    const quesiti = await nuoviIdonei(await rapportiLiberi(10));
    const sede = await sedeInPresenza(0);
    await preparaDaFare(quesiti);

    // The common fields in Bozze, on the selection.
    await page().getByTestId('bozze-modifica').click();
    await page().getByTestId('modifica-sede').selectOption(sede.id);
    await page().getByTestId('modifica-modalita').selectOption('presenza');
    await page().getByTestId('modifica-conferma').click();
    await expect.poll(() => page().getByTestId('bozze-esito-modifica').textContent()).toContain('Fatto su 10 bozze');
    await page().getByTestId('bozze-proponi').click();
    await expect.poll(() => page().getByTestId('proponi-online').textContent()).toContain('Servizio raggiungibile: 10 bozze');
    // Reviewed: every draft has a date and time, nothing missing.
    await expect.poll(() => page().getByTestId('bozza-nota').allTextContents()).toEqual(Array(10).fill('completa'));
    // Who made them, by name (#15): the demo's operator, never `op-001`.
    expect(await page().getByTestId('bozza-operatore').allTextContents()).toEqual(Array(10).fill('Giulia Ferri'));
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await page().screenshot({ path: path.resolve('test-results/screenshots/bozze.png') });
    // The selection as CSV: one row per draft, complete, at the chosen sede.
    const [csv] = await Promise.all([page().waitForEvent('download'), page().getByTestId('bozze-esporta-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^bozze-\d{4}-\d{2}-\d{2}\.csv$/);
    const righe = fs
      .readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\r\n')
      .slice(1);
    expect(righe.map((r) => r.split(';')[3]).sort()).toEqual(quesiti.map((q) => q.codiceRapporto).sort());
    const sedeNome = sede.nome.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const r of righe) expect(r).toMatch(new RegExp(`^Bozza;.*;${sedeNome};\\d{2}/\\d{2}/\\d{4};\\d{2}:\\d{2};[^;]*;In presenza;0;;;`));
    expect(righe.map((r) => r.split(';').at(-2))).toEqual(Array(10).fill('Giulia Ferri'));

    const stati = await inviaEAttendi(10);
    expect([...stati.values()]).toEqual(Array(10).fill('confermata'));
    const bozze = await bozzeDi(quesiti);
    expect(bozze.size).toBe(10);
    for (const q of quesiti) {
      const b = bozze.get(q.codiceRapporto)!;
      expect(b.stato).toBe('inviata');
      expect(b.nota).toMatch(new RegExp(`rapporto ${q.codiceRapporto}: quesiti ${q.protocollo.replaceAll('.', '\\.')}\\.$`));
      const a = await api<{ stato: string; sede: { id: string }; quesiti: { id: string }[] }>(app.host, 'appuntamento.dettaglio', { id: b.appuntamentoId });
      expect([a.stato, a.sede.id, a.quesiti.map((x) => x.id)]).toEqual(['confermato', sede.id, [q.id]]);
    }
  });

  it('the same batch offline: In coda, then sent when the service is back', async () => {
    const quesiti = await nuoviIdonei(await rapportiLiberi(10));
    const sede = await sedeInPresenza(1);
    expect((await faults(1)).status).toBe(200);
    await page().getByTestId('sync-ora').click();
    await expect.poll(() => page().getByTestId('sync-fase').textContent()).toBe('Servizio non raggiungibile');

    await preparaDaFare(quesiti, { sede });
    await page().getByTestId('bozze-proponi').click();
    await page().getByTestId('proponi-offline').waitFor();
    await page().getByTestId('bozze-invia').click();
    await page().getByTestId('invio-blocco').waitFor();
    await expect.poll(async () => [...(await statiInvio()).values()]).toEqual(Array(10).fill('in coda'));
    expect([...(await bozzeDi(quesiti)).values()].map((b) => b.stato)).toEqual(Array(10).fill('in_coda'));
    await expect.poll(() => page().getByTestId('sync-coda').textContent()).toContain('10 operazioni in coda');

    expect((await faults(0)).status).toBe(200);
    await svuotaCoda();
    await expect.poll(async () => (await page().getByTestId('invio-conteggio').textContent())?.trim(), { timeout: 30_000 }).toBe('10 di 10 concluse');
    const stati = await statiInvio();
    expect([...stati.values()]).toEqual(Array(10).fill('confermata'));
    expect([...(await bozzeDi(quesiti)).values()].map((b) => b.stato)).toEqual(Array(10).fill('inviata'));
  });

  it('a batch where the sandbox refuses some: those in Da correggere with the reason, the rest Confermato; Riprenota on a refused one', async () => {
    // Two quesiti per rapporto: a refused draft can be rebooked with the one still idoneo.
    const quesiti = await nuoviIdonei(await rapportiLiberi(5), 2);
    const sede = await sedeInPresenza(2);
    await preparaDaFare(quesiti, { sede });
    await page().getByTestId('bozze-proponi').click();
    await page().getByTestId('proponi-online').waitFor();
    // Meanwhile INPS answers two quesiti positively: they can no longer be brought to an appointment.
    const [primo, , terzo] = quesiti.filter((_, i) => i % 2 === 0);
    for (const q of [primo!, terzo!]) expect((await admin(`/admin/quesiti/${q.id}/esito`, { esito: 'positivo', motivoEsito: null })).status).toBe(200);

    const stati = await inviaEAttendi(5);
    const rifiutati = new Set([primo!.codiceRapporto, terzo!.codiceRapporto]);
    for (const [rapporto, stato] of stati) expect(stato).toMatch(rifiutati.has(rapporto) ? /^da correggere: .*idone/i : /^confermata$/);
    const bozze = await bozzeDi(quesiti);
    expect(
      [...bozze]
        .filter(([, b]) => b.stato === 'da_correggere')
        .map(([r]) => r)
        .sort(),
    ).toEqual([...rifiutati].sort());

    // The quesiti's new esito reaches the cache with the next sync: Riprenota then knows which one cannot come along.
    await sincronizza();
    // Da fare's count leads to Bozze filtered to Da correggere, with the service's reason on each row.
    await page().goto(`${app.host.origin}/#/da-fare`);
    await page().getByTestId('dafare-conta-da_correggere').click();
    await expect.poll(() => page().url()).toContain('stato=da_correggere');
    await expect.poll(() => page().getByTestId('bozza-riga').count()).toBe(2);
    for (const nota of await page().getByTestId('bozza-nota').allTextContents()) expect(nota).toMatch(/idone/i);

    // Riprenota on the first one: a new draft with the quesito still idoneo; the other listed with why.
    await page().getByTestId('bozza-riga').first().click();
    const riga = (await page().getByTestId('bozza-riga').first().textContent())!;
    const rapporto = [...rifiutati].find((r) => riga.includes(r))!;
    await page().getByTestId('riprenota').click();
    await page().getByTestId('riprenota-avviso').waitFor();
    expect(page().url()).toContain(`/nuovo/${rapporto}?bozza=`);
    const [noLonger, still] = quesiti.filter((q) => q.codiceRapporto === rapporto);
    expect(await page().getByTestId('riprenota-non-idonei').textContent()).toContain(noLonger!.protocollo);
    await expect.poll(() => page().getByTestId(`quesito-${still!.id}`).isChecked()).toBe(true);
  });
});

describe('Riprenota', () => {
  it('after a disdetta: one action, a new draft for the same rapporto with the quesito, the note kept', async () => {
    const [q] = await nuoviIdonei(await rapportiLiberi(1));
    const sede = await sedeInPresenza(3);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const { slot } = await api<{ slot: { data: string; ora: string }[] }>(app.host, 'sedi.slot', { sedeId: sede.id, dal: day(2), al: day(14) });
    const campi = { quesitiIds: [q!.id], sedeId: sede.id, data: slot[3]!.data, ora: slot[3]!.ora, modalita: 'presenza', nota: 'Portare le ricevute.' };
    const bozza = await api<BozzaApi>(app.host, 'bozza.crea', { codiceRapporto: q!.codiceRapporto, ...campi });
    await api(app.host, 'bozza.invia', { id: bozza.id });
    await expect.poll(async () => (await api<BozzaApi>(app.host, 'bozza.dettaglio', { id: bozza.id })).stato, { timeout: 20_000 }).toBe('inviata');
    const { appuntamentoId } = await api<BozzaApi>(app.host, 'bozza.dettaglio', { id: bozza.id });
    expect((await admin(`/admin/appuntamenti/${appuntamentoId}/disdetta`, { motivo: 'Sede chiusa per inventario' })).status).toBe(200);
    await sincronizza();

    await page().goto(`${app.host.origin}/#/appuntamenti/${appuntamentoId}`);
    await expect.poll(() => page().getByTestId('dettaglio-stato').textContent()).toBe('Cancellato');
    await page().getByTestId('riprenota').click();
    await page().getByTestId('riprenota-avviso').waitFor();
    expect(page().url()).toContain(`/nuovo/${q!.codiceRapporto}?bozza=`);
    expect(await page().getByTestId('riprenota-non-idonei').count()).toBe(0);
    await expect.poll(() => page().getByTestId(`quesito-${q!.id}`).isChecked()).toBe(true);
    expect(await page().getByTestId('nuovo-nota').inputValue()).toBe('Portare le ricevute.');
    const nuova = new URL(page().url().replace('#', '')).searchParams.get('bozza')!;
    expect(nuova).not.toBe(bozza.id);
    expect((await api<BozzaApi>(app.host, 'bozza.dettaglio', { id: nuova })).stato).toBe('bozza');
  });
});
