// @vitest-environment jsdom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ConfigurazioneStato, ProtezioneDati } from '@common/commands/types';
import { setCommandClient, type CommandClient } from '../api/client';
import { createAppI18n } from '../i18n/index';
import ImpostazioniView from './ImpostazioniView.vue';

const stato = (servizio: ConfigurazioneStato['servizio'], protezione: ProtezioneDati): ConfigurazioneStato => ({
  primoAvvio: false,
  servizio,
  cartellaDati: '/home/ufficio/Cassetto',
  database: null,
  operatore: null,
  recupero: null,
  ufficio: null,
  protezione,
});

describe('ImpostazioniView: switching to a remote service', () => {
  it('goes to the passphrase page when the new service’s data need it', async () => {
    const demo = stato({ tipo: 'sandbox' }, { stato: 'demo', metodo: 'demo', motivo: null, attesaSecondi: 0 });
    const remoto = stato(
      { tipo: 'remoto', url: 'https://cassetto.esempio.it' },
      { stato: 'da-impostare', metodo: 'passphrase', motivo: null, attesaSecondi: 0 },
    );
    const invoke = vi.fn(async (name: string) => {
      if (name === 'configurazione.stato') return demo;
      if (name === 'configurazione.servizio') return remoto;
      if (name === 'app.info') return { nome: 'Cassetto Desk', versione: '0.1.0', schemaVersione: 6, percorsoDati: null, desktop: false };
      // The other panels' loads are not what this test is about.
      return new Promise(() => undefined);
    });
    setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/impostazioni', component: ImpostazioniView },
        { path: '/:p(.*)', component: { template: '<p />' } },
      ],
    });
    await router.push('/impostazioni');
    const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [createPinia(), createAppI18n(), router] } });
    await flushPromises();
    await wrapper.get('[data-testid="impostazioni-cambia-servizio"]').trigger('click');
    await wrapper.get('[data-testid="servizio-remoto"]').setValue(true);
    await wrapper.get('[data-testid="servizio-url"]').setValue('https://cassetto.esempio.it');
    await wrapper.get('[data-testid="servizio-form"]').trigger('submit');
    await flushPromises();
    expect(invoke).toHaveBeenCalledWith('configurazione.servizio', { servizio: { tipo: 'remoto', url: 'https://cassetto.esempio.it' } });
    expect(router.currentRoute.value.path).toBe('/sblocco');
  });
});
