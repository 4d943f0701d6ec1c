import { esportaDatiCliente } from '../conservazione/esporta';
import type { Handler } from './types';

/** GDPR art. 15: the client's data held here, as a zip; the export is recorded (the data leave the PC). */
export const clienteEsportaDati: Handler<'cliente.esportaDati'> = async ({ codiceFiscale }, ctx) => {
  const file = await esportaDatiCliente(ctx, codiceFiscale);
  ctx.store.registro.registra(
    { azione: 'cliente.esportaDati', entita: 'cliente', entitaId: codiceFiscale, clienteCf: codiceFiscale, dettagli: JSON.stringify({ file: file.nomeFile }) },
    ctx.clock.now().toISOString(),
  );
  return file;
};
