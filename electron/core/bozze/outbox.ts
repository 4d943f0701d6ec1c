import type { Bozza } from '../../common/commands/types';
import type { OutboxIntent } from '../../common/outbox/intent';
import type { PrenotazioneRichiesta } from '../../common/remote/changes';

/** A draft that passed checkInviabile: every field the booking needs is set. */
export type BozzaCompleta = Bozza & { sedeId: string; data: string; ora: string; modalita: NonNullable<Bozza['modalita']> };

/** The outbox rows that send a draft, in order: its uploads, then the booking that names them. */
export function intentsDiInvio(b: BozzaCompleta): { intent: OutboxIntent; key: string }[] {
  const uploads = b.allegati.map((a) => ({ intent: { tipo: 'upload', payload: { sha256: a.sha256, mime: a.mime } } as const, key: uploadKey(b.id, a.sha256) }));
  return [...uploads, { intent: { tipo: 'crea', payload: prenotazioneDaBozza(b) }, key: b.id }];
}

export function intentDiCancellazione(appuntamentoId: string): { intent: OutboxIntent; key: string } {
  return { intent: { tipo: 'cancella', payload: { appuntamentoId } }, key: cancellaKey(appuntamentoId) };
}

function prenotazioneDaBozza(b: BozzaCompleta): PrenotazioneRichiesta {
  return {
    codiceRapporto: b.codiceRapporto,
    quesitiIds: b.quesitiIds,
    sedeId: b.sedeId,
    data: b.data,
    ora: b.ora,
    modalita: b.modalita,
    nota: b.nota,
    allegati: b.allegati.map((a) => ({ sha256: a.sha256, nomeFile: a.nomeFile })),
  };
}

/** Per draft, so two drafts sharing a file each wait for their own upload (the service dedupes the bytes). */
export function uploadKey(bozzaId: string, sha256: string): string {
  return `upload:${bozzaId}:${sha256}`;
}

export function cancellaKey(appuntamentoId: string): string {
  return `cancella:${appuntamentoId}`;
}
