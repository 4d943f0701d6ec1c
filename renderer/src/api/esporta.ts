import type { CommandInput } from '@common/commands/table';
import type { FileEsportato } from '@common/commands/types';
import { useCommandClient } from './client';
import { base64ToBytes, scaricaFile } from './download';

export type FormatoAgenda = CommandInput<'agenda.esporta'>['formato'];
export type FormatoBozze = CommandInput<'bozze.esporta'>['formato'];
export const FORMATI_AGENDA: readonly FormatoAgenda[] = ['xlsx', 'csv', 'ics'];
export const FORMATI_BOZZE: readonly FormatoBozze[] = ['xlsx', 'csv'];

/** Saves a file the core generated (text as it is, binary from base64). */
export function salvaEsportato(file: FileEsportato): void {
  scaricaFile(file.nomeFile, file.mime, file.codifica === 'base64' ? base64ToBytes(file.contenuto) : file.contenuto);
}

/** Asks the core for the agenda file (filters or a selection) and hands it to the browser as a download. */
export async function esportaAgenda(input: CommandInput<'agenda.esporta'>): Promise<number> {
  const file = await useCommandClient().invoke('agenda.esporta', input);
  salvaEsportato(file);
  return file.righe;
}

/** Asks the core for the drafts' file (filters or a selection) and hands it to the browser as a download. */
export async function esportaBozze(input: CommandInput<'bozze.esporta'>): Promise<number> {
  const file = await useCommandClient().invoke('bozze.esporta', input);
  salvaEsportato(file);
  return file.righe;
}
