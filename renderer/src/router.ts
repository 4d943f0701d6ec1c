import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { PaginaAvvio } from './avvio';

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
    props: (route) => ({ codiceRapporto: route.params.codiceRapporto, bozza: route.query.bozza, quesito: route.query.quesito }),
  },
  { path: '/bozze', name: 'bozze', component: () => import('./views/BozzeView.vue') },
  { path: '/appuntamenti/:id', name: 'dettaglio', component: () => import('./views/DettaglioView.vue'), props: true },
  { path: '/revisione', name: 'revisione', component: () => import('./views/RevisioneView.vue') },
  { path: '/impostazioni', name: 'impostazioni', component: () => import('./views/ImpostazioniView.vue') },
  { path: '/registro', name: 'registro', component: () => import('./views/RegistroView.vue') },
  { path: '/statistiche', name: 'statistiche', component: () => import('./views/StatisticheView.vue') },
  { path: '/benvenuto', name: 'benvenuto', component: () => import('./views/BenvenutoView.vue') },
  { path: '/ripristino', name: 'ripristino', component: () => import('./views/RipristinoView.vue') },
  { path: '/sblocco', name: 'sblocco', component: () => import('./views/SbloccoView.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/da-fare' },
];

/** Where the app must go before anything else: the first-run page, the restore page, or the office's key. */
export type Avvio = () => Promise<PaginaAvvio | null>;

/**
 * Asked once per window, and again after each forced stop, since only those pages change the
 * answer: no service chosen yet → first run; a database that did not open → restore; the
 * office's data still locked (or their key file gone) → the unlock page.
 */
export function createAppRouter(avvio: Avvio) {
  const router = createRouter({ history: createWebHashHistory(), routes });
  let asked: Promise<PaginaAvvio | null> | null = null;
  router.beforeEach(async (to) => {
    if (to.name === 'benvenuto' || to.name === 'ripristino' || to.name === 'sblocco') return true;
    asked ??= avvio().catch(() => null);
    const dove = await asked;
    if (dove) {
      asked = null;
      return { name: dove };
    }
    return true;
  });
  return router;
}
