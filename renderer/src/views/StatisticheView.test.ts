// @vitest-environment jsdom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { StatisticheSedeRiga } from '@common/commands/statistiche';
import { CommandError, setCommandClient, type CommandClient } from '../api/client';
import { createAppI18n } from '../i18n/index';
import StatisticheView from './StatisticheView.vue';

const periodo = { dal: '2026-01-01', al: '2026-03-31' };
const nulla = { n: 0, mediana: null, p90: null };
const zero = { confermati: 0, chiusiSenzaVisita: 0, svolti: 0, cancellatiUfficio: 0, disdettiSede: 0 };
const senzaTassi = { confermati: null, chiusiSenzaVisita: null, svolti: null, cancellatiUfficio: null, disdettiSede: null };
const totaleVuoto = {
  prenotati: 0,
  esiti: zero,
  tassi: senzaTassi,
  anticipoGiorni: nulla,
  attesaPrimoSlotGiorni: nulla,
  osservazioniSenzaLibero: 0,
  disdettePer100: null,
};

const roma: StatisticheSedeRiga = {
  sedeId: 'sede-001',
  nome: 'Roma Eur',
  comune: 'Roma',
  provincia: 'RM',
  prenotati: 8,
  esiti: { confermati: 3, chiusiSenzaVisita: 1, svolti: 2, cancellatiUfficio: 1, disdettiSede: 1 },
  tassi: { confermati: 0.375, chiusiSenzaVisita: 0.125, svolti: 0.25, cancellatiUfficio: 0.125, disdettiSede: 0.125 },
  anticipoGiorni: { n: 8, mediana: 3, p90: 9 },
  attesaPrimoSlotGiorni: nulla,
  osservazioniSenzaLibero: 0,
  disdettePer100: 12.5,
};

const argomento = (argomento: 'mav' | 'contributi', termineGiorni: number | null, inviati: number) => ({
  argomento,
  descrizione: argomento === 'mav' ? 'MAV' : 'Contributi',
  termineGiorni,
  inviati,
  risposti: 0,
  tempoRispostaGiorni: nulla,
  rispostiOltreTermine: 0,
  quotaOltreTermine: null,
  senzaRispostaOltreTermine: 0,
  negativi: 0,
  quotaNegativi: null,
  conAppuntamento: 0,
  esitiAppuntamenti: zero,
});

function fakeClient(conDati: boolean, rifiuto?: CommandError) {
  const invoke = vi.fn(async (name: string) => {
    if (rifiuto && name.startsWith('statistiche.')) throw rifiuto;
    if (name === 'sedi.elenco') return [{ id: 'sede-001', nome: 'Roma Eur', comune: 'Roma', provincia: 'RM', modalita: [] }];
    if (name === 'operatori.elenco') return [];
    if (name === 'statistiche.sedi') return { periodo, righe: conDati ? [roma] : [], totale: conDati ? roma : totaleVuoto };
    if (name === 'statistiche.andamento')
      return { periodo, granularita: 'mese', punti: [{ inizio: '2026-01-01', prenotati: 0, chiusi: 0, cancellatiUfficio: 0, disdettiSede: 0 }] };
    if (name === 'statistiche.argomenti') return { periodo, righe: [argomento('mav', null, 0), argomento('contributi', 60, 0)] };
    if (name === 'statistiche.operatori') return { periodo, righe: [] };
    throw new Error(`unexpected ${name}`);
  });
  setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
  return invoke;
}

async function mountView(path = '/statistiche?sede=sede-001') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/statistiche', component: StatisticheView }] });
  await router.push(path);
  const wrapper = mount(StatisticheView, {
    global: { plugins: [createPinia(), createAppI18n(), router], stubs: { GraficoStatistiche: { template: '<div data-testid="grafico-finto" />' } } },
  });
  await flushPromises();
  return { wrapper, router };
}

describe('StatisticheView', () => {
  it('shows each outcome as a count and an Italian percentage, the lead time in days and the disdette per 100', async () => {
    const invoke = fakeClient(true);
    const { wrapper } = await mountView();
    expect(invoke).toHaveBeenCalledWith('statistiche.sedi', { periodo: '12mesi', sedeId: 'sede-001' });
    const riga = wrapper.get('[data-testid="statistiche-sedi-tabella"] tbody tr[data-sede="sede-001"]');
    expect(riga.get('[data-campo="prenotati"]').text()).toBe('8');
    expect(riga.get('[data-campo="confermati"]').text()).toBe('3 (37,5 %)');
    expect(riga.get('[data-campo="anticipo"]').text()).toBe('3 gg / 9 gg');
    expect(riga.get('[data-campo="disdette"]').text()).toBe('12,5 per 100');
    // No fetch of free slots was recorded: said in words, with the sede's name.
    expect(wrapper.get('[data-testid="statistiche-sedi-senza-osservazioni"]').text()).toContain('Roma Eur');
    expect(wrapper.text()).not.toContain('NaN');
  });

  it('says why a block is empty instead of drawing a blank chart', async () => {
    fakeClient(false);
    const { wrapper } = await mountView();
    expect(wrapper.get('[data-testid="statistiche-sedi-vuoto"]').text()).toBe('Nessun appuntamento prenotato in questo periodo per questa sede.');
    expect(wrapper.find('[data-testid="statistiche-andamento-vuoto"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="statistiche-operatori-vuoto"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="statistiche-argomenti-senza-termine"]').text()).toContain('Argomento senza termine: MAV');
    expect(wrapper.findAll('[data-testid="grafico-finto"]')).toHaveLength(0);
    expect(wrapper.text()).not.toContain('NaN');
  });

  it('shows the core’s refusal of the custom dates under the date field', async () => {
    const msg = 'La data «al» è precedente alla data «dal»: scambiale o correggi il periodo.';
    fakeClient(true, new CommandError('validation', 'Dati non validi.', [{ path: 'al', message: msg }]));
    const { wrapper } = await mountView('/statistiche?periodo=personalizzato&dal=2026-03-01&al=2026-01-01');
    expect(wrapper.get('[data-testid="statistiche-al"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('[data-testid="statistiche-errore-al"]').text()).toBe(msg);
    expect(wrapper.find('[data-testid="statistiche-errore"]').exists()).toBe(false);
  });

  it('writes a changed filter into the address and loads again', async () => {
    const invoke = fakeClient(true);
    const { wrapper, router } = await mountView('/statistiche');
    await wrapper.get('[data-testid="statistiche-periodo"]').setValue('3mesi');
    await flushPromises();
    // Written once the blocks have loaded, when the page is idle.
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ periodo: '3mesi' }));
    expect(invoke).toHaveBeenLastCalledWith(expect.stringMatching(/^statistiche\./), { periodo: '3mesi' });
  });
});
