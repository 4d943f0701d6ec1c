import { strToU8, zipSync, type Zippable } from 'fflate';
import type { FileEsportato } from '../../common/commands/types';
import { sanitizeFileName } from '../../common/domain/allegati';
import { STATO_LABELS } from '../../common/domain/appuntamentoStato';
import { formatDataIt, romeDate } from '../../common/domain/calendario';
import { AppError } from '../../common/errors';
import { BOZZA_STATO_LABELS, MODALITA_LABELS } from '../../common/model';
import type { CoreContext } from '../context';
import type { DatiCliente } from '../store/datiCliente';
import { riepilogoPdf, type Sezione } from './riepilogoPdf';

// «Esporta i dati del cliente» (GDPR art. 15): what this PC holds about one client, as a zip with
// riepilogo.pdf (to read), dati.json (to process: versioned) and the attachment files this PC has,
// decrypted through ctx.allegati. Nothing of any other client goes in.

export const FORMATO_DATI = 'cassetto-desk/dati-cliente';
export const VERSIONE_DATI = 1;

const DELEGA: Record<string, string> = { da_attivare: 'da attivare', attiva: 'attiva', revocata: 'revocata', annullata: 'annullata' };
const ESITO: Record<string, string> = { in_attesa: 'in attesa di risposta', positivo: 'esito positivo', negativo: 'esito negativo' };
const AUTORE: Record<string, string> = { sede: 'Sede INPS', intermediario: 'Ufficio', cittadino: 'Cittadino' };

const data = (d: string | null) => (d ? formatDataIt(d) : '—');
const istante = (i: string) =>
  `${formatDataIt(romeDate(i))} ${new Date(i).toLocaleTimeString('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' })}`;

export function raccogli(ctx: CoreContext, cf: string): DatiCliente {
  const s = ctx.store.datiCliente;
  const datore = s.datore(cf);
  if (!datore) throw new AppError('NON_TROVATO', 'Nessun cliente con questo codice fiscale tra quelli dell’ufficio: controlla il codice fiscale.');
  return {
    datore,
    deleghe: s.deleghe(cf),
    rapporti: s.rapporti(cf),
    quesiti: s.quesiti(cf),
    appuntamenti: s.appuntamenti(cf),
    comunicazioni: s.comunicazioni(cf),
    bozze: s.bozze(cf),
    registro: s.registro(cf),
  };
}

interface AllegatoEsportato {
  sha256: string;
  nomeFile: string;
  mime: string;
  dimensione: number;
  /** The file's path in the zip; null when this PC does not hold it (it is in the Cassetto). */
  file: string | null;
  nota: string | null;
}

/** Every attachment of the client's drafts and appointments once, with its bytes when held here. */
function allegati(ctx: CoreContext, d: DatiCliente): { elenco: AllegatoEsportato[]; files: Zippable } {
  const tutti = new Map<string, { nomeFile: string; mime: string; dimensione: number }>();
  for (const a of [...d.bozze.flatMap((b) => b.allegati), ...d.appuntamenti.flatMap((a) => a.allegati)]) {
    if (!tutti.has(a.sha256)) tutti.set(a.sha256, a);
  }
  const tenuti = ctx.store.datiCliente.tenuti([...tutti.keys()]);
  const files: Zippable = {};
  const elenco = [...tutti].map(([sha256, a]): AllegatoEsportato => {
    if (!tenuti.has(sha256)) return { sha256, ...a, file: null, nota: 'Non è su questo computer: si consulta nel Cassetto previdenziale.' };
    try {
      const file = `allegati/${sha256.slice(0, 8)}-${sanitizeFileName(a.nomeFile)}`;
      files[file] = ctx.allegati.read(sha256);
      return { sha256, ...a, file, nota: null };
    } catch (error) {
      return { sha256, ...a, file: null, nota: error instanceof AppError ? error.message : 'Il file non si può leggere.' };
    }
  });
  return { elenco, files };
}

function sezioni(d: DatiCliente, elenco: AllegatoEsportato[]): Sezione[] {
  const c = d.datore;
  return [
    {
      titolo: 'Anagrafica',
      righe: [
        `${c.cognome} ${c.nome} — codice fiscale ${c.codiceFiscale}`,
        `Comune: ${c.comune} (${c.provincia})`,
        `Telefono: ${c.telefono ?? '—'} · E-mail: ${c.email ?? '—'}`,
      ],
    },
    {
      titolo: 'Deleghe',
      righe: d.deleghe.map(
        (x) =>
          `${DELEGA[x.stato] ?? x.stato}: sottoscritta il ${data(x.dataSottoscrizione)}, attivata ${data(x.dataAttivazione)}, scadenza ${data(x.dataScadenza)}, fine ${data(x.dataFine)}${x.motivoFine ? ` (${x.motivoFine})` : ''}`,
      ),
    },
    {
      titolo: 'Rapporti di lavoro',
      righe: d.rapporti.map(
        (r) =>
          `${r.codice} — ${r.lavoratoreNominativo} (${r.tipologia.replace('_', ' ')}), dal ${data(r.dataInizio)}${r.dataFine ? ` al ${data(r.dataFine)}` : ''}`,
      ),
    },
    {
      titolo: 'Quesiti',
      righe: d.quesiti.map(
        (q) =>
          `${q.protocollo} del ${data(q.dataInvio)} — ${q.argomentoDescrizione ?? q.argomento}: ${q.oggetto}. ${ESITO[q.esito] ?? q.esito}${q.dataEsito ? ` il ${data(q.dataEsito)}` : ''}${q.motivoEsito ? ` (${q.motivoEsito})` : ''}`,
      ),
    },
    {
      titolo: 'Appuntamenti',
      righe: d.appuntamenti.map(
        (a) =>
          `${data(a.data)} ore ${a.ora} — ${a.sedeNome ?? a.sedeId}, ${MODALITA_LABELS[a.modalita]}: ${STATO_LABELS[a.stato]}${a.motivoStato ? ` (${a.motivoStato})` : ''}. Rapporto ${a.codiceRapporto}${a.nota ? `. Nota: ${a.nota}` : ''}`,
      ),
    },
    {
      titolo: 'Comunicazioni con la sede',
      righe: [
        ...d.comunicazioni.inviate.map((m) => `${istante(m.inviataIl)} — ${AUTORE[m.autore] ?? m.autore}: ${m.testo}`),
        ...d.comunicazioni.inCoda.map((m) => `${istante(m.creataIl)} — Ufficio (non ancora inviata): ${m.testo}`),
      ],
    },
    {
      titolo: 'Bozze di prenotazione',
      righe: d.bozze.map(
        (b) =>
          `Creata il ${istante(b.creataIl)} — ${BOZZA_STATO_LABELS[b.stato]}, rapporto ${b.codiceRapporto}, ${b.quesitiIds.length} quesiti${b.nota ? `. Nota: ${b.nota}` : ''}`,
      ),
    },
    {
      titolo: 'Allegati',
      righe: elenco.map((a) => `${a.nomeFile} (${a.mime}, ${a.dimensione} byte)${a.file ? ` — nel file: ${a.file}` : ` — ${a.nota ?? ''}`}`),
    },
    {
      titolo: 'Registro delle attività su questi dati',
      righe: d.registro.map((r) => `${istante(r.il)} — ${r.azione}${r.operatore ? ` (${r.operatore})` : ''}${r.esito === 'errore' ? ' — non riuscita' : ''}`),
    },
  ];
}

export async function esportaDatiCliente(ctx: CoreContext, cf: string): Promise<FileEsportato> {
  const d = raccogli(ctx, cf);
  const now = ctx.clock.now();
  const { elenco, files } = allegati(ctx, d);
  const json = {
    formato: FORMATO_DATI,
    versione: VERSIONE_DATI,
    generatoIl: now.toISOString(),
    app: { nome: ctx.app.nome, versione: ctx.app.versione },
    ...d,
    allegati: elenco,
  };
  const pdf = await riepilogoPdf({
    titolo: `Dati di ${d.datore.cognome} ${d.datore.nome}`,
    sottotitolo: `Dati tenuti su questo computer da Cassetto Desk, esportati il ${istante(now.toISOString())} (art. 15 GDPR). I dati completi sono in dati.json.`,
    sezioni: sezioni(d, elenco),
    creatoIl: now,
  });
  const zip = zipSync({ 'riepilogo.pdf': pdf, 'dati.json': strToU8(`${JSON.stringify(json, null, 2)}\n`), ...files }, { level: 6, mtime: now });
  return {
    nomeFile: `dati-cliente-${d.datore.codiceFiscale}-${romeDate(now)}.zip`,
    mime: 'application/zip',
    contenuto: Buffer.from(zip).toString('base64'),
    codifica: 'base64',
    righe: 1 + d.appuntamenti.length + d.bozze.length,
  };
}
