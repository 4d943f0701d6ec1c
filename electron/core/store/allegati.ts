import { ALLEGATO_MIME, type AllegatoMime } from '../../common/domain/allegati';
import type { Queries } from './queries';

/** Metadata of the attachments this PC holds (the bytes are in the attachment files folder). */
export class AllegatiStore {
  constructor(private readonly q: Queries) {}

  /** Records bytes just written to the attachment files (once per content: the same bytes again change nothing). */
  registra(sha256: string, mime: AllegatoMime, dimensione: number, il: string): void {
    this.q.run(this.q.db.insertInto('allegati').orIgnore().values({ sha256, mime, dimensione, creato_il: il }));
  }

  /**
   * An attachment some appointment of the office lists (the feed's metadata, #14): what the
   * service said it is, to check a download against. Undefined when no appointment lists it.
   */
  diAppuntamento(sha256: string): { mime: string; dimensione: number; nomeFile: string } | undefined {
    return this.q.first(
      this.q.db.selectFrom('appuntamento_allegati').select(['mime', 'dimensione', 'nome_file as nomeFile']).where('sha256', '=', sha256).limit(1),
    );
  }

  /** The stored type of an attachment held here; undefined when this PC never had its bytes. */
  mime(sha256: string): AllegatoMime | undefined {
    const row = this.q.first(this.q.db.selectFrom('allegati').select('mime').where('sha256', '=', sha256));
    return row && isAllegatoMime(row.mime) ? row.mime : undefined;
  }
}

function isAllegatoMime(mime: string): mime is AllegatoMime {
  return (ALLEGATO_MIME as readonly string[]).includes(mime);
}
