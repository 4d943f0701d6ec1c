// @vitest-environment jsdom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ConfigurazioneStato, ProtezioneDati } from '@common/commands/types';
import { CommandError, setCommandClient, type CommandClient } from '../api/client';
import { createAppI18n } from '../i18n/index';
import SbloccoView from './SbloccoView.vue';

const stato = (protezione: Partial<ProtezioneDati>, over: Partial<ConfigurazioneStato> = {}): ConfigurazioneStato => ({
  primoAvvio: false,
  servizio: { tipo: 'remoto', url: 'https://cassetto.esempio.it' },
  cartellaDati: '/home/ufficio/Cassetto',
  database: null,
  operatore: null,
  recupero: null,
  ufficio: null,
  protezione: { stato: 'bloccata', metodo: 'passphrase', motivo: null, attesaSecondi: 0, ...protezione },
  ...over,
});

function fakeClient(answer: (name: string, input: Record<string, string>) => Promise<unknown>) {
  const invoke = vi.fn(answer);
  setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
  return invoke;
}

async function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sblocco', component: SbloccoView },
      { path: '/da-fare', component: { template: '<p>da fare</p>' } },
    ],
  });
  await router.push('/sblocco');
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [createPinia(), createAppI18n(), router] } });
  await flushPromises();
  return { wrapper, router };
}

afterEach(() => vi.useRealTimers());

describe('SbloccoView', () => {
  it('with the key file missing shows why and what to do, and no form to type into', async () => {
    const motivo = 'Manca il file della chiave (chiave.json) che protegge i dati cifrati di questa installazione.';
    const invoke = fakeClient(async () => stato({ stato: 'mancante', motivo }));
    const { wrapper } = await mountView();
    expect(wrapper.get('[data-testid="sblocco-titolo"]').text()).toBe('I dati dell’ufficio non si possono aprire');
    expect(wrapper.get('[data-testid="chiave-motivo"]').text()).toBe(motivo);
    expect(wrapper.text()).toContain('Rimetti al suo posto il file chiave.json');
    expect(wrapper.get('[data-testid="chiave-cartella"]').text()).toBe('/home/ufficio/Cassetto');
    expect(wrapper.findAll('form, input')).toHaveLength(0);
    expect(invoke.mock.calls.map(([name]) => name)).toEqual(['configurazione.stato']);
  });

  it('clears a wrong passphrase, shows the refusal at the field, and waits out the pause with the button disabled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let attesa = 0;
    fakeClient(async (name) => {
      if (name === 'configurazione.stato') return stato({ attesaSecondi: attesa });
      attesa = 30;
      throw new CommandError('TROPPI_TENTATIVI', 'Passphrase non corretta per la 5ª volta di fila: riprova tra 30 secondi. I dati non sono stati toccati.', []);
    });
    const { wrapper } = await mountView();
    expect(wrapper.get('[data-testid="sblocco-titolo"]').text()).toBe('Apri i dati dell’ufficio');
    const campo = wrapper.get<HTMLInputElement>('[data-testid="sblocco-passphrase"]');
    expect(campo.attributes('type')).toBe('password');
    expect(campo.attributes('autocomplete')).toBe('current-password');
    await campo.setValue('non è questa');
    await wrapper.get('[data-testid="sblocco-form"]').trigger('submit');
    await flushPromises();
    expect(campo.element.value).toBe('');
    expect(wrapper.get('[data-testid="sblocco-passphrase-errore"]').text()).toContain('5ª volta di fila');
    expect(campo.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('[data-testid="sblocco-attesa"]').text()).toBe('Puoi riprovare tra 30 secondi.');
    expect(wrapper.get('[data-testid="sblocco-apri"]').attributes('disabled')).toBeDefined();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(wrapper.get('[data-testid="sblocco-attesa"]').text()).toBe('Puoi riprovare tra 1 secondo.');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wrapper.find('[data-testid="sblocco-attesa"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="sblocco-apri"]').attributes('disabled')).toBeUndefined();
  });

  it('once the passphrase is set on a service not logged in yet, asks for the login on the same page', async () => {
    let impostata = false;
    let database: string | null = null;
    const invoke = fakeClient(async (name, input) => {
      if (name === 'chiave.imposta') {
        if (input.passphrase !== input.conferma) throw new CommandError('PASSPHRASE_DIVERSE', 'Le due passphrase non coincidono: riscrivile.', []);
        impostata = true;
      }
      if (name === 'servizio.accedi') database = '/home/ufficio/Cassetto/servizi/x/y/cassetto.sqlite';
      if (name === 'sync.ora') return { fase: 'inattivo' };
      return stato({ stato: impostata ? 'sbloccata' : 'da-impostare' }, { database });
    });
    const { wrapper, router } = await mountView();
    expect(wrapper.get('[data-testid="sblocco-titolo"]').text()).toBe('Imposta la passphrase dell’ufficio');
    await wrapper.get('[data-testid="imposta-passphrase"]').setValue('il gatto dorme sul divano');
    expect(wrapper.get('[data-testid="imposta-passphrase-aiuto"]').text()).toBe('Buona.');
    await wrapper.get('[data-testid="imposta-conferma"]').setValue('il gatto dorme sul divano rosso');
    await wrapper.get('[data-testid="imposta-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="imposta-conferma-errore"]').text()).toBe('Le due passphrase non coincidono: riscrivile.');
    await wrapper.get('[data-testid="imposta-conferma"]').setValue('il gatto dorme sul divano');
    await wrapper.get('[data-testid="imposta-form"]').trigger('submit');
    await flushPromises();
    expect(invoke).toHaveBeenCalledWith('chiave.imposta', { passphrase: 'il gatto dorme sul divano', conferma: 'il gatto dorme sul divano' });
    expect(wrapper.get('[data-testid="sblocco-titolo"]').text()).toBe('I dati dell’ufficio sono aperti');
    expect(router.currentRoute.value.path).toBe('/sblocco');
    // The login opens the office's database: the form stays to see it through, then the worklist.
    await wrapper.get('[data-testid="accesso-utente"]').setValue('operatore');
    await wrapper.get('[data-testid="accesso-password"]').setValue('segreta');
    await wrapper.get('[data-testid="accesso-form"]').trigger('submit');
    await flushPromises();
    expect(invoke).toHaveBeenCalledWith('servizio.accedi', { username: 'operatore', password: 'segreta' });
    expect(router.currentRoute.value.path).toBe('/da-fare');
  });

  it('goes to the worklist once the office’s database is open', async () => {
    fakeClient(async (name) =>
      name === 'chiave.sblocca' ? stato({ stato: 'sbloccata' }, { database: '/home/ufficio/Cassetto/servizi/x/y/cassetto.sqlite' }) : stato({}),
    );
    const { wrapper, router } = await mountView();
    await wrapper.get('[data-testid="sblocco-passphrase"]').setValue('la frase giusta');
    await wrapper.get('[data-testid="sblocco-form"]').trigger('submit');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/da-fare');
  });
});
