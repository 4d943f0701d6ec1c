import { createI18n } from 'vue-i18n';
import { it } from './it';

export function createAppI18n() {
  return createI18n({
    legacy: false,
    locale: 'it',
    fallbackLocale: 'it',
    messages: { it },
    // dd/mm/yyyy everywhere, as operators write dates.
    datetimeFormats: {
      it: {
        data: { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Rome' },
        dataOra: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' },
      },
    },
  });
}
