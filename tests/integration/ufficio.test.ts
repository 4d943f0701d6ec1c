import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigurazioneStato, FileEsportato } from '../../electron/common/commands/types';
import { fixedClock } from '../../electron/core/clock';
import { bytesDi, leggiPdf } from '../../electron/core/promemoria/testing';
import { CacheWriter } from '../../electron/core/store/cacheWriter';
import { appuntamentoDiProva, FIXTURE, sedeDiProva, TEST_NOW } from '../../electron/core/testing';
import { CONFIG_FILE } from '../../electron/core/workspace/config';
import { useTestWorkspace } from '../../electron/core/workspace/testing';

// The office's name and contact: set in Impostazioni, kept in impostazioni.json, printed on the promemoria.
const t = useTestWorkspace('ufficio', { clock: fixedClock(TEST_NOW) });
const open = () => t.open();
const { call, value } = t;
const configFile = () => path.join(t.dir, CONFIG_FILE);
const UFFICIO = {
  nome: 'Patronato Sant’Antonio — Roma Eur',
  telefono: '+39 06 1234567',
  email: 'eur@patronato.example.it',
  indirizzo: 'Via Cristoforo Colombo 112, 00147 Roma',
};

describe('ufficio.imposta', () => {
  it('is not set on a first run, and is kept trimmed in impostazioni.json across a restart', async () => {
    await open();
    expect((await value<ConfigurazioneStato>('configurazione.stato')).ufficio).toBeNull();
    const stato = await value<ConfigurazioneStato>('ufficio.imposta', {
      nome: `  ${UFFICIO.nome} `,
      telefono: ' +39 06 1234567 ',
      email: '',
      indirizzo: UFFICIO.indirizzo,
    });
    expect(stato.ufficio).toEqual({ ...UFFICIO, email: null });
    expect(JSON.parse(fs.readFileSync(configFile(), 'utf8'))).toMatchObject({ versione: 1, ufficio: { ...UFFICIO, email: null } });
    await value('ufficio.imposta', UFFICIO);
    await open();
    expect((await value<ConfigurazioneStato>('configurazione.stato')).ufficio).toEqual(UFFICIO);
    // Written atomically: no temporary file left beside it.
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith(CONFIG_FILE))).toEqual([CONFIG_FILE]);
  });

  it('reads a configuration written before the setting existed as «not set», without setting it aside', async () => {
    fs.writeFileSync(configFile(), JSON.stringify({ versione: 1, servizio: null, backup: { intervalloOre: 12, conserva: 3 } }));
    await open();
    expect((await value<ConfigurazioneStato>('configurazione.stato')).ufficio).toBeNull();
    expect(fs.readdirSync(t.dir).some((f) => f.includes('danneggiato'))).toBe(false);
  });

  it('reads a hand-edited, invalid office block as «not set», keeping the service and backup choices', async () => {
    const config = { versione: 1, servizio: null, backup: { intervalloOre: 12, conserva: 3 }, ufficio: { nome: '', email: 'non valida' } };
    fs.writeFileSync(configFile(), JSON.stringify(config));
    await open();
    expect((await value<ConfigurazioneStato>('configurazione.stato')).ufficio).toBeNull();
    expect((await value<{ intervalloOre: number }>('backup.elenco')).intervalloOre).toBe(12);
    expect(fs.readdirSync(t.dir).some((f) => f.includes('danneggiato'))).toBe(false);
  });

  it.each([
    [{ ...UFFICIO, nome: '   ' }, 'nome', 'Scrivi il nome dell’ufficio.'],
    [{ ...UFFICIO, nome: 'x'.repeat(121) }, 'nome', 'Il nome dell’ufficio: al massimo 120 caratteri.'],
    [{ ...UFFICIO, email: 'eur@patronato' }, 'email', 'Indirizzo e-mail non valido (es. ufficio@esempio.it).'],
    [{ ...UFFICIO, email: 'a@b.it, c@d.it' }, 'email', 'Indirizzo e-mail non valido (es. ufficio@esempio.it).'],
    [{ ...UFFICIO, telefono: 'chiamare Anna' }, 'telefono', 'Telefono non valido: usa cifre, spazi e i segni + ( ) . / -'],
    [{ nome: 'Patronato', telefono: ' ', email: null }, 'telefono', 'Indica almeno un recapito dell’ufficio: telefono, e-mail o indirizzo.'],
    [{ ...UFFICIO, indirizzo: 'x'.repeat(201) }, 'indirizzo', 'L’indirizzo: al massimo 200 caratteri.'],
  ])('refuses a bad value (%#) with its Italian message, and the file is unchanged', async (input, campo, messaggio) => {
    await open();
    await value('ufficio.imposta', UFFICIO);
    const before = fs.readFileSync(configFile(), 'utf8');
    const r = await call('ufficio.imposta', input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INPUT_NON_VALIDO', details: [{ path: campo, message: messaggio }] });
    expect(fs.readFileSync(configFile(), 'utf8')).toBe(before);
  });

  it('prints the office’s name and contact on the promemoria', async () => {
    await open();
    await value('ufficio.imposta', UFFICIO);
    const w = new CacheWriter(t.workspace.core.ctx.sqlite);
    const rossi = FIXTURE.datori[0]!;
    w.datore(rossi);
    w.rapporto(FIXTURE.rapporti[0]!);
    w.sede(sedeDiProva());
    w.appuntamento(appuntamentoDiProva('a1', { data: '2026-03-17', ora: '09:20', operatoreId: null }));
    const file = await value<FileEsportato>('promemoria.pdf', { ids: ['a1'] });
    const [testo] = (await leggiPdf(bytesDi(file.contenuto))).testi;
    expect(testo).toContain(`Per qualsiasi dubbio: ${UFFICIO.nome}`);
    expect(testo).toContain('tel. +39 06 1234567 · e-mail eur@patronato.example.it · Via Cristoforo Colombo 112, 00147 Roma');
    expect(testo).toContain('martedì 17 marzo 2026, ore 09:20');
  });
});
