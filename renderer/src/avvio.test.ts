import { describe, expect, it } from 'vitest';
import type { ConfigurazioneStato, ProtezioneDati } from '@common/commands/types';
import { paginaAvvio } from './avvio';

const stato = (over: Partial<ConfigurazioneStato>, protezione: ProtezioneDati['stato'] = 'sbloccata'): ConfigurazioneStato => ({
  primoAvvio: false,
  servizio: { tipo: 'remoto', url: 'https://cassetto.esempio.it' },
  cartellaDati: '/dati',
  database: '/dati/servizi/x/y/cassetto.sqlite',
  operatore: null,
  recupero: null,
  ufficio: null,
  protezione: { stato: protezione, metodo: 'passphrase', motivo: null, attesaSecondi: 0 },
  ...over,
});

describe('paginaAvvio', () => {
  it('sends every section to the unlock page while the key is locked, to be set, missing or damaged', () => {
    for (const s of ['bloccata', 'da-impostare', 'mancante', 'danneggiata'] as const) expect(paginaAvvio(stato({}, s))).toBe('sblocco');
  });

  it('lets the data show once unlocked, and in the demo', () => {
    expect(paginaAvvio(stato({}, 'sbloccata'))).toBeNull();
    expect(paginaAvvio(stato({ servizio: { tipo: 'sandbox' } }, 'demo'))).toBeNull();
  });

  it('asks for the service first on a first run, and offers a restore before anything else', () => {
    expect(paginaAvvio(stato({ primoAvvio: true, servizio: null }, 'da-impostare'))).toBe('benvenuto');
    const recupero = { messaggio: 'Il database è danneggiato.', backup: null };
    expect(paginaAvvio(stato({ recupero }, 'sbloccata'))).toBe('ripristino');
  });
});
