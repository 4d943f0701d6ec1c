import { formatDataIt, romeDate } from '../../common/domain/calendario';
import { AppError, type ErrorDetail } from '../../common/errors';
import { MAILTO_MAX } from '../../common/externalLinks';
import type { CoreContext } from '../context';
import { promemoriaPdf as pdfDi } from '../promemoria/pdf';
import { mailtoLink, promemoriaEmail as emailDi, promemoriaTesto } from '../promemoria/testo';
import type { PromemoriaDati } from '../store/promemoria';
import type { Handler } from './types';

const NON_PER_IL_CLIENTE = {
  cancellato: 'è cancellato: non c’è un appuntamento da ricordare',
  chiuso_definito: 'è chiuso e definito: il cliente non deve presentarsi',
} as const;

/**
 * The appointments of a promemoria, in the order asked. Any unknown or no longer Confermato
 * appointment refuses the whole request, with each reason: nothing half-generated.
 */
function appuntamentiPerPromemoria(ids: readonly string[], ctx: CoreContext): PromemoriaDati[] {
  const dati: PromemoriaDati[] = [];
  const problemi: (ErrorDetail & { code: string })[] = [];
  ids.forEach((id, i) => {
    const p = ctx.store.promemoria.perAppuntamento(id);
    if (!p) problemi.push({ code: 'NON_TROVATO', path: `ids.${i}`, message: `L’appuntamento ${id} non è tra quelli dell’ufficio (sincronizza e riprova).` });
    else if (p.stato !== 'confermato') {
      const chi = `${p.cliente.cognome} ${p.cliente.nome}`;
      problemi.push({
        code: 'STATO_NON_VALIDO',
        path: `ids.${i}`,
        message: `L’appuntamento di ${chi} del ${formatDataIt(p.data)} ${NON_PER_IL_CLIENTE[p.stato]}.`,
      });
    } else dati.push(p);
  });
  const primo = problemi[0];
  if (primo) {
    const details = problemi.map(({ path, message }) => ({ path, message }));
    const quanti = problemi.length === 1 ? primo.message : `${problemi.length} appuntamenti non possono avere un promemoria. ${primo.message}`;
    throw new AppError(primo.code, `${quanti} Nessun promemoria preparato.`, details);
  }
  return dati;
}

function registra(azione: string, dati: readonly PromemoriaDati[], ctx: CoreContext): void {
  const voci = dati.map((p) => ({ azione, entita: 'appuntamento', entitaId: p.id, clienteCf: p.cliente.codiceFiscale }));
  ctx.store.registro.registraMolte(voci, ctx.clock.now().toISOString());
}

export const promemoriaPdf: Handler<'promemoria.pdf'> = async ({ ids }, ctx) => {
  const dati = appuntamentiPerPromemoria(ids, ctx);
  const ufficio = ctx.workspace?.stato().ufficio ?? null;
  const oggi = romeDate(ctx.clock.now());
  const bytes = await pdfDi(
    dati.map((p) => promemoriaTesto(p, ufficio)),
    { creatoIl: ctx.clock.now(), preparato: `Preparato il ${formatDataIt(oggi)} con Cassetto Desk.` },
  );
  registra('promemoria.pdf', dati, ctx);
  // Named after the appointments' day when they share one (tomorrow's agenda), else after today.
  const giorno = dati.every((p) => p.data === dati[0]!.data) ? dati[0]!.data : oggi;
  return {
    nomeFile: `promemoria-${giorno}.pdf`,
    mime: 'application/pdf',
    contenuto: Buffer.from(bytes).toString('base64'),
    codifica: 'base64',
    righe: dati.length,
  };
};

export const promemoriaEmail: Handler<'promemoria.email'> = async ({ id }, ctx) => {
  const [dati] = appuntamentiPerPromemoria([id], ctx);
  const { oggetto, testo } = emailDi(promemoriaTesto(dati!, ctx.workspace?.stato().ufficio ?? null));
  const destinatario = dati!.cliente.email;
  let mailto = mailtoLink(destinatario, oggetto, testo);
  // Too long for a mail program's command line: the message opens with the subject, the text is pasted.
  if (mailto.length > MAILTO_MAX) mailto = mailtoLink(destinatario, oggetto, '');
  registra('promemoria.email', [dati!], ctx);
  return { destinatario, oggetto, testo, mailto };
};
