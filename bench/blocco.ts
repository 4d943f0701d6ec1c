// 8. Preparing a batch of drafts in the core (bozze.prepara) beside the same rows inserted with
//    plain prepared statements; 9. sending queued drafts to the sandbox on loopback
//    (bozze.inviaInBlocco until every draft is booked) beside the same bookings posted with plain fetch.
// The quesiti are made for the run through the sandbox's admin routes (a negative answer
// today: idonei at once) and pulled into the client, so every sample books fresh ones.
import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { PreparazioneEsito, ProposteOrari, BloccoEsito } from '../electron/common/commands/types';
import type { Core } from '../electron/core/app';
import { paired } from './measure';
import { benchFetch, login } from './service';
import { makeRow, type Row } from './table';

export interface BloccoPlan {
  /** Drafts per batch (fewer when the dataset has fewer rapporti of active clients). */
  prepara: number;
  preparaWarmup: number;
  preparaSamples: number;
  invio: number;
  invioWarmup: number;
  invioSamples: number;
}

type Dispatch = ReturnType<Core['dispatcher']>;

async function call<T>(dispatch: Dispatch, name: string, input: unknown): Promise<T> {
  const answer = await dispatch(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value as T;
}

/**
 * Rapporti of clients whose current delega is active and who booked before (the batch's sede is
 * then the client's last one, as an operator would leave it), in a stable order.
 */
function rapportiAttivi(sqlite: BetterSqlite3.Database, limit: number): string[] {
  return sqlite
    .prepare(
      `SELECT r.codice FROM rapporti r
        WHERE (SELECT d.stato FROM deleghe d WHERE d.datore_cf = r.datore_cf ORDER BY d.data_sottoscrizione DESC, d.id DESC LIMIT 1) = 'attiva'
          AND EXISTS (SELECT 1 FROM appuntamenti a WHERE a.datore_cf = r.datore_cf)
        ORDER BY r.codice LIMIT ?`,
    )
    .pluck()
    .all(limit) as string[];
}

/** One new quesito per rapporto on the sandbox, answered negatively today (idoneo at once). */
async function nuoviQuesiti(url: string, rapporti: readonly string[], concurrency = 8): Promise<string[]> {
  const ids: string[] = new Array(rapporti.length);
  let next = 0;
  const post = async (path: string, body: unknown) => {
    const response = await benchFetch(new URL(path, url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const worker = async () => {
    while (next < rapporti.length) {
      const i = next++;
      const q = await post('/admin/quesiti', { codiceRapporto: rapporti[i], argomento: 'mav', oggetto: 'MAV del trimestre non ricevuto (bench)' });
      await post(`/admin/quesiti/${q.id}/esito`, { esito: 'negativo', motivoEsito: 'Pagamento non trovato' });
      ids[i] = q.id;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

async function pull(core: Core): Promise<void> {
  const stato = await core.ctx.sync.syncNow();
  if (stato.fase !== 'inattivo') throw new Error(`sync ended in ${stato.fase}: ${stato.errore}`);
}

/** The rows a batch wrote (drafts and audit rows), to insert again by hand and to remove between samples. */
function righeScritte(sqlite: BetterSqlite3.Database, ids: readonly string[]) {
  const json = JSON.stringify(ids);
  return {
    bozze: sqlite.prepare('SELECT * FROM bozze WHERE id IN (SELECT value FROM json_each(?))').all(json) as Record<string, unknown>[],
    audit: sqlite
      .prepare('SELECT il, operatore, azione, entita, entita_id FROM audit_log WHERE entita_id IN (SELECT value FROM json_each(?))')
      .all(json) as Record<string, unknown>[],
  };
}

function rimuovi(sqlite: BetterSqlite3.Database, ids: readonly string[]): void {
  const json = JSON.stringify(ids);
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM audit_log WHERE entita_id IN (SELECT value FROM json_each(?))').run(json);
    sqlite.prepare('DELETE FROM bozze WHERE id IN (SELECT value FROM json_each(?))').run(json);
  })();
}

export async function measurePreparazione(core: Core, url: string, plan: BloccoPlan, log: (line: string) => void): Promise<Row[]> {
  const sqlite = core.ctx.sqlite;
  const rapporti = rapportiAttivi(sqlite, plan.prepara);
  const quesitiIds = await nuoviQuesiti(url, rapporti);
  await pull(core);
  const dispatch = core.dispatcher('app');
  const input = { quesitiIds, modalita: 'presenza', notaModello: 'Per {nominativo}, rapporto {codiceRapporto}: quesiti {quesiti}.' };
  // The rows the baseline inserts: those of one batch, read back once.
  const first = await call<PreparazioneEsito>(dispatch, 'bozze.prepara', input);
  const ids = first.create.map((c) => c.bozzaId);
  const rows = righeScritte(sqlite, ids);
  rimuovi(sqlite, ids);
  log(`  ${ids.length} drafts per batch (${first.saltati.length} items left out), ${rows.audit.length} audit rows`);
  const columns = Object.keys(rows.bozze[0] ?? { id: '' });
  const insertBozza = sqlite.prepare(`INSERT INTO bozze (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const insertAudit = sqlite.prepare('INSERT INTO audit_log (il, operatore, azione, entita, entita_id) VALUES (@il, @operatore, @azione, @entita, @entita_id)');
  const result = await paired({
    warmup: plan.preparaWarmup,
    samples: plan.preparaSamples,
    subject: async () => {
      const t0 = performance.now();
      const esito = await call<PreparazioneEsito>(dispatch, 'bozze.prepara', input);
      const ms = performance.now() - t0;
      const created = esito.create.map((c) => c.bozzaId);
      if (created.length !== ids.length) throw new Error(`bozze.prepara made ${created.length} drafts, the first batch ${ids.length}`);
      rimuovi(sqlite, created);
      return ms;
    },
    baseline: () => {
      const t0 = performance.now();
      sqlite
        .transaction(() => {
          for (const row of rows.bozze) insertBozza.run(row);
          for (const row of rows.audit) insertAudit.run(row);
        })
        .immediate();
      const ms = performance.now() - t0;
      rimuovi(sqlite, ids);
      return ms;
    },
  });
  return [
    makeRow({
      group: '8 batch preparation (core, dataset in the client’s database)',
      name: `bozze.prepara, ${ids.length} drafts from ${quesitiIds.length} quesiti`,
      unit: 'ms',
      subject: result.subject,
      baselineName: 'the same draft and audit rows inserted with plain prepared statements in one transaction',
      baseline: result.baseline,
      target: { better: 'lower', on: 'median', limit: 2000, maxRatio: 2 },
    }),
  ];
}

interface Lotto {
  /** The subject's drafts, prepared and given a slot, to send. */
  ids: string[];
  /** The baseline's bookings: other fresh quesiti of the same rapporti, at the same sedi, on other free slots. */
  richieste: { key: string; body: unknown }[];
}

/** Fresh quesiti, the subject's drafts with their slots, and the baseline's requests: everything but the sending. */
async function preparaLotto(core: Core, url: string, token: string, rapporti: readonly string[], n: number, log: (line: string) => void): Promise<Lotto> {
  const dispatch = core.dispatcher('app');
  const perBozze = await nuoviQuesiti(url, rapporti);
  const perBaseline = await nuoviQuesiti(url, rapporti);
  await pull(core);
  const esito = await call<PreparazioneEsito>(dispatch, 'bozze.prepara', { quesitiIds: perBozze, modalita: 'presenza' });
  const proposte = await call<ProposteOrari>(dispatch, 'bozze.proponiOrari', { ids: esito.create.map((c) => c.bozzaId) });
  // Some sedi are full for the next 30 days at office size: more rapporti than needed are
  // prepared, the first n with a slot are sent, the other drafts are deleted.
  const ids = proposte.proposte.slice(0, n).map((p) => p.bozzaId);
  const resto = esito.create.map((c) => c.bozzaId).filter((id) => !ids.includes(id));
  if (resto.length > 0) await call<BloccoEsito>(dispatch, 'bozze.eliminaInBlocco', { ids: resto });
  const perche = new Map<string, number>();
  for (const s of [...esito.saltati, ...proposte.saltati]) perche.set(s.motivo, (perche.get(s.motivo) ?? 0) + 1);
  if (perche.size > 0) log(`  left out: ${[...perche].map(([m, k]) => `${k} × ${m}`).join('; ')}`);
  const sedi = core.ctx.sqlite
    .prepare('SELECT id, codice_rapporto AS rapporto, sede_id AS sede FROM bozze WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: string; rapporto: string; sede: string }[];
  const sedeDi = new Map(sedi.map((s) => [s.id, s.sede]));
  // The baseline must not take a slot proposed to a draft: both are booked in the same round.
  const presi = new Set(proposte.proposte.map((p) => `${sedeDi.get(p.bozzaId)} ${p.data} ${p.ora}`));
  const liberi = new Map<string, { data: string; ora: string }[]>();
  for (const sede of new Set(sedi.map((s) => s.sede))) liberi.set(sede, await slotLiberi(url, token, sede));
  const richieste: Lotto['richieste'] = [];
  for (const { rapporto, sede } of sedi) {
    const slot = liberi.get(sede)!.find((s) => !presi.has(`${sede} ${s.data} ${s.ora}`));
    if (!slot) continue;
    presi.add(`${sede} ${slot.data} ${slot.ora}`);
    const quesito = perBaseline[rapporti.indexOf(rapporto)]!;
    richieste.push({
      key: `bench-${quesito}`,
      body: { codiceRapporto: rapporto, quesitiIds: [quesito], sedeId: sede, ...slot, modalita: 'presenza', nota: null, allegati: [] },
    });
  }
  return { ids, richieste };
}

async function slotLiberi(url: string, token: string, sedeId: string): Promise<{ data: string; ora: string }[]> {
  const oggi = new Date();
  const giorno = (days: number) => new Date(oggi.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(new URL(`/v1/sedi/${encodeURIComponent(sedeId)}/slot?dal=${giorno(1)}&al=${giorno(30)}`, url), {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET slot of ${sedeId}: ${response.status}`);
  return ((await response.json()) as { slot: { data: string; ora: string }[] }).slot;
}

/** Waits until none of the drafts is still queued (booked, or refused with the reason). */
async function attendiInvio(sqlite: BetterSqlite3.Database, ids: readonly string[], timeoutMs = 300_000): Promise<void> {
  const inCoda = sqlite.prepare("SELECT count(*) FROM bozze WHERE stato = 'in_coda' AND id IN (SELECT value FROM json_each(?))").pluck();
  const json = JSON.stringify(ids);
  const deadline = performance.now() + timeoutMs;
  while ((inCoda.get(json) as number) > 0) {
    if (performance.now() > deadline) throw new Error('the queued drafts were not sent within 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export async function measureInvio(core: Core, url: string, plan: BloccoPlan, log: (line: string) => void): Promise<Row[]> {
  const sqlite = core.ctx.sqlite;
  const dispatch = core.dispatcher('app');
  const rapporti = rapportiAttivi(sqlite, Math.ceil(plan.invio * 1.5));
  const token = await login(url);
  let lotto: Lotto = { ids: [], richieste: [] };
  const refused: number[] = [];
  const result = await paired({
    warmup: plan.invioWarmup,
    samples: plan.invioSamples,
    between: async () => {
      lotto = await preparaLotto(core, url, token, rapporti, plan.invio, log);
      log(`  batch of ${lotto.ids.length} drafts, baseline of ${lotto.richieste.length} bookings`);
    },
    subject: async () => {
      const t0 = performance.now();
      const esito = await call<BloccoEsito>(dispatch, 'bozze.inviaInBlocco', { ids: lotto.ids });
      await attendiInvio(sqlite, esito.fatte);
      const s = (performance.now() - t0) / 1000;
      const booked = sqlite
        .prepare("SELECT count(*) FROM bozze WHERE stato = 'inviata' AND id IN (SELECT value FROM json_each(?))")
        .pluck()
        .get(JSON.stringify(lotto.ids)) as number;
      refused.push(lotto.ids.length - booked);
      return booked / s;
    },
    baseline: async () => {
      let ok = 0;
      const t0 = performance.now();
      for (const { key, body } of lotto.richieste) {
        const response = await fetch(new URL('/v1/appuntamenti', url), {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        if (response.status === 201) ok++;
      }
      return ok / ((performance.now() - t0) / 1000);
    },
  });
  const off = refused.filter((n) => n > 0);
  return [
    makeRow({
      group: '9 batch sending (sandbox on loopback)',
      name: `bozze.inviaInBlocco until booked, ${lotto.ids.length} drafts`,
      unit: 'bookings/s',
      subject: result.subject,
      baselineName: 'the same number of bookings POSTed one after another with plain fetch (other quesiti, other free slots)',
      baseline: result.baseline,
      target: { better: 'higher', on: 'median', limit: 50, maxRatio: null },
      ...(off.length > 0 ? { warning: `${off.length} batches had drafts not booked (${off.join(', ')})` } : {}),
    }),
  ];
}
