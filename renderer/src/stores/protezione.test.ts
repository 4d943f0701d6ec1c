import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigurazioneStato, ProtezioneDati } from '@common/commands/types';
import { CommandError, setCommandClient, type CommandClient } from '../api/client';
import { useConfigurazioneStore } from './configurazione';
import { useProtezioneStore } from './protezione';

const stato = (protezione: Partial<ProtezioneDati>): ConfigurazioneStato => ({
  primoAvvio: false,
  servizio: { tipo: 'remoto', url: 'https://cassetto.esempio.it' },
  cartellaDati: '/dati',
  database: null,
  operatore: null,
  recupero: null,
  ufficio: null,
  protezione: { stato: 'bloccata', metodo: 'passphrase', motivo: null, attesaSecondi: 0, ...protezione },
});

/** A core that knows one passphrase and, like ChiaveInstallazione, pauses after five wrong ones in a row. */
function fakeCore(giusta = 'la nostra frase segreta') {
  let falliti = 0;
  let attesa = 0;
  let protezione: Partial<ProtezioneDati> = { stato: 'bloccata' };
  const invoke = vi.fn(async (name: string, input: Record<string, string>) => {
    if (name === 'configurazione.stato') return stato({ ...protezione, attesaSecondi: attesa });
    if (name === 'chiave.sblocca') {
      if (input.passphrase !== giusta) {
        falliti += 1;
        if (falliti >= 5) {
          attesa = 30;
          throw new CommandError('TROPPI_TENTATIVI', 'Passphrase non corretta per la 5ª volta di fila: riprova tra 30 secondi.', []);
        }
        throw new CommandError('PASSPHRASE_ERRATA', `Passphrase non corretta. Ancora ${5 - falliti} tentativi prima di una breve pausa.`, []);
      }
      protezione = { stato: 'sbloccata' };
      return { ...stato(protezione), database: '/dati/servizi/x/y/cassetto.sqlite' };
    }
    if (name === 'chiave.imposta' || name === 'chiave.cambia') {
      const nuova = input.passphrase ?? input.nuova!;
      if (name === 'chiave.cambia' && input.attuale !== giusta) throw new CommandError('PASSPHRASE_ERRATA', 'Passphrase non corretta.', []);
      if (nuova.length < 10) throw new CommandError('PASSPHRASE_DEBOLE', 'La passphrase deve avere almeno 10 caratteri.', []);
      if (nuova !== input.conferma) throw new CommandError('PASSPHRASE_DIVERSE', 'Le due passphrase non coincidono: riscrivile.', []);
      protezione = { stato: 'sbloccata' };
      return stato(protezione);
    }
    throw new Error(`unexpected ${name}`);
  });
  setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
  return invoke;
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.useRealTimers());

describe('useProtezioneStore', () => {
  it('shows a wrong passphrase on its field, then counts the pause down and clears its stale refusal', async () => {
    vi.useFakeTimers();
    fakeCore();
    const store = useProtezioneStore();
    expect(await store.sblocca('sbagliata')).toBe(false);
    expect(store.errore).toEqual({ campo: 'passphrase', codice: 'PASSPHRASE_ERRATA', testo: expect.stringContaining('Ancora 4 tentativi') });
    expect(store.attesa).toBe(0);
    for (let i = 0; i < 4; i++) await store.sblocca('sbagliata');
    expect(store.errore?.codice).toBe('TROPPI_TENTATIVI');
    expect(store.attesa).toBe(30);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.attesa).toBe(20);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(store.attesa).toBe(0);
    expect(store.errore).toBeNull();
  });

  it('keeps the new configurazione state once the data are open', async () => {
    fakeCore();
    const store = useProtezioneStore();
    expect(await store.sblocca('la nostra frase segreta')).toBe(true);
    expect(store.errore).toBeNull();
    expect(useConfigurazioneStore().stato?.protezione.stato).toBe('sbloccata');
    expect(useConfigurazioneStore().stato?.database).toContain('cassetto.sqlite');
  });

  it('puts a short or mismatched new passphrase on the field it concerns', async () => {
    fakeCore();
    const store = useProtezioneStore();
    expect(await store.imposta('corta', 'corta')).toBe(false);
    expect(store.errore).toMatchObject({ campo: 'passphrase', codice: 'PASSPHRASE_DEBOLE' });
    expect(await store.imposta('una frase lunga', 'un’altra frase')).toBe(false);
    expect(store.errore).toMatchObject({ campo: 'conferma', codice: 'PASSPHRASE_DIVERSE' });
    expect(useConfigurazioneStore().stato).toBeNull();
    expect(await store.cambia('sbagliata', 'una frase lunga', 'una frase lunga')).toBe(false);
    expect(store.errore).toMatchObject({ campo: 'attuale', codice: 'PASSPHRASE_ERRATA' });
    expect(await store.cambia('la nostra frase segreta', 'corta', 'corta')).toBe(false);
    expect(store.errore).toMatchObject({ campo: 'nuova', codice: 'PASSPHRASE_DEBOLE' });
    expect(await store.cambia('la nostra frase segreta', 'una frase lunga', 'una frase lunga')).toBe(true);
  });

  it('puts an empty field refused by the input check on that field', async () => {
    setCommandClient({
      invoke: async () => {
        throw new CommandError('INPUT_NON_VALIDO', 'Dati non validi (conferma): Scrivi la passphrase.', [
          { path: 'conferma', message: 'Scrivi la passphrase.' },
        ]);
      },
      on: () => () => undefined,
    } as unknown as CommandClient);
    const store = useProtezioneStore();
    await store.imposta('una frase lunga', '');
    expect(store.errore).toMatchObject({ campo: 'conferma', testo: 'Scrivi la passphrase.' });
  });
});
