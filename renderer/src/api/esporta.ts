import type { CommandInput } from '@common/commands/table';
import type { FileEsportato } from '@common/commands/types';
import { useCommandClient } from './client';
import { base64ToBytes, scaricaFile } from './download';

export type FormatoAgenda = CommandInput<'agenda.esporta'>['formato'];

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
