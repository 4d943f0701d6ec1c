import type { PrenotazioneDemo } from '../../common/demo/osservazioni';
import type { Queries } from './queries';

/** Whether the cache has slot observations already, or bookings to derive them from, or neither yet. */
export function statoOsservazioni(q: Queries): 'presenti' | 'da_derivare' | 'senza_prenotazioni' {
  const row = q.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM slot_osservazioni) AS presenti, EXISTS (SELECT 1 FROM appuntamenti) AS prenotazioni').get() as {
    presenti: number;
    prenotazioni: number;
  };
  return row.presenti === 1 ? 'presenti' : row.prenotazioni === 1 ? 'da_derivare' : 'senza_prenotazioni';
}

/** The office's bookings in the cache, for the embedded demo's slot history. */
export function prenotazioniDemo(q: Queries): PrenotazioneDemo[] {
  const rows = q.sqlite
    .prepare('SELECT sede_id, creato_il, data, operatore_id, gestito_da_intermediario FROM appuntamenti WHERE gestito_da_intermediario = 1')
    .all() as { sede_id: string; creato_il: string; data: string; operatore_id: string | null; gestito_da_intermediario: 0 | 1 }[];
  return rows.map((r) => ({
    sedeId: r.sede_id,
    creatoIl: r.creato_il,
    data: r.data,
    operatoreId: r.operatore_id,
    gestitoDaIntermediario: r.gestito_da_intermediario === 1,
  }));
}
