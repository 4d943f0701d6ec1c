import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { componentiGlobali } from './componentiGlobali';
import { createCommandClient, detectBridge, setCommandClient } from './api/client';
import { paginaAvvio } from './avvio';
import { createAppI18n } from './i18n/index';
import { createAppRouter } from './router';
import './styles.css';

// The token must be taken from the fragment before the router reads the hash.
const client = createCommandClient(detectBridge(window));
setCommandClient(client);
const avvio = async () => paginaAvvio(await client.invoke('configurazione.stato', {}));

createApp(App).use(createPinia()).use(createAppRouter(avvio)).use(createAppI18n()).use(componentiGlobali).mount('#app');
