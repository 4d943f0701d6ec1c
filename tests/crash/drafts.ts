// Database A's work for the push phases: drafts on idonei quesiti at free slots, prepared offline
// (no gateway) so that delivering them is the children's job.
import { createHash } from 'node:crypto';
import type { Bozza } from '../../electron/common/commands/types';
import { DEMO_PASSWORD, type Random } from '../../electron/common/demo/index';
import { addDays, romeDate } from '../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../electron/common/domain/idoneita';
import type { Esito } from '../../electron/common/model';
import { openCore, type Core } from '../../electron/core/app';
import { systemClock } from '../../electron/core/clock';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import { pdfMinimo } from '../../electron/core/allegati/pdfMinimo';
import { silentLogger } from '../../electron/core/log';
import { CHIAVE_CRASH, retrying } from './sync';

/** How a round of drafts is left: queued one by one with 2–3 attachments each, or complete and waiting for a batch send. */
export type DraftKind = 'accodate' | 'blocco';

type Slot = { sedeId: string; data: string; ora: string };
type Candidate = { id: string; rapporto: string; esito: Esito; dataInvio: string; dataEsito: string | null; termine: number };

export class DraftSupply {
  readonly #db: string;
  readonly #rng: Random;
  readonly #gateway: HttpGateway;
  /** Every draft ever prepared: none may vanish, whatever the kills did. */
  readonly ids: string[] = [];
  rounds = 0;
  #files = 0;

  constructor(db: string, url: string, rng: Random) {
    this.#db = db;
    this.#rng = rng;
    this.#gateway = new HttpGateway({ baseUrl: url, credentials: memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD }), clock: systemClock });
  }

  /** Creates up to `count` drafts (fewer when quesiti or slots run out); returns their ids. */
  async prepare(count: number, kind: DraftKind): Promise<string[]> {
    const core = await openCore({ dbPath: this.#db, chiave: CHIAVE_CRASH, logger: silentLogger });
    try {
      const candidates = this.#candidates(core, count);
      const slots = await this.#slots(core, candidates.length);
      const ids: string[] = [];
      for (const [i, q] of candidates.entries()) {
        const s = slots[i];
        if (!s) break;
        const id = await this.#draft(core, q, s, kind);
        if (id) ids.push(id);
      }
      this.ids.push(...ids);
      this.rounds += 1;
      return ids;
    } finally {
      await core.close();
    }
  }

  /** Idonei quesiti with an active delega, in no draft and no Confermato appointment; one per rapporto per round. */
  #candidates(core: Core, count: number): Candidate[] {
    const oggi = romeDate(new Date());
    const drafted = new Set(core.ctx.sqlite.prepare('SELECT j.value FROM bozze b, json_each(b.quesiti) j').pluck().all() as string[]);
    const rows = core.ctx.sqlite
      .prepare(
        `SELECT q.id, q.codice_rapporto AS rapporto, q.esito, q.data_invio AS dataInvio, q.data_esito AS dataEsito, a.termine_giorni AS termine
         FROM quesiti q JOIN argomenti a ON a.codice = q.argomento JOIN rapporti r ON r.codice = q.codice_rapporto
         JOIN deleghe d ON d.datore_cf = r.datore_cf AND d.stato = 'attiva'
         WHERE NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti ap ON ap.id = l.appuntamento_id WHERE l.quesito_id = q.id AND ap.stato = 'confermato')
         ORDER BY q.id`,
      )
      .iterate() as IterableIterator<Candidate>;
    const rapporti = new Set<string>();
    const chosen: Candidate[] = [];
    for (const q of rows) {
      if (chosen.length >= count) break;
      if (drafted.has(q.id) || rapporti.has(q.rapporto) || !valutaIdoneita(q, q.termine, oggi).idoneo) continue;
      rapporti.add(q.rapporto);
      chosen.push(q);
    }
    return chosen;
  }

  /** Free slots on the service, a few per sede, leaving out those a draft of A already holds. */
  async #slots(core: Core, count: number): Promise<Slot[]> {
    const oggi = romeDate(new Date());
    const held = new Set(
      (core.ctx.sqlite.prepare('SELECT sede_id, data_preferita, ora_preferita FROM bozze').raw().all() as string[][]).map((r) => r.join(' ')),
    );
    const sedi = core.ctx.sqlite.prepare("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id").pluck().all() as string[];
    const slots: Slot[] = [];
    for (const sedeId of sedi) {
      if (slots.length >= count) break;
      const free = (await retrying(() => this.#gateway.slotLiberi(sedeId, addDays(oggi, 1), addDays(oggi, 14)))).filter(
        (s) => !held.has(`${sedeId} ${s.data} ${s.ora}`),
      );
      for (const s of free.slice(0, 6)) slots.push({ sedeId, ...s });
    }
    return slots.slice(0, count);
  }

  async #draft(core: Core, q: Candidate, s: Slot, kind: DraftKind): Promise<string | null> {
    const app = core.dispatcher('app');
    const nota = this.#rng.chance(0.5) ? 'Portare le ricevute' : null;
    const created = await app('bozza.crea', { codiceRapporto: q.rapporto, quesitiIds: [q.id], ...s, modalita: 'presenza', nota });
    if (!created.ok) return null;
    const id = (created.value as Bozza).id;
    if (kind === 'blocco') return id;
    // Two or three files each, so most upload kills fall between two uploads.
    for (let i = 0, n = this.#rng.int(2, 3); i < n; i++) {
      const added = await app('bozza.allegato.aggiungi', { bozzaId: id, nomeFile: `ricevuta-${i + 1}.pdf`, contenutoBase64: this.#pdf().toString('base64') });
      if (!added.ok) throw new Error(`bozza.allegato.aggiungi refused: ${added.error.message}`);
    }
    // Refused locally (it should not be): the draft stays 'bozza' and leaves with the next batch.
    await app('bozza.invia', { id });
    return id;
  }

  /** A small valid PDF, different every time: the service keys attachments by their hash. */
  #pdf(): Buffer {
    this.#files += 1;
    const tag = createHash('sha256').update(`${this.#db} ${this.#files}`).digest('hex');
    return pdfMinimo(`ricevuta ${tag}`);
  }
}
