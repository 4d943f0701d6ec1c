import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createCommandClient, detectBridge, setCommandClient } from './api/client';
import { createAppI18n } from './i18n/index';
import { createAppRouter } from './router';
import './styles.css';

// The token must be taken from the fragment before the router reads the hash.
const client = createCommandClient(detectBridge(window));
setCommandClient(client);
const primoAvvio = async () => (await client.invoke('configurazione.stato', {})).primoAvvio;

createApp(App).use(createPinia()).use(createAppRouter(primoAvvio)).use(createAppI18n()).mount('#app');
