import type { Ref, ShallowRef } from 'vue';
import type { AllegatiScelti, Bozza } from '@common/commands/types';
import { fileTooBig } from '@common/domain/allegati';
import { useCommandClient } from '../api/client';

/** What the attachment actions share with the booking form's store. */
interface Form {
  bozza: ShallowRef<Bozza | null>;
  errori: Ref<Record<string, string>>;
  run: <T>(task: () => Promise<T>) => Promise<T | null>;
  inCoda: <T>(task: () => Promise<T>) => Promise<T>;
  salvaOra: () => Promise<Bozza | null>;
}

/** The draft's attachments: each action waits behind the draft writes, and saves the draft first when it has none. */
export function azioniAllegati({ bozza, errori, run, inCoda, salvaOra }: Form) {
  function aggiungiFile(file: File): Promise<void> {
    // Never read a huge scan into memory just to be told it is too big.
    const tooBig = fileTooBig(file.name, file.size);
    if (tooBig) {
      errori.value = { allegati: tooBig.message };
      return Promise.resolve();
    }
    return inCoda(async () => {
      const saved = bozza.value ?? (await salvaOra());
      if (!saved) return;
      const contenutoBase64 = await toBase64(file);
      const updated = await run(() => useCommandClient().invoke('bozza.allegato.aggiungi', { bozzaId: saved.id, nomeFile: file.name, contenutoBase64 }));
      if (updated) bozza.value = updated;
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
      if (esito.rifiutati.length > 0) errori.value = { allegati: esito.rifiutati.map((r) => r.messaggio).join(' ') };
    });

  const rimuoviFile = (posizione: number) =>
    inCoda(async () => {
      const current = bozza.value;
      if (!current) return;
      const updated = await run(() => useCommandClient().invoke('bozza.allegato.rimuovi', { bozzaId: current.id, posizione }));
      if (updated) bozza.value = updated;
    });

  return { aggiungiFile, scegliFileDesktop, rimuoviFile };
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
