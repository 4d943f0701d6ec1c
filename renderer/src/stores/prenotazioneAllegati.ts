import { ref, type Ref, type ShallowRef } from 'vue';
import type { AllegatiScelti, AllegatoPreparato, Bozza } from '@common/commands/types';
import { fileIlleggibilePerDimensione, fileTooBig } from '@common/domain/allegati';
import { CommandError, useCommandClient } from '../api/client';
import { erroriPerCampo } from '../api/errori';
import { azioniAdatta } from './prenotazioneAdatta';

/** What the attachment actions share with the booking form's store. */
export interface Form {
  bozza: ShallowRef<Bozza | null>;
  errori: Ref<Record<string, string>>;
  run: <T>(task: () => Promise<T>) => Promise<T | null>;
  inCoda: <T>(task: () => Promise<T>) => Promise<T>;
  salvaOra: () => Promise<Bozza | null>;
}

/** The refusals of the draft that «Riduci» or «Unisci in un PDF» can mend: the file waits beside the form. */
const DA_ADATTARE = new Set(['FILE_TROPPO_GRANDE', 'TOTALE_TROPPO_GRANDE', 'TROPPI_ALLEGATI']);

/**
 * The draft's attachments: each action waits behind the draft writes, and saves the draft first
 * when it has none. A file is checked and stored by the core first (allegato.prepara: opened as
 * its type, HEIC converted, photo metadata removed, with notes), then put on the draft; one the
 * service's caps refuse waits in `daAdattare` for «Riduci» or «Unisci in un PDF» (#14).
 */
export function azioniAllegati({ bozza, errori, run, inCoda, salvaOra }: Form) {
  const daAdattare = ref<AllegatoPreparato[]>([]);
  /** What the core changed in the files added last (one entry per file with notes). */
  const note = ref<{ nomeFile: string; note: string[] }[]>([]);

  /** Puts a stored file on the draft; a refusal by the caps keeps it aside. True when it went on. */
  async function collega(saved: Bozza, preparato: AllegatoPreparato): Promise<boolean> {
    try {
      bozza.value = await useCommandClient().invoke('bozza.allegato.collega', { bozzaId: saved.id, sha256: preparato.sha256, nomeFile: preparato.nomeFile });
      return true;
    } catch (error) {
      if (error instanceof CommandError && DA_ADATTARE.has(error.code)) {
        if (!daAdattare.value.some((d) => d.sha256 === preparato.sha256)) daAdattare.value = [...daAdattare.value, preparato];
        errori.value = { allegati: error.message };
      } else errori.value = erroriPerCampo(error);
      return false;
    }
  }

  /** `tienili`: a batch larger than the draft can take waits whole, to be merged in one PDF rather than split. */
  function aggiungiFile(file: File, tienili = false): Promise<void> {
    // Never read a huge file into memory just to be told it is too big: over 40 MB nothing is read,
    // and a PDF over the cap cannot be reduced (only images are).
    const pdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
    const tooBig = fileIlleggibilePerDimensione(file.name, file.size) ?? (pdf ? fileTooBig(file.name, file.size) : null);
    if (tooBig) {
      errori.value = { allegati: tooBig.message };
      return Promise.resolve();
    }
    return inCoda(async () => {
      const saved = bozza.value ?? (await salvaOra());
      if (!saved) return;
      const contenutoBase64 = await toBase64(file);
      const preparato = await run(() => useCommandClient().invoke('allegato.prepara', { nomeFile: file.name, contenutoBase64 }));
      if (!preparato) return;
      note.value = preparato.note.length > 0 ? [{ nomeFile: preparato.nomeFile, note: preparato.note }] : [];
      if (!tienili) await collega(saved, preparato);
      else if (!daAdattare.value.some((d) => d.sha256 === preparato.sha256)) daAdattare.value = [...daAdattare.value, preparato];
    });
  }

  /** Desktop only: the native dialog; each refused file is named with its reason. */
  const scegliFileDesktop = () =>
    inCoda(async () => {
      const saved = bozza.value ?? (await salvaOra());
      if (!saved) return;
      const esito: AllegatiScelti | null = await run(() => useCommandClient().invoke('bozza.allegato.scegli', { bozzaId: saved.id }));
      if (!esito) return;
      bozza.value = esito.bozza;
      daAdattare.value = [...daAdattare.value, ...esito.daAdattare.filter((d) => !daAdattare.value.some((x) => x.sha256 === d.sha256))];
      if (esito.rifiutati.length > 0) errori.value = { allegati: esito.rifiutati.map((r) => r.messaggio).join(' ') };
    });

  const rimuoviFile = (posizione: number) =>
    inCoda(async () => {
      const current = bozza.value;
      if (!current) return;
      const updated = await run(() => useCommandClient().invoke('bozza.allegato.rimuovi', { bozzaId: current.id, posizione }));
      if (updated) bozza.value = updated;
    });

  const adatta = azioniAdatta({ bozza, errori, run, inCoda, stato: { daAdattare, note }, collega });
  return { aggiungiFile, scegliFileDesktop, rimuoviFile, adatta };
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
