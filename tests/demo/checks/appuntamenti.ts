import { addDays, isWorkingDay, isoWeekday, romeDate } from '../../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../../electron/common/domain/idoneita';
import type { Appuntamento, IsoDate } from '../../../electron/common/model';
import type { DatasetIndex } from './dataset';
import { activeOn, asOf, minutes, problems, uniqueCount, type Problems } from './util';

/**
 * Appuntamenti: each one (sampled every `stride` on big sets: Rome dates and idoneità are slow) in
 * an open slot of its sede, booked under an active delega for idonei quesiti; on all of them, no
 * slot taken twice, re-bookings only after a cancellation, and the variety the demo needs.
 */
export function checkAppuntamenti(ix: DatasetIndex): string[] {
  const found = problems();
  const apps = ix.ds.appuntamenti;
  found.ok(uniqueCount(apps.map((a) => a.id)) === apps.length, 'appuntamenti: id unici');
  const range = { min: addDays(ix.today, -380), max: addDays(ix.today, 60) };
  for (let i = 0; i < apps.length; i += ix.stride) checkAppuntamento(found, ix, apps[i]!, range);
  checkSlotsTaken(found, apps);
  const riprenotati = checkRebookings(found, apps);
  for (let i = 1; i < apps.length; i++) found.ok(apps[i - 1]!.creatoIl <= apps[i]!.creatoIl, `ordine di creazione a ${apps[i]!.id}`);
  checkVariety(found, ix, riprenotati);
  return found.list;
}

function checkAppuntamento({ ok }: Problems, ix: DatasetIndex, a: Appuntamento, range: { min: IsoDate; max: IsoDate }): void {
  const tag = `appuntamento ${a.id}`;
  const r = ix.rapporti.get(a.codiceRapporto);
  const s = ix.sedi.get(a.sedeId);
  if (r === undefined || s === undefined) {
    ok(false, `${tag}: rapporto o sede inesistenti`);
    return;
  }
  ok(a.datoreCf === r.datoreCf, `${tag}: datore`);
  ok(s.modalita.includes(a.modalita), `${tag}: modalità ${a.modalita} non offerta`);
  // Day, time, slot.
  ok(isWorkingDay(a.data) && !ix.chiusure.get(a.sedeId)!.has(a.data), `${tag}: giorno ${a.data}`);
  const orario = s.orari[isoWeekday(a.data) as 1 | 2 | 3 | 4 | 5];
  const m = minutes(a.ora);
  ok(
    orario !== undefined && m >= minutes(orario.dalle) && m + s.slotMinuti <= minutes(orario.alle) && (m - minutes(orario.dalle)) % s.slotMinuti === 0,
    `${tag}: ora ${a.ora}`,
  );
  ok(a.data >= range.min && a.data <= range.max, `${tag}: data ${a.data}`);
  // Booking day (Rome) and timestamps.
  const booked = romeDate(a.creatoIl);
  ok(booked < ix.today && a.data > booked, `${tag}: prenotato il ${booked} per il ${a.data}`);
  ok(Date.parse(a.aggiornatoIl) >= Date.parse(a.creatoIl) && Date.parse(a.aggiornatoIl) < ix.nowMs, `${tag}: aggiornatoIl`);
  // Stato.
  if (a.stato === 'cancellato') {
    ok(a.cancellatoDa !== null && a.motivoStato !== null && a.aggiornatoIl > a.creatoIl, `${tag}: cancellato`);
  } else ok(a.cancellatoDa === null, `${tag}: cancellatoDa`);
  if (a.stato === 'confermato') ok(a.motivoStato === null && a.aggiornatoIl === a.creatoIl, `${tag}: confermato`);
  if (a.stato === 'chiuso_definito') ok(a.motivoStato !== null && a.aggiornatoIl > a.creatoIl, `${tag}: chiuso`);
  // Who booked it.
  if (a.gestitoDaIntermediario) {
    const op = ix.operatori.get(a.operatoreId ?? '');
    const deleghe = (ix.delegheDi.get(a.datoreCf) ?? []).filter((d) => d.intermediarioId === op?.intermediarioId);
    ok(
      deleghe.some((d) => activeOn(d, booked)),
      `${tag}: nessuna delega attiva il ${booked} per ${a.operatoreId}`,
    );
  } else ok(a.operatoreId === null, `${tag}: operatore di un appuntamento del cittadino`);
  // Quesiti of this rapporto, idonei on the booking day.
  ok(a.quesitiIds.length >= 1 && uniqueCount(a.quesitiIds) === a.quesitiIds.length, `${tag}: quesiti`);
  for (const qid of a.quesitiIds) {
    const q = ix.quesiti.get(qid);
    ok(q !== undefined && q.codiceRapporto === a.codiceRapporto, `${tag}: quesito ${qid} di un altro rapporto`);
    if (q === undefined) continue;
    ok(valutaIdoneita(asOf(q, booked), ix.termine.get(q.argomento)!, booked).idoneo, `${tag}: quesito ${qid} non idoneo il ${booked}`);
  }
  ok(a.nota === null || (a.nota.length > 0 && a.nota.length <= 500), `${tag}: nota`);
}

function checkSlotsTaken({ ok }: Problems, apps: readonly Appuntamento[]): void {
  const occupati = new Set<string>();
  for (const a of apps) {
    if (a.stato === 'cancellato') continue;
    const key = `${a.sedeId}|${a.data}|${a.ora}`;
    ok(!occupati.has(key), `slot occupato due volte: ${key}`);
    occupati.add(key);
  }
}

/** At most one confirmed appuntamento per quesito, re-booked only after a cancellation; returns how many were re-booked. */
function checkRebookings({ ok }: Problems, apps: readonly Appuntamento[]): number {
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
      ok(
        list[i]!.stato === 'cancellato' && list[i]!.aggiornatoIl <= list[i + 1]!.creatoIl,
        `quesito ${qid}: riprenotato senza cancellazione (${list[i]!.id} → ${list[i + 1]!.id})`,
      );
    }
    if (list.length > 1) riprenotati++;
  }
  return riprenotati;
}

/** Every stato, past and future, by operators and citizens, and the rarer cases the demo shows. */
function checkVariety({ ok }: Problems, { ds, today, full, idoneiOggi }: DatasetIndex, riprenotati: number): void {
  const apps = ds.appuntamenti;
  ok(new Set(apps.map((a) => a.stato)).size === 3, 'tutti gli stati');
  const future = apps.filter((a) => a.data >= today);
  const futureConfermati = future.filter((a) => a.stato === 'confermato').length;
  ok(future.length > 0 && futureConfermati / future.length > 0.5, `futuri confermati: ${futureConfermati}/${future.length}`);
  ok(
    apps.some((a) => a.data < today && a.stato === 'confermato'),
    'passati confermati',
  );
  ok(
    apps.some((a) => !a.gestitoDaIntermediario),
    'prenotati dal cittadino',
  );
  const gestiti = apps.filter((a) => a.gestitoDaIntermediario).length;
  ok(gestiti / apps.length >= (full ? 0.65 : 0.5), `gestiti da intermediario: ${gestiti}/${apps.length}`);
  ok(apps.some((a) => a.cancellatoDa === 'utente') && apps.some((a) => a.cancellatoDa === 'sede'), 'cancellati da utente e sede');
  ok(
    apps.some((a) => a.nota !== null),
    'qualche nota',
  );
  // Some idonei quesiti are still waiting for an appointment (the worklist).
  const prenotati = new Set<string>();
  for (const a of apps) if (a.stato !== 'cancellato') for (const q of a.quesitiIds) prenotati.add(q);
  ok(
    idoneiOggi.some((q) => !prenotati.has(q.id)),
    'quesiti idonei da prenotare',
  );
  if (full) {
    ok(riprenotati > 0, 'quesiti riprenotati dopo una cancellazione');
    ok(
      apps.some((a) => a.modalita !== 'presenza'),
      'modalità a distanza',
    );
    ok(
      apps.some((a) => a.quesitiIds.length > 1),
      'appuntamenti con più quesiti',
    );
  }
}
