// Consistency and realism checks for a generated demo dataset (used by generator.test.ts).
// Pure: returns the list of violations (at most 30), empty when the dataset holds every rule.
import { ARGOMENTI, DELEGA_STATI, ESITI, MODALITA, TIPOLOGIE_RAPPORTO } from '../model';
import type { Appuntamento, Delega, IsoDate, Quesito, Rapporto, Sede } from '../model';
import { isValidCodiceFiscale } from '../domain/codiceFiscale';
import { addDays, isWorkingDay, isoWeekday, romeDate, romeInstant } from '../domain/calendario';
import { valutaIdoneita } from '../domain/idoneita';
import { DEMO_INTERMEDIARIO_ID, datasetCounts, type DemoDataset } from './generator';
import { COMUNI } from './names';

// ───────────── helpers ─────────────

const MONTHS = 'ABCDEHLMPRST';

/** Birth date and sex written in a (non-omocode) codice fiscale. */
function decodeCf(cf: string, today: IsoDate): { nascita: IsoDate; sesso: 'M' | 'F' } {
  const yy = Number(cf.slice(6, 8));
  const year = 2000 + yy > Number(today.slice(0, 4)) ? 1900 + yy : 2000 + yy;
  const month = MONTHS.indexOf(cf.charAt(8)) + 1;
  const dd = Number(cf.slice(9, 11));
  return {
    nascita: `${year}-${String(month).padStart(2, '0')}-${String(dd > 40 ? dd - 40 : dd).padStart(2, '0')}`,
    sesso: dd > 40 ? 'F' : 'M',
  };
}

function ageOn(nascita: IsoDate, today: IsoDate): number {
  let age = Number(today.slice(0, 4)) - Number(nascita.slice(0, 4));
  if (today.slice(5) < nascita.slice(5)) age--;
  return age;
}

function luhn11(cf: string): boolean {
  if (!/^\d{11}$/.test(cf)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const n = Number(cf.charAt(i));
    sum += i % 2 === 0 ? n : n * 2 > 9 ? n * 2 - 9 : n * 2;
  }
  return (10 - (sum % 10)) % 10 === Number(cf.charAt(10));
}

function minutes(t: string): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

/** The quesito as it stood on day `d`: an esito given later was still 'in attesa'. */
function asOf(q: Quesito, d: IsoDate): { esito: Quesito['esito']; dataInvio: IsoDate; dataEsito: IsoDate | null } {
  if (q.dataEsito !== null && q.dataEsito <= d) return { esito: q.esito, dataInvio: q.dataInvio, dataEsito: q.dataEsito };
  return { esito: 'in_attesa', dataInvio: q.dataInvio, dataEsito: null };
}

function activeOn(d: Delega, day: IsoDate): boolean {
  return d.dataAttivazione !== null && d.dataAttivazione <= day && (d.dataFine === null || day < d.dataFine);
}

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const a = m.get(k);
    if (a === undefined) m.set(k, [x]);
    else a.push(x);
  }
  return m;
}

function uniqueCount<T>(xs: readonly T[]): number {
  return new Set(xs).size;
}

/**
 * Every realism and consistency rule. Per-item checks that are slow (Rome dates, idoneità) run on
 * every `stride`-th appointment; global invariants always run on everything. Violations are
 * collected (plain comparisons, fast on 200,000 rows) and returned: an empty list means the
 * dataset holds every rule. Used by the tests; handy for any other generated dataset.
 */
export function checkDataset(ds: DemoDataset, opts: { stride?: number; coverage?: 'full' | 'basic' } = {}): string[] {
  const stride = opts.stride ?? 1;
  const full = (opts.coverage ?? 'full') === 'full';
  const errors: string[] = [];
  const ok = (cond: boolean, msg: string | (() => string)): void => {
    if (!cond && errors.length < 30) errors.push(typeof msg === 'string' ? msg : msg());
  };
  const today = ds.today;
  const nowMs = Date.parse(romeInstant(today, '00:00'));
  const counts = datasetCounts(ds.size);

  // Counts.
  ok(ds.datori.length === counts.datori, 'datori');
  ok(ds.deleghe.length === counts.deleghe, 'deleghe');
  ok(ds.rapporti.length === counts.rapporti, 'rapporti');
  ok(ds.quesiti.length === counts.quesiti, 'quesiti');
  ok(ds.appuntamenti.length === counts.appuntamenti, 'appuntamenti');
  ok(ds.comunicazioni.length === counts.comunicazioni, 'comunicazioni');
  ok(ds.sedi.length === counts.sedi, 'sedi');

  // Argomenti.
  ok(ds.argomenti.map((a) => a.codice).join() === ARGOMENTI.join(), 'argomenti: codici');
  for (const a of ds.argomenti) {
    ok(a.descrizione.length > 5, `argomento ${a.codice}: descrizione`);
    ok(Number.isInteger(a.termineGiorni) && a.termineGiorni > 0, `argomento ${a.codice}: termine`);
  }
  const termine = new Map(ds.argomenti.map((a) => [a.codice, a.termineGiorni]));

  // Intermediari, operatori, accounts.
  ok(ds.intermediari.length === 3 && uniqueCount(ds.intermediari.map((i) => i.id)) === 3, 'intermediari: 3 distinti');
  ok(ds.intermediari.some((i) => i.id === DEMO_INTERMEDIARIO_ID), 'intermediario demo presente');
  for (const i of ds.intermediari) ok(luhn11(i.codiceFiscale), `intermediario ${i.id}: CF ${i.codiceFiscale}`);
  const intermediarioIds = new Set(ds.intermediari.map((i) => i.id));
  const opsPer = groupBy(ds.operatori, (o) => o.intermediarioId);
  for (const i of ds.intermediari) {
    const n = opsPer.get(i.id)?.length ?? 0;
    ok(i.id === DEMO_INTERMEDIARIO_ID ? n >= 3 && n <= 4 : n >= 1 && n <= 2, `operatori di ${i.id}: ${n}`);
  }
  const operatori = new Map(ds.operatori.map((o) => [o.id, o]));
  ok(operatori.size === ds.operatori.length, 'operatori: id unici');
  ok(ds.accounts.length === ds.operatori.length, 'un account per operatore');
  ok(uniqueCount(ds.accounts.map((a) => a.username)) === ds.accounts.length, 'account: username unici');
  for (const a of ds.accounts) {
    const op = operatori.get(a.operatoreId);
    ok(a.password.length > 0 && op?.intermediarioId === a.intermediarioId && op.username === a.username, `account ${a.username}`);
  }

  // Datori.
  const datori = new Map(ds.datori.map((d) => [d.codiceFiscale, d]));
  ok(datori.size === ds.datori.length, 'datori: CF unici');
  const comuni = new Map(COMUNI.map((c) => [c.nome, c]));
  let anziani = 0;
  for (const d of ds.datori) {
    ok(isValidCodiceFiscale(d.codiceFiscale), `datore ${d.codiceFiscale}: CF non valido`);
    const age = ageOn(decodeCf(d.codiceFiscale, today).nascita, today);
    ok(age >= 30 && age <= 90, `datore ${d.codiceFiscale}: età ${age}`);
    if (age >= 75) anziani++;
    ok(comuni.get(d.comune)?.provincia === d.provincia, `datore ${d.codiceFiscale}: comune/provincia`);
    ok(d.nome.length > 0 && d.cognome.length > 0, `datore ${d.codiceFiscale}: nome`);
    ok(d.telefono === null || /^3\d{9}$/.test(d.telefono), `datore ${d.codiceFiscale}: telefono ${d.telefono}`);
    ok(d.email === null || /^[a-z]+\.[a-z]+\d*@[a-z.]+$/.test(d.email), `datore ${d.codiceFiscale}: email ${d.email}`);
  }
  ok(anziani / ds.datori.length > 0.2, `datori anziani: ${anziani}`);
  ok(ds.datori.some((d) => d.telefono !== null) && ds.datori.some((d) => d.telefono === null), 'telefono: alcuni sì, alcuni no');
  ok(ds.datori.some((d) => d.email !== null) && ds.datori.some((d) => d.email === null), 'email: alcuni sì, alcuni no');
  ok(ds.citizenAccounts.length > 0, 'account cittadino');
  for (const c of ds.citizenAccounts) ok(datori.has(c.datoreCf) && c.password.length > 0, `cittadino ${c.username}`);
  ok(
    uniqueCount([...ds.accounts, ...ds.citizenAccounts].map((a) => a.username)) ===
      ds.accounts.length + ds.citizenAccounts.length,
    'username unici (operatori e cittadini)',
  );

  // Deleghe.
  ok(uniqueCount(ds.deleghe.map((d) => d.id)) === ds.deleghe.length, 'deleghe: id unici');
  const delegheDi = groupBy(ds.deleghe, (d) => d.datoreCf);
  const statiDemo = new Set<string>();
  let revocateAltro = 0;
  let inScadenza = 0;
  const entro30 = addDays(today, 30);
  for (const d of ds.deleghe) {
    const tag = `delega ${d.id} (${d.stato})`;
    ok(datori.has(d.datoreCf) && intermediarioIds.has(d.intermediarioId), `${tag}: riferimenti`);
    ok(d.dataSottoscrizione < today, `${tag}: sottoscrizione`);
    ok(d.dataAttivazione === null || d.dataSottoscrizione <= d.dataAttivazione, `${tag}: attivazione prima della firma`);
    switch (d.stato) {
      case 'attiva':
        ok(d.dataAttivazione !== null && d.dataAttivazione < today && d.dataFine === null, tag);
        ok(d.dataScadenza === null || d.dataScadenza > today, `${tag}: scaduta`);
        if (d.dataScadenza !== null && d.dataScadenza <= entro30) inScadenza++;
        break;
      case 'da_attivare':
        ok(d.dataAttivazione === null && d.dataFine === null, tag);
        break;
      case 'annullata':
        ok(d.dataAttivazione === null && d.dataFine !== null && d.motivoFine !== null, tag);
        break;
      case 'revocata':
        ok(
          d.dataAttivazione !== null && d.dataFine !== null && d.dataAttivazione < d.dataFine && d.dataFine < today,
          `${tag}: date`,
        );
        ok(d.motivoFine !== null, `${tag}: motivo`);
        break;
    }
  }
  for (const dt of ds.datori) {
    const list = delegheDi.get(dt.codiceFiscale) ?? [];
    const demo = list.filter((d) => d.intermediarioId === DEMO_INTERMEDIARIO_ID);
    ok(demo.length === 1, `datore ${dt.codiceFiscale}: ${demo.length} deleghe all'ufficio demo`);
    if (demo[0] !== undefined) statiDemo.add(demo[0].stato);
    ok(list.filter((d) => d.stato === 'attiva').length <= 1, `datore ${dt.codiceFiscale}: più deleghe attive`);
    // Active periods never overlap.
    const periods = list
      .filter((d) => d.dataAttivazione !== null)
      .map((d) => [d.dataAttivazione!, d.dataFine ?? '9999-12-31'] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (let i = 1; i < periods.length; i++) {
      ok(periods[i - 1]![1] <= periods[i]![0], `datore ${dt.codiceFiscale}: deleghe attive sovrapposte`);
    }
    const altre = list.filter((d) => d.intermediarioId !== DEMO_INTERMEDIARIO_ID);
    if (altre.length > 0 && demo[0] !== undefined) {
      revocateAltro++;
      const own = demo[0];
      const other = altre[0]!;
      ok(
        own.stato === 'revocata' && /altro intermediario/.test(own.motivoFine ?? '') && altre.length === 1,
        `datore ${dt.codiceFiscale}: revoca per altro intermediario`,
      );
      ok(
        other.stato === 'attiva' &&
          other.dataSottoscrizione > own.dataSottoscrizione &&
          other.dataAttivazione !== null &&
          own.dataFine !== null &&
          other.dataAttivazione >= own.dataFine,
        `datore ${dt.codiceFiscale}: delega all'altro intermediario`,
      );
    }
  }
  ok([...statiDemo].sort().join() === [...DELEGA_STATI].sort().join(), `stati delega: ${[...statiDemo].join()}`);
  ok(revocateAltro === counts.deleghe - counts.datori && revocateAltro > 0, `revocate per altro intermediario: ${revocateAltro}`);
  ok(inScadenza > 0, 'deleghe in scadenza nei prossimi 30 giorni');

  // Rapporti.
  const rapporti = new Map<string, Rapporto>(ds.rapporti.map((r) => [r.codice, r]));
  ok(rapporti.size === ds.rapporti.length, 'codici rapporto unici');
  const rapportiDi = groupBy(ds.rapporti, (r) => r.datoreCf);
  for (const dt of ds.datori) {
    const n = rapportiDi.get(dt.codiceFiscale)?.length ?? 0;
    ok(n >= 1 && n <= 3, `datore ${dt.codiceFiscale}: ${n} rapporti`);
  }
  for (const r of ds.rapporti) {
    const tag = `rapporto ${r.codice}`;
    ok(/^[0-9]{10}$/.test(r.codice), `${tag}: formato`);
    ok(datori.has(r.datoreCf), `${tag}: datore`);
    ok(isValidCodiceFiscale(r.lavoratoreCf), `${tag}: CF lavoratore ${r.lavoratoreCf}`);
    ok(r.lavoratoreNominativo.length > 3, `${tag}: nominativo`);
    ok(r.dataInizio < today, `${tag}: inizio`);
    ok(r.dataFine === null || (r.dataInizio < r.dataFine && r.dataFine < today), `${tag}: fine`);
  }
  const tipologie = new Set(ds.rapporti.map((r) => r.tipologia));
  for (const t of tipologie) ok(TIPOLOGIE_RAPPORTO.includes(t), `tipologia ${t}`);
  ok(full ? tipologie.size === TIPOLOGIE_RAPPORTO.length : tipologie.size >= 2, `tipologie: ${[...tipologie].join()}`);
  ok(ds.rapporti.some((r) => r.dataFine !== null) && ds.rapporti.some((r) => r.dataFine === null), 'rapporti cessati e attivi');

  // Quesiti.
  const quesiti = new Map<string, Quesito>(ds.quesiti.map((q) => [q.id, q]));
  ok(quesiti.size === ds.quesiti.length, 'quesiti: id unici');
  ok(uniqueCount(ds.quesiti.map((q) => q.protocollo)) === ds.quesiti.length, 'protocolli unici');
  const seiMesiFa = addDays(today, -183);
  const minInvio = addDays(today, -430);
  let recenti = 0;
  for (let i = 0; i < ds.quesiti.length; i++) {
    const q = ds.quesiti[i]!;
    const tag = `quesito ${q.id}`;
    ok(/^INPS\.\d{4}\.\d{4}\.\d{7}$/.test(q.protocollo) && q.protocollo.slice(10, 14) === q.dataInvio.slice(0, 4), `${tag}: protocollo ${q.protocollo}`);
    const r = rapporti.get(q.codiceRapporto);
    ok(r !== undefined && q.dataInvio > r.dataInizio, `${tag}: rapporto`);
    ok(ARGOMENTI.includes(q.argomento) && q.oggetto.length > 10, `${tag}: argomento/oggetto`);
    ok(q.dataInvio < today && q.dataInvio >= minInvio, `${tag}: dataInvio ${q.dataInvio}`);
    if (q.dataInvio >= seiMesiFa) recenti++;
    if (q.esito === 'in_attesa') ok(q.dataEsito === null && q.motivoEsito === null, `${tag}: in attesa con esito`);
    else {
      ok(q.dataEsito !== null && q.dataEsito > q.dataInvio && q.dataEsito < today, `${tag}: dataEsito`);
      ok(q.motivoEsito !== null && q.motivoEsito.length > 5, `${tag}: motivoEsito`);
    }
    // Sorted by id = sorted by dataInvio.
    if (i > 0) {
      const p = ds.quesiti[i - 1]!;
      ok(p.id < q.id && p.dataInvio <= q.dataInvio, `${tag}: ordine`);
    }
  }
  ok(recenti / ds.quesiti.length > 0.5, `quesiti degli ultimi 6 mesi: ${recenti}`);
  ok(new Set(ds.quesiti.map((q) => q.esito)).size === ESITI.length, 'tutti gli esiti');
  const inAttesa = ds.quesiti.filter((q) => q.esito === 'in_attesa');
  const idoneiOggi = inAttesa.filter((q) => valutaIdoneita(q, termine.get(q.argomento)!, today).idoneo);
  const fra7 = addDays(today, 7);
  const prossimi = inAttesa.filter(
    (q) => !valutaIdoneita(q, termine.get(q.argomento)!, today).idoneo && valutaIdoneita(q, termine.get(q.argomento)!, fra7).idoneo,
  );
  ok(idoneiOggi.length / ds.quesiti.length >= 0.08, `in attesa idonei oggi: ${idoneiOggi.length}`);
  ok(prossimi.length >= 2, `idonei nei prossimi 7 giorni: ${prossimi.length}`);

  // Sedi.
  const sedi = new Map<string, Sede>(ds.sedi.map((s) => [s.id, s]));
  ok(sedi.size === ds.sedi.length, 'sedi: id unici');
  const chiusure = new Map(ds.sedi.map((s) => [s.id, new Set(s.chiusure)]));
  for (const s of ds.sedi) {
    const tag = `sede ${s.id}`;
    ok(s.modalita[0] === 'presenza' && uniqueCount(s.modalita) === s.modalita.length, `${tag}: modalità`);
    for (const m of s.modalita) ok(MODALITA.includes(m), `${tag}: modalità ${m}`);
    ok([15, 20, 30].includes(s.slotMinuti), `${tag}: slot`);
    ok(comuni.get(s.comune)?.provincia === s.provincia && s.nome.startsWith('INPS ') && s.indirizzo.length > 5, tag);
    ok(Object.keys(s.orari).sort().join() === '1,2,3,4,5', `${tag}: giorni di apertura`);
    for (const o of Object.values(s.orari)) {
      ok(/^\d{2}:\d{2}$/.test(o.dalle) && minutes(o.dalle) + s.slotMinuti <= minutes(o.alle), `${tag}: orario`);
    }
    ok([...s.chiusure].sort().join() === s.chiusure.join(), `${tag}: chiusure ordinate`);
    for (const c of s.chiusure) ok(isWorkingDay(c), `${tag}: chiusura in un giorno festivo ${c}`);
  }
  ok(ds.sedi.some((s) => s.chiusure.length > 0), 'qualche chiusura');
  ok(ds.sedi.some((s) => s.modalita.includes('richiamata')), 'qualche sede con richiamata');
  ok(ds.sedi.some((s) => minutes(s.orari[2]!.alle) > 14 * 60), 'qualche apertura pomeridiana');

  // Appuntamenti: per-item checks (sampled on big sets).
  const minData = addDays(today, -380);
  const maxData = addDays(today, 60);
  const apps = ds.appuntamenti;
  ok(uniqueCount(apps.map((a) => a.id)) === apps.length, 'appuntamenti: id unici');
  for (let i = 0; i < apps.length; i += stride) {
    const a = apps[i]!;
    const tag = `appuntamento ${a.id}`;
    const r = rapporti.get(a.codiceRapporto);
    const s = sedi.get(a.sedeId);
    if (r === undefined || s === undefined) {
      ok(false, `${tag}: rapporto o sede inesistenti`);
      continue;
    }
    ok(a.datoreCf === r.datoreCf, `${tag}: datore`);
    ok(s.modalita.includes(a.modalita), `${tag}: modalità ${a.modalita} non offerta`);
    // Day, time, slot.
    ok(isWorkingDay(a.data) && !chiusure.get(a.sedeId)!.has(a.data), `${tag}: giorno ${a.data}`);
    const orario = s.orari[isoWeekday(a.data) as 1 | 2 | 3 | 4 | 5];
    const m = minutes(a.ora);
    ok(
      orario !== undefined &&
        m >= minutes(orario.dalle) &&
        m + s.slotMinuti <= minutes(orario.alle) &&
        (m - minutes(orario.dalle)) % s.slotMinuti === 0,
      `${tag}: ora ${a.ora}`,
    );
    ok(a.data >= minData && a.data <= maxData, `${tag}: data ${a.data}`);
    // Booking day (Rome) and timestamps.
    const booked = romeDate(a.creatoIl);
    ok(booked < today && a.data > booked, `${tag}: prenotato il ${booked} per il ${a.data}`);
    ok(Date.parse(a.aggiornatoIl) >= Date.parse(a.creatoIl) && Date.parse(a.aggiornatoIl) < nowMs, `${tag}: aggiornatoIl`);
    // Stato.
    if (a.stato === 'cancellato') {
      ok(a.cancellatoDa !== null && a.motivoStato !== null && a.aggiornatoIl > a.creatoIl, `${tag}: cancellato`);
    } else ok(a.cancellatoDa === null, `${tag}: cancellatoDa`);
    if (a.stato === 'confermato') ok(a.motivoStato === null && a.aggiornatoIl === a.creatoIl, `${tag}: confermato`);
    if (a.stato === 'chiuso_definito') ok(a.motivoStato !== null && a.aggiornatoIl > a.creatoIl, `${tag}: chiuso`);
    // Who booked it.
    if (a.gestitoDaIntermediario) {
      const op = operatori.get(a.operatoreId ?? '');
      const deleghe = (delegheDi.get(a.datoreCf) ?? []).filter((d) => d.intermediarioId === op?.intermediarioId);
      ok(deleghe.some((d) => activeOn(d, booked)), `${tag}: nessuna delega attiva il ${booked} per ${a.operatoreId}`);
    } else ok(a.operatoreId === null, `${tag}: operatore di un appuntamento del cittadino`);
    // Quesiti of this rapporto, idonei on the booking day.
    ok(a.quesitiIds.length >= 1 && uniqueCount(a.quesitiIds) === a.quesitiIds.length, `${tag}: quesiti`);
    for (const qid of a.quesitiIds) {
      const q = quesiti.get(qid);
      ok(q !== undefined && q.codiceRapporto === a.codiceRapporto, `${tag}: quesito ${qid} di un altro rapporto`);
      if (q === undefined) continue;
      ok(valutaIdoneita(asOf(q, booked), termine.get(q.argomento)!, booked).idoneo, `${tag}: quesito ${qid} non idoneo il ${booked}`);
    }
    ok(a.nota === null || (a.nota.length > 0 && a.nota.length <= 500), `${tag}: nota`);
  }
  // Appuntamenti: global invariants.
  const occupati = new Set<string>();
  for (const a of apps) {
    if (a.stato === 'cancellato') continue;
    const key = `${a.sedeId}|${a.data}|${a.ora}`;
    ok(!occupati.has(key), `slot occupato due volte: ${key}`);
    occupati.add(key);
  }
  const perQuesito = new Map<string, Appuntamento[]>();
  for (const a of apps) {
    for (const q of a.quesitiIds) {
      const list = perQuesito.get(q);
      if (list === undefined) perQuesito.set(q, [a]);
      else list.push(a);
    }
  }
  let riprenotati = 0;
  for (const [qid, list] of perQuesito) {
    list.sort((x, y) => (x.creatoIl < y.creatoIl ? -1 : 1));
    ok(list.filter((a) => a.stato === 'confermato').length <= 1, `quesito ${qid}: più appuntamenti confermati`);
    for (let i = 0; i < list.length - 1; i++) {
      // Re-booked only after the earlier booking was cancelled.
      ok(
        list[i]!.stato === 'cancellato' && list[i]!.aggiornatoIl <= list[i + 1]!.creatoIl,
        `quesito ${qid}: riprenotato senza cancellazione (${list[i]!.id} → ${list[i + 1]!.id})`,
      );
    }
    if (list.length > 1) riprenotati++;
  }
  for (let i = 1; i < apps.length; i++) ok(apps[i - 1]!.creatoIl <= apps[i]!.creatoIl, `ordine di creazione a ${apps[i]!.id}`);
  ok(new Set(apps.map((a) => a.stato)).size === 3, 'tutti gli stati');
  const future = apps.filter((a) => a.data >= today);
  const futureConfermati = future.filter((a) => a.stato === 'confermato').length;
  ok(future.length > 0 && futureConfermati / future.length > 0.5, `futuri confermati: ${futureConfermati}/${future.length}`);
  ok(apps.some((a) => a.data < today && a.stato === 'confermato'), 'passati confermati');
  ok(apps.some((a) => !a.gestitoDaIntermediario), 'prenotati dal cittadino');
  const gestiti = apps.filter((a) => a.gestitoDaIntermediario).length;
  ok(gestiti / apps.length >= (full ? 0.65 : 0.5), `gestiti da intermediario: ${gestiti}/${apps.length}`);
  ok(apps.some((a) => a.cancellatoDa === 'utente') && apps.some((a) => a.cancellatoDa === 'sede'), 'cancellati da utente e sede');
  ok(apps.some((a) => a.nota !== null), 'qualche nota');
  // Some idonei quesiti are still waiting for an appointment (the worklist).
  const prenotati = new Set<string>();
  for (const a of apps) if (a.stato !== 'cancellato') for (const q of a.quesitiIds) prenotati.add(q);
  ok(idoneiOggi.some((q) => !prenotati.has(q.id)), 'quesiti idonei da prenotare');
  if (full) {
    ok(riprenotati > 0, 'quesiti riprenotati dopo una cancellazione');
    ok(apps.some((a) => a.modalita !== 'presenza'), 'modalità a distanza');
    ok(apps.some((a) => a.quesitiIds.length > 1), 'appuntamenti con più quesiti');
  }

  // Comunicazioni.
  const appById = new Map(apps.map((a) => [a.id, a]));
  ok(uniqueCount(ds.comunicazioni.map((c) => c.id)) === ds.comunicazioni.length, 'comunicazioni: id unici');
  const perApp = new Map<string, number>();
  for (let i = 0; i < ds.comunicazioni.length; i++) {
    const c = ds.comunicazioni[i]!;
    const a = appById.get(c.appuntamentoId);
    if (a === undefined) {
      ok(false, `comunicazione ${c.id}: appuntamento inesistente`);
      continue;
    }
    ok(c.inviataIl > a.creatoIl && Date.parse(c.inviataIl) < nowMs, `comunicazione ${c.id}: inviataIl ${c.inviataIl}`);
    ok(c.testo.length > 5, `comunicazione ${c.id}: testo`);
    ok(c.autore !== 'intermediario' || a.gestitoDaIntermediario, `comunicazione ${c.id}: intermediario su appuntamento del cittadino`);
    perApp.set(a.id, (perApp.get(a.id) ?? 0) + 1);
    if (i > 0) ok(ds.comunicazioni[i - 1]!.inviataIl <= c.inviataIl, `comunicazione ${c.id}: ordine`);
  }
  for (const [id, n] of perApp) ok(n <= 5, `appuntamento ${id}: ${n} comunicazioni`);
  ok(new Set(ds.comunicazioni.map((c) => c.autore)).size === 3, 'tutti gli autori');

  return errors;
}
