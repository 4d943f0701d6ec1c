// @vitest-environment jsdom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ConfigurazioneStato, ProtezioneDati } from '@common/commands/types';
import { setCommandClient, type CommandClient } from '../api/client';
import { createAppI18n } from '../i18n/index';
import BenvenutoView from './BenvenutoView.vue';

const stato = (servizio: ConfigurazioneStato['servizio'], protezione: ProtezioneDati['stato']): ConfigurazioneStato => ({
  primoAvvio: servizio === null,
  servizio,
  cartellaDati: '/home/ufficio/Cassetto',
  database: null,
  operatore: null,
  recupero: null,
  ufficio: null,
  protezione: { stato: protezione, metodo: 'passphrase', motivo: null, attesaSecondi: 0 },
});

describe('BenvenutoView with a remote service and no OS secret store', () => {
  it('asks the office to set its passphrase after the service, then for the login', async () => {
    let servizio: ConfigurazioneStato['servizio'] = null;
    let protezione: ProtezioneDati['stato'] = 'da-impostare';
    const invoke = vi.fn(async (name: string, input: { servizio?: ConfigurazioneStato['servizio'] }) => {
      if (name === 'configurazione.servizio') servizio = input.servizio ?? null;
      if (name === 'chiave.imposta') protezione = 'sbloccata';
      return stato(servizio, protezione);
    });
    setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: BenvenutoView }] });
    const wrapper = mount(BenvenutoView, { global: { plugins: [createPinia(), createAppI18n(), router] } });
    await flushPromises();
    await wrapper.get('[data-testid="servizio-remoto"]').setValue(true);
    await wrapper.get('[data-testid="servizio-url"]').setValue('https://cassetto.esempio.it');
    await wrapper.get('[data-testid="servizio-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="accesso-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="benvenuto-chiave"]').text()).toContain('Protezione dei dati dell’ufficio');
    await wrapper.get('[data-testid="imposta-passphrase"]').setValue('il gatto dorme sul divano');
    await wrapper.get('[data-testid="imposta-conferma"]').setValue('il gatto dorme sul divano');
    await wrapper.get('[data-testid="imposta-form"]').trigger('submit');
    await flushPromises();
    expect(invoke).toHaveBeenCalledWith('chiave.imposta', { passphrase: 'il gatto dorme sul divano', conferma: 'il gatto dorme sul divano' });
    expect(wrapper.find('[data-testid="benvenuto-chiave"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="accesso-form"]').exists()).toBe(true);
  });
});
