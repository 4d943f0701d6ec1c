import type { RisultatoRapido } from '../../common/commands/types';
import { formatDataIt } from '../../common/domain/calendario';
import { normalizeSearchText } from '../store/search';
import { appuntamentiCerca } from './appuntamenti';
import { clientiCerca } from './clienti';
import type { Handler } from './types';

const EACH = 5;

/** One keystroke away from any client, rapporto or appointment: reuses the two searches. */
export const ricercaRapida: Handler<'ricerca.rapida'> = async ({ testo }, ctx) => {
  const text = normalizeSearchText(testo);
  if (text.length < 2) return [];
  const digits = /^\d{1,10}$/.test(text);
  const clienti = await clientiCerca({ testo: text, limite: EACH, offset: 0 }, ctx);
  const risultati: RisultatoRapido[] = clienti.righe.map((c) => ({
    tipo: 'cliente',
    percorso: `/clienti/${c.codiceFiscale}`,
    titolo: `${c.cognome} ${c.nome}`,
    dettaglio: `${c.codiceFiscale} · ${c.comune}`,
  }));
  if (digits) {
    for (const r of ctx.store.rapporti.perPrefisso(text, EACH))
      risultati.push({ tipo: 'rapporto', percorso: `/clienti/${r.cf}`, titolo: r.codice, dettaglio: `${r.datore} · ${r.lavoratore}` });
  }
  const appuntamenti = await appuntamentiCerca(
    { codiceRapporto: digits ? text : '', testo: digits ? '' : text, ordine: '-data', limite: EACH, offset: 0 },
    ctx,
  );
  for (const a of appuntamenti.righe) {
    risultati.push({
      tipo: 'appuntamento',
      percorso: `/appuntamenti/${a.id}`,
      titolo: `${formatDataIt(a.data)} ${a.ora} · ${a.datoreNominativo}`,
      dettaglio: a.sedeNome,
    });
  }
  return risultati;
};
