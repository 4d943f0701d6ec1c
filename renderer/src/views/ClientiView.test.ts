// @vitest-environment jsdom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClienteRiga, Pagina } from '@common/commands/types';
import { CommandError, setCommandClient, type CommandClient } from '../api/client';
import { createAppI18n } from '../i18n/index';
import ClientiView from './ClientiView.vue';

const riga = (cognome: string, stato: ClienteRiga['delegaStato']): ClienteRiga => ({
  codiceFiscale: `${cognome.toUpperCase().padEnd(6, 'X').slice(0, 6)}80A01H501U`,
  cognome,
  nome: 'Maria',
  comune: 'Roma',
  provincia: 'RM',
  delegaStato: stato,
  delegaScadenza: null,
  rapporti: 1,
  appuntamentiConfermati: 0,
});

function fakeClient(answer: (input: { testo?: string }) => Promise<Pagina<ClienteRiga>>) {
  const invoke = vi.fn((_name: string, input: { testo?: string }) => answer(input));
  setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
  return invoke;
}

const mountView = () => mount(ClientiView, { global: { plugins: [createPinia(), createAppI18n()] } });

afterEach(() => {
  vi.useRealTimers();
});

describe('ClientiView', () => {
  it('shows the clients with their delega state and count', async () => {
    fakeClient(async () => ({ righe: [riga('Rossi', 'attiva'), riga('Verdi', 'revocata')], totale: 2 }));
    const wrapper = mountView();
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="cliente-riga"]');
    expect(rows.map((r) => r.text())).toEqual([expect.stringMatching(/Rossi Maria.*Attiva/), expect.stringMatching(/Verdi Maria.*Revocata/)]);
    expect(wrapper.get('[data-testid="clienti-totale"]').text()).toBe('2 clienti');
  });

  it('searches once after the operator stops typing, and never shows a stale answer', async () => {
    vi.useFakeTimers();
    let release: (() => void) | undefined;
    const invoke = fakeClient(async ({ testo }) => {
      if (testo === 'r') await new Promise<void>((resolve) => (release = resolve)); // slow, older request
      return { righe: testo ? [riga(`Esito-${testo}`, 'attiva')] : [], totale: testo ? 1 : 0 };
    });
    const wrapper = mountView();
    await flushPromises();
    const input = wrapper.get('[data-testid="clienti-cerca"]');
    await input.setValue('r');
    vi.advanceTimersByTime(150);
    await input.setValue('ro');
    await input.setValue('ros');
    vi.advanceTimersByTime(150);
    await flushPromises();
    release?.();
    await flushPromises();
    expect(invoke.mock.calls.map((c) => (c[1] as { testo: string }).testo)).toEqual(['', 'r', 'ros']);
    expect(wrapper.findAll('[data-testid="cliente-riga"]').map((r) => r.text())).toEqual([expect.stringContaining('Esito-ros')]);
  });

  it('shows the service’s Italian message when the search is refused', async () => {
    fakeClient(async () => {
      throw new CommandError('INPUT_NON_VALIDO', 'Testo di ricerca troppo lungo (massimo 100 caratteri).', []);
    });
    const wrapper = mountView();
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('Testo di ricerca troppo lungo (massimo 100 caratteri).');
  });
});
