// @vitest-environment jsdom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ConfigurazioneStato, ProtezioneDati } from '@common/commands/types';
import { createAppI18n } from '../../i18n/index';
import { useConfigurazioneStore } from '../../stores/configurazione';
import ProtezionePanel from './ProtezionePanel.vue';

function mountWith(protezione: Pick<ProtezioneDati, 'stato' | 'metodo' | 'portachiavi'>) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useConfigurazioneStore().stato = { protezione: { ...protezione, motivo: null, attesaSecondi: 0 } } as ConfigurazioneStato;
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)', component: { template: '<p />' } }] });
  return mount(ProtezionePanel, { global: { plugins: [pinia, createAppI18n(), router] } });
}

beforeEach(() => setActivePinia(createPinia()));

describe('Impostazioni → Protezione dei dati', () => {
  it('names the OS secret store and offers no passphrase to change', () => {
    const wrapper = mountWith({ stato: 'sbloccata', metodo: 'safeStorage' });
    expect(wrapper.get('[data-testid="protezione-metodo"]').text()).toContain('portachiavi del desktop');
    expect(wrapper.find('[data-testid="protezione-cambia"]').exists()).toBe(false);
  });

  it('while the key is not open leads to the page that opens it', () => {
    const wrapper = mountWith({ stato: 'da-impostare', metodo: 'passphrase' });
    expect(wrapper.get('[data-testid="protezione-sblocca"]').text()).toBe('Imposta la passphrase dell’ufficio');
    expect(wrapper.get('[data-testid="protezione-sblocca"]').attributes('href')).toBe('/sblocco');
    expect(wrapper.find('[data-testid="protezione-cambia"]').exists()).toBe(false);
  });

  it('on a Linux PC without a keyring says why the passphrase protects the key and that the password is asked at each start', () => {
    const wrapper = mountWith({ stato: 'sbloccata', metodo: 'passphrase', portachiavi: 'basic_text' });
    const avviso = wrapper.get('[data-testid="portachiavi-avviso"]');
    expect(avviso.attributes('role')).toBe('note');
    expect(avviso.text()).toContain('non è attivo il portachiavi del desktop (GNOME Keyring o KWallet)');
    expect(avviso.text()).toContain('password uguale per tutti');
    expect(avviso.text()).toContain('va reinserita a ogni avvio');
    expect(mountWith({ stato: 'sbloccata', metodo: 'passphrase', portachiavi: 'assente' }).get('[data-testid="portachiavi-avviso"]').text()).toContain(
      'non offre un portachiavi',
    );
  });

  it('says nothing about a keyring where the OS store is used, in the browser host and in the demo', () => {
    expect(mountWith({ stato: 'sbloccata', metodo: 'safeStorage' }).find('[data-testid="portachiavi-avviso"]').exists()).toBe(false);
    expect(mountWith({ stato: 'sbloccata', metodo: 'passphrase' }).find('[data-testid="portachiavi-avviso"]').exists()).toBe(false);
    expect(mountWith({ stato: 'demo', metodo: 'demo', portachiavi: 'basic_text' }).find('[data-testid="portachiavi-avviso"]').exists()).toBe(false);
  });

  it('says the demo has its own key, without a passphrase', () => {
    const wrapper = mountWith({ stato: 'demo', metodo: 'demo' });
    expect(wrapper.get('[data-testid="protezione-metodo"]').text()).toContain('Nessun dato reale, nessuna passphrase');
    expect(wrapper.find('[data-testid="protezione-cambia"]').exists()).toBe(false);
  });

  it('with the office passphrase opens the change form: three hidden fields, the current one and two new ones', async () => {
    const wrapper = mountWith({ stato: 'sbloccata', metodo: 'passphrase' });
    expect(wrapper.get('[data-testid="protezione-metodo"]').text()).toContain('passphrase dell’ufficio');
    await wrapper.get('[data-testid="protezione-cambia"]').trigger('click');
    const campi = wrapper.findAll('input[type="password"]');
    expect(campi.map((c) => c.attributes('autocomplete'))).toEqual(['current-password', 'new-password', 'new-password']);
    await wrapper.get('[data-testid="cambia-annulla"]').trigger('click');
    expect(wrapper.find('[data-testid="cambia-passphrase-form"]').exists()).toBe(false);
  });
});
