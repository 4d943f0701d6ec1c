import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConservazioneAnteprima } from '../../electron/common/commands/conservazione';
import type { ClienteDettaglio, ClienteRiga, FileEsportato, Pagina } from '../../electron/common/commands/types';
import { seriousViolations } from './support/axe';
import { openApp, type AppSession } from './support/app';
import { api } from './support/host';

// Impostazioni → Conservazione on the demo office, and «Esporta i dati del cliente» from a client's page.
let session: AppSession | null = null;
afterAll(async () => {
  await session?.stop();
});

const admin = async (p: string, body: unknown) => {
  const r = await fetch(`${session!.host.sandbox}${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBeLessThan(300);
};

/**
 * A client with a draft whose delega the sandbox ended 60 days ago (its clock moved back and
 * forth), synced: the local data retention is about. The delega's id comes from the client's own export.
 */
async function clienteUscito(): Promise<ClienteRiga> {
  const { host } = session!;
  const righe = (await api<Pagina<ClienteRiga>>(host, 'clienti.cerca', { limite: 200 })).righe;
  const cliente = righe.find((c) => c.delegaStato === 'attiva' && c.rapporti > 0)!;
  const dettaglio = await api<ClienteDettaglio>(host, 'cliente.dettaglio', { codiceFiscale: cliente.codiceFiscale });
  await api(host, 'bozza.crea', { codiceRapporto: dettaglio.rapporti[0]!.codice, nota: 'Portare il MAV' });
  const file = await api<FileEsportato>(host, 'cliente.esportaDati', { codiceFiscale: cliente.codiceFiscale });
  const dati = JSON.parse(strFromU8(unzipSync(Buffer.from(file.contenuto, 'base64'))['dati.json']!)) as { deleghe: { id: string; stato: string }[] };
  const delega = dati.deleghe.find((d) => d.stato === 'attiva')!;
  await admin('/admin/clock', { advanceMinutes: -60 * 24 * 60 });
  await admin(`/admin/deleghe/${delega.id}/fine`, { stato: 'revocata', motivo: 'Delega conferita ad altro intermediario' });
  await admin('/admin/clock', { advanceMinutes: 60 * 24 * 60 });
  await api(host, 'sync.ora', {});
  return cliente;
}

describe('retention and the client’s data on request', () => {
  it('refuses 0 months, previews and runs a purge with confirmation; the client export downloads a zip', { timeout: 120_000 }, async () => {
    session = await openApp(['--sandbox-admin']);
    const { page, host } = session;
    const uscito = await clienteUscito();
    await page.goto(`${host.origin}/#/impostazioni`);
    const mesi = page.getByTestId('conservazione-mesi');
    await expect.poll(() => mesi.inputValue()).toBe('12');

    await mesi.fill('0');
    await page.getByTestId('conservazione-salva').click();
    await expect.poll(() => page.getByTestId('conservazione-errore').textContent()).toMatch(/almeno 1/);
    expect((await api<{ mesi: number }>(host, 'conservazione.stato', {})).mesi).toBe(12);

    // One month: the client whose delega ended 60 days ago falls past it, with their draft.
    await mesi.fill('1');
    await page.getByTestId('conservazione-salva').click();
    await page.getByTestId('conservazione-salvato').waitFor();
    await page.getByTestId('conservazione-anteprima-apri').click();
    await page.getByTestId('conservazione-anteprima').waitFor();
    const righe = await page.getByTestId('conservazione-riga').count();
    const attesa = await api<ConservazioneAnteprima>(host, 'conservazione.anteprima', {});
    expect(righe).toBe(attesa.clienti.length);
    expect(attesa.clienti.find((c) => c.codiceFiscale === uscito.codiceFiscale)).toMatchObject({ delegaStato: 'revocata', bozze: 1, note: 1 });
    expect(await page.getByTestId('conservazione-riassunto').textContent()).toContain(`${righe} clienti`);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('conservazione-esegui').click();
    expect(await page.getByTestId('conservazione-dialog').textContent()).toContain('non si può annullare');
    await page.getByTestId('conservazione-conferma').click();
    await expect.poll(() => page.getByTestId('conservazione-esito').textContent(), { timeout: 30_000 }).toContain(`${righe} clienti`);
    expect((await api<ConservazioneAnteprima>(host, 'conservazione.anteprima', {})).clienti).toEqual([]);
    expect(await page.getByTestId('conservazione-ultima').textContent()).toContain(`${righe} clienti`);

    const cliente = (await api<Pagina<ClienteRiga>>(host, 'clienti.cerca', { limite: 1 })).righe[0]!;
    await page.goto(`${host.origin}/#/clienti/${cliente.codiceFiscale}`);
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cliente-esporta-dati').click()]);
    expect(zip.suggestedFilename()).toMatch(new RegExp(`^dati-cliente-${cliente.codiceFiscale}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const entries = unzipSync(fs.readFileSync((await zip.path())!));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['riepilogo.pdf', 'dati.json']));
    expect(strFromU8(entries['riepilogo.pdf']!.slice(0, 5))).toBe('%PDF-');
    expect(JSON.parse(strFromU8(entries['dati.json']!))).toMatchObject({ versione: 1, datore: { codiceFiscale: cliente.codiceFiscale } });
    await page.getByTestId('cliente-esporta-fatto').waitFor();
    // The one refused request (0 months) is the browser's only complaint.
    expect(session.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });
});
