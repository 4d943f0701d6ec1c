import { api, type HostProcess } from './host';

export interface Bookable {
  cf: string;
  rapporto: string;
  quesito: string;
}

interface Quesito {
  id: string;
  idoneita: { idoneo: boolean };
  prenotato: boolean;
}

/** Idonei, not yet booked quesiti of clients with an active delega, in a stable order (at most `max`). */
export async function bookables(host: HostProcess, max = 3): Promise<Bookable[]> {
  const out: Bookable[] = [];
  const clienti = await api<{ righe: { codiceFiscale: string }[] }>(host, 'clienti.cerca', { delega: ['attiva'], limite: 500 });
  for (const c of clienti.righe) {
    const d = await api<{ rapporti: { codice: string }[] }>(host, 'cliente.dettaglio', { codiceFiscale: c.codiceFiscale });
    for (const r of d.rapporti) {
      for (const q of await api<Quesito[]>(host, 'rapporto.quesiti', { codiceRapporto: r.codice })) {
        if (q.idoneita.idoneo && !q.prenotato) out.push({ cf: c.codiceFiscale, rapporto: r.codice, quesito: q.id });
        if (out.length >= max) return out;
      }
    }
  }
  if (out.length === 0) throw new Error('no bookable quesito in the demo data');
  return out;
}
