import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

// Hash history: the same URLs work from Electron's file:// page and from the browser host.
const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/da-fare' },
  { path: '/da-fare', name: 'daFare', component: () => import('./views/DaFareView.vue') },
  { path: '/clienti', name: 'clienti', component: () => import('./views/ClientiView.vue') },
  { path: '/appuntamenti', name: 'appuntamenti', component: () => import('./views/AppuntamentiView.vue') },
  { path: '/clienti/:cf', name: 'cliente', component: () => import('./views/ClienteView.vue'), props: true },
  {
    path: '/nuovo/:codiceRapporto',
    name: 'nuovo',
    component: () => import('./views/NuovoAppuntamentoView.vue'),
    props: (route) => ({ codiceRapporto: route.params.codiceRapporto, bozza: route.query.bozza }),
  },
  { path: '/appuntamenti/:id', name: 'dettaglio', component: () => import('./views/DettaglioView.vue'), props: true },
  { path: '/revisione', name: 'revisione', component: () => import('./views/RevisioneView.vue') },
  { path: '/impostazioni', name: 'impostazioni', component: () => import('./views/ImpostazioniView.vue') },
  { path: '/benvenuto', name: 'benvenuto', component: () => import('./views/BenvenutoView.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/da-fare' },
];

/**
 * `primoAvvio` answers whether no service has been chosen yet: then every screen leads to the
 * first-run page, asked once per window (the answer only changes from that page).
 */
export function createAppRouter(primoAvvio: () => Promise<boolean>) {
  const router = createRouter({ history: createWebHashHistory(), routes });
  let asked: Promise<boolean> | null = null;
  router.beforeEach(async (to) => {
    if (to.name === 'benvenuto') return true;
    asked ??= primoAvvio().catch(() => false);
    if (await asked) {
      asked = null;
      return { name: 'benvenuto' };
    }
    return true;
  });
  return router;
}
