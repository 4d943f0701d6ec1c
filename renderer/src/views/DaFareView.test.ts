// @vitest-environment jsdom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { DaFare, PreparazioneEsito } from '@common/commands/types';
import { setCommandClient, type CommandClient } from '../api/client';
import { createAppI18n } from '../i18n/index';
import { useBozzeStore } from '../stores/bozze';
import DaFareView from './DaFareView.vue';

const quesito = (n: number, rapporto: string) => ({
  id: `q-${n}`,
  protocollo: `INPS.2026.${n}`,
  oggetto: `Oggetto ${n}`,
  codiceRapporto: rapporto,
  datoreCf: `CF${n}`,
  datoreNominativo: `Cliente ${n}`,
  data: '2026-03-02',
  giorni: 0,
});

const riepilogo: DaFare = {
  oggi: '2026-03-02',
  quesitiIdonei: [quesito(1, '1000000001'), quesito(2, '1000000002'), quesito(3, '1000000002')],
  quesitiInArrivo: [{ ...quesito(9, '1000000009'), giorni: 2 }],
  bozze: { bozza: 4, in_coda: 1, da_correggere: 2, congelata: 0 },
  daCorreggere: [{ id: 'b-7', datoreNominativo: 'Rifiutato', codiceRapporto: '1000000007', errore: 'Orario non disponibile.' }],
  prossimi: [],
  deleghe: {
    daAttivare: [{ datoreCf: 'CFATT', datoreNominativo: 'Da Attivare', dataSottoscrizione: '2026-02-20' }],
    inScadenza: [{ datoreCf: 'CFSCAD', datoreNominativo: 'In Scadenza', dataScadenza: '2026-03-20' }],
    revocateDiRecente: [{ datoreCf: 'CFREV', datoreNominativo: 'Revocato', stato: 'revocata', dataFine: '2026-02-28' }],
  },
};

const esito: PreparazioneEsito = {
  create: [{ bozzaId: 'b-100', codiceRapporto: '1000000002', datoreNominativo: 'Cliente 2', quesiti: 2 }],
  saltati: [{ id: 'q-1', datoreNominativo: 'Cliente 1', motivo: 'Il quesito è già in una bozza.' }],
};

function fakeClient() {
  const invoke = vi.fn(async (name: string) => {
    if (name === 'dafare.riepilogo') return riepilogo;
    if (name === 'revisione.elenco') return [{ id: 1 }, { id: 2 }];
    if (name === 'sedi.elenco') return [{ id: 'sede-001', nome: 'Roma Eur', comune: 'Roma', modalita: ['presenza', 'videochiamata'] }];
    if (name === 'bozze.prepara') return esito;
    throw new Error(`unexpected ${name}`);
  });
  setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
  return invoke;
}

async function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/da-fare', component: DaFareView },
      { path: '/nuovo/:codiceRapporto', name: 'nuovo', component: { template: '<p/>' } },
      { path: '/bozze', name: 'bozze', component: { template: '<p/>' } },
      { path: '/:rest(.*)*', component: { template: '<p/>' } },
    ],
  });
  await router.push('/da-fare');
  const wrapper = mount(DaFareView, { global: { plugins: [createPinia(), createAppI18n(), router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router };
}

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods.
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.open = false;
  };
});

describe('DaFareView', () => {
  it('makes every item lead somewhere: booking with the quesito ticked, the client, Bozze by state, Revisione stati', async () => {
    fakeClient();
    const { wrapper } = await mountView();
    const href = (sel: string) => wrapper.get(sel).attributes('href');
    expect(href('[data-testid="dafare-prenota-q-2"]')).toBe('/nuovo/1000000002?quesito=q-2');
    expect(wrapper.get('[data-testid="dafare-in-arrivo"] a').attributes('href')).toBe('/clienti/CF9');
    expect(
      wrapper
        .get('[data-testid="dafare-deleghe"]')
        .findAll('a')
        .map((a) => a.attributes('href')),
    ).toEqual(['/clienti/CFATT', '/clienti/CFSCAD', '/clienti/CFREV']);
    expect(href('[data-testid="dafare-conta-da_correggere"]')).toBe('/bozze?stato=da_correggere');
    expect(wrapper.get('[data-testid="dafare-bozze"]').text()).toContain('Orario non disponibile.');
    expect(wrapper.get('[data-testid="dafare-bozze"] ul:nth-of-type(2) a').attributes('href')).toBe('/nuovo/1000000007?bozza=b-7');
    expect(href('[data-testid="dafare-novita"]')).toBe('/revisione');
    expect(wrapper.get('[data-testid="dafare-novita"]').text()).toBe('2 novità dalle sedi da rivedere');
  });

  it('prepares a batch from the selected quesiti and expiring clients, then lists created and skipped', async () => {
    const invoke = fakeClient();
    const { wrapper, router } = await mountView();
    const prepara = wrapper.get('[data-testid="dafare-prepara"]');
    expect(prepara.attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="dafare-idonei-tutti"]').setValue(true);
    await wrapper.get('[data-testid="dafare-idoneo-q-3"]').setValue(false);
    await wrapper.get('[data-testid="dafare-cliente-CFSCAD"]').setValue(true);
    expect(prepara.text()).toBe('Prepara in blocco (3)');
    await prepara.trigger('click');
    await flushPromises();
    // The placeholders read as the operator types them.
    expect(wrapper.get('#prepara-segnaposti').text()).toContain('{nominativo} il nome del cliente');
    await wrapper.get('[data-testid="prepara-sede"]').setValue('sede-001');
    await wrapper.get('[data-testid="prepara-modalita"]').setValue('presenza');
    await wrapper.get('[data-testid="prepara-nota"]').setValue('Per {nominativo}: {quesiti}');
    await wrapper.get('[data-testid="prepara-dialog"] form').trigger('submit');
    await flushPromises();
    const [, input] = invoke.mock.calls.find((c) => c[0] === 'bozze.prepara') as unknown as [string, Record<string, unknown>];
    expect(input).toEqual({
      quesitiIds: ['q-1', 'q-2'],
      datori: ['CFSCAD'],
      sedeId: 'sede-001',
      modalita: 'presenza',
      finestra: { dal: expect.any(String), al: expect.any(String) },
      notaModello: 'Per {nominativo}: {quesiti}',
    });
    expect(wrapper.get('[data-testid="prepara-creata"]').text()).toBe('Cliente 2 · 1000000002 · 2 quesiti');
    expect(wrapper.get('[data-testid="prepara-saltato"]').text()).toBe('Cliente 1 — Il quesito è già in una bozza.');
    await wrapper.get('[data-testid="prepara-apri-bozze"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('bozze');
    // Exactly the new drafts: handed to the Bozze screen through its store (the address would not hold hundreds of ids).
    expect(router.currentRoute.value.query).toEqual({});
    expect(useBozzeStore().prendiInArrivo()).toEqual(['b-100']);
  });
});
