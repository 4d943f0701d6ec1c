import fs from 'node:fs';
import path from 'node:path';
import { subMonths } from 'date-fns';
import {
  CONSERVAZIONE_MESI_DEFAULT,
  type ConservazioneAnteprima,
  type ConservazioneConteggi,
  type ConservazioneEsito,
} from '../../common/commands/conservazione';
import { romeDate } from '../../common/domain/calendario';
import { AppError } from '../../common/errors';
import type { IsoDate } from '../../common/model';
import type { CoreContext } from '../context';
import { ZERO, type CorsaConservazione } from '../store/conservazione';
import { segnaVacuumDaFare } from './vacuum';

// Retention (#12): the preview, the confirmed run, and its resumption after a crash. A run is one
// marker row (conservazione_corsa) written before anything is removed, then one transaction per
// client, then the files nothing holds any more are unlinked — only after their rows' commit —
// and the marker is cleared with the run's line in the registro. A marker found at start means the
// process died midway: the run is completed then (each client's purge is idempotent).

/** Test-only kill points (the crash test of conservazione): after a client's commit; after every commit, before the files. */
export type PuntoCorsa = 'cliente' | 'file';
export type SondaCorsa = (punto: PuntoCorsa) => void;

const SHA256 = /^[0-9a-f]{64}$/;

/** The first day still kept: deleghe ended before it are past retention (`mesi` whole months before today, Rome). */
export function sogliaPer(oggi: IsoDate, mesi: number): IsoDate {
  return subMonths(new Date(`${oggi}T12:00:00Z`), mesi)
    .toISOString()
    .slice(0, 10);
}

export function mesiConservazione(ctx: CoreContext): number {
  return ctx.workspace?.conservazioneMesi() ?? CONSERVAZIONE_MESI_DEFAULT;
}

function somma(a: ConservazioneConteggi, b: ConservazioneConteggi): ConservazioneConteggi {
  return {
    bozze: a.bozze + b.bozze,
    note: a.note + b.note,
    allegati: a.allegati + b.allegati,
    allegatiByte: a.allegatiByte + b.allegatiByte,
    comunicazioni: a.comunicazioni + b.comunicazioni,
    avvisi: a.avvisi + b.avvisi,
  };
}

const vuoto = (c: ConservazioneConteggi) => c.bozze + c.note + c.allegati + c.comunicazioni + c.avvisi === 0;

export function anteprima(ctx: CoreContext, mesi: number): ConservazioneAnteprima {
  const store = ctx.store.conservazione;
  const soglia = sogliaPer(romeDate(ctx.clock.now()), mesi);
  const finite = store.finite(soglia);
  const conteggi = store.conteggi(finite.map((c) => c.codiceFiscale));
  const clienti = finite.flatMap((c) => {
    const n = conteggi.get(c.codiceFiscale);
    return n && !vuoto(n) ? [{ ...c, ...n }] : [];
  });
  const orfani = store.allegatiOrfani();
  // A file two clients of the list share is counted for each, once in the totals.
  const daTogliere = new Map(store.allegatiDaTogliere(clienti.map((c) => c.codiceFiscale)).map((a) => [a.sha256, a.dimensione]));
  for (const o of orfani) daTogliere.set(o.sha256, o.dimensione);
  const totali = {
    ...clienti.reduce(somma, { ...ZERO }),
    allegati: daTogliere.size,
    allegatiByte: [...daTogliere.values()].reduce((n, d) => n + d, 0),
  };
  return { mesi, soglia, clienti, orfani: { allegati: orfani.length, allegatiByte: orfani.reduce((n, o) => n + o.dimensione, 0) }, totali };
}

function stessiClienti(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((cf) => set.has(cf));
}

/** The confirmed run: refused unless it is exactly what a preview made now would show. */
export function esegui(ctx: CoreContext, conferma: { soglia: IsoDate; clienti: readonly string[] }, sonda?: SondaCorsa): ConservazioneEsito {
  // A run a crash interrupted is completed first; if it is the one confirmed again, that is the answer.
  const interrotta = ctx.store.conservazione.corsa();
  if (interrotta) {
    const esito = riprendi(ctx)!;
    if (interrotta.soglia === conferma.soglia && stessiClienti(interrotta.clienti, conferma.clienti)) return esito;
  }
  const attuale = anteprima(ctx, mesiConservazione(ctx));
  if (
    conferma.soglia !== attuale.soglia ||
    !stessiClienti(
      conferma.clienti,
      attuale.clienti.map((c) => c.codiceFiscale),
    )
  ) {
    throw new AppError(
      'ANTEPRIMA_NON_AGGIORNATA',
      'L’anteprima confermata non corrisponde più ai dati di oggi (sono cambiati i mesi impostati, le deleghe o il giorno): rifai l’anteprima e conferma di nuovo. Non è stato cancellato nulla.',
    );
  }
  if (attuale.clienti.length === 0 && attuale.orfani.allegati === 0) {
    throw new AppError('NIENTE_DA_CANCELLARE', 'Non ci sono dati da cancellare: nessun cliente ha la delega finita da più dei mesi impostati.');
  }
  const corsa: CorsaConservazione = {
    avviataIl: ctx.clock.now().toISOString(),
    soglia: attuale.soglia,
    clienti: attuale.clienti.map((c) => c.codiceFiscale),
    operatore: ctx.store.sessione.ultimo()?.username ?? null,
  };
  ctx.store.transaction(() => ctx.store.conservazione.segnaCorsa(corsa));
  ctx.logger.log('info', 'retention run started', { clients: corsa.clienti.length });
  return completa(ctx, corsa, false, sonda);
}

/** At start: a marker left by a run the process did not finish. Completes it; null when there was none. */
export function riprendi(ctx: CoreContext, sonda?: SondaCorsa): ConservazioneEsito | null {
  const corsa = ctx.store.conservazione.corsa();
  if (!corsa) return null;
  ctx.logger.log('warn', 'retention run interrupted, resuming', { clients: corsa.clienti.length });
  return completa(ctx, corsa, true, sonda);
}

function completa(ctx: CoreContext, corsa: CorsaConservazione, ripresa: boolean, sonda?: SondaCorsa): ConservazioneEsito {
  const store = ctx.store.conservazione;
  const il = () => ctx.clock.now().toISOString();
  let totali = { ...ZERO };
  const sha256 = new Set<string>();
  store.cancellazioneSicura(() => {
    for (const cf of corsa.clienti) {
      const tolto = ctx.store.transaction(() => {
        const p = store.pulisci(cf, corsa.clienti);
        const { sha256: _, ...conteggi } = p;
        // A client already purged before a crash removes nothing now, and is not recorded twice.
        if (!vuoto(conteggi)) {
          ctx.store.registro.registra(
            { azione: 'conservazione.esegui', entita: 'cliente', entitaId: cf, clienteCf: cf, dettagli: JSON.stringify({ soglia: corsa.soglia, ...conteggi }) },
            il(),
          );
        }
        return p;
      });
      totali = somma(totali, tolto);
      for (const s of tolto.sha256) sha256.add(s);
      sonda?.('cliente');
    }
    const orfani = ctx.store.transaction(() => store.pulisciOrfani());
    for (const o of orfani) sha256.add(o.sha256);
    totali = { ...totali, allegati: sha256.size, allegatiByte: totali.allegatiByte + orfani.reduce((n, o) => n + o.dimensione, 0) };
  });
  sonda?.('file');
  // Only now, after the commits: no row can point at a missing file. A crash before this line
  // left files no row holds; the resumed run finds them by walking the folder.
  let fileEliminati = 0;
  for (const s of sha256) if (ctx.allegati.elimina(s)) fileEliminati++;
  if (ripresa) fileEliminati += eliminaFileSenzaRiga(ctx);
  const esito: ConservazioneEsito = { soglia: corsa.soglia, clienti: corsa.clienti.length, totali, fileEliminati };
  ctx.store.transaction(() => {
    store.chiudiCorsa();
    ctx.store.registro.registra(
      { azione: 'conservazione.esegui', entita: 'corsa', entitaId: corsa.avviataIl, dettagli: JSON.stringify({ ...esito, ripresa }) },
      il(),
    );
  });
  if (ctx.app.percorsoDati) segnaVacuumDaFare(ctx.app.percorsoDati);
  ctx.logger.log('info', 'retention run completed', { clients: esito.clienti, files: fileEliminati, resumed: ripresa });
  ctx.events.emit('dati.aggiornati', {});
  return esito;
}

/** Attachment files on disk that no row holds (a run killed between its commit and the unlinks). */
function eliminaFileSenzaRiga(ctx: CoreContext): number {
  const tenuti = ctx.store.conservazione.allegatiTenuti();
  let n = 0;
  const cartelle = fs.existsSync(ctx.allegati.dir) ? fs.readdirSync(ctx.allegati.dir) : [];
  for (const cartella of cartelle.filter((c) => /^[0-9a-f]{2}$/.test(c))) {
    for (const nome of fs.readdirSync(path.join(ctx.allegati.dir, cartella))) {
      if (SHA256.test(nome) && nome.startsWith(cartella) && !tenuti.has(nome) && ctx.allegati.elimina(nome)) n++;
    }
  }
  return n;
}
