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
  { path: '/:pathMatch(.*)*', redirect: '/da-fare' },
];

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
