import type { App } from 'vue';
import RiprenotaPulsante from './components/appuntamenti/RiprenotaPulsante.vue';

/**
 * Components placed on screens other engineers edit concurrently (DettaglioView): registered
 * once here, so the screen takes them with a single line of template and no import.
 */
export const componentiGlobali = {
  install(app: App): void {
    app.component('RiprenotaPulsante', RiprenotaPulsante);
  },
};

declare module 'vue' {
  interface GlobalComponents {
    RiprenotaPulsante: typeof RiprenotaPulsante;
  }
}
