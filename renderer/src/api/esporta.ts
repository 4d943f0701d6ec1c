import type { CommandInput } from '../../../electron/common/commands/table';
import { base64ToBytes } from '../allegati/anteprima';
import { useCommandClient } from './client';
import { scaricaFile } from './download';

export type FormatoAgenda = CommandInput<'agenda.esporta'>['formato'];

/** Asks the core for the agenda file (filters or a selection) and hands it to the browser as a download. */
export async function esportaAgenda(input: CommandInput<'agenda.esporta'>): Promise<number> {
  const file = await useCommandClient().invoke('agenda.esporta', input);
  scaricaFile(file.nomeFile, file.mime, file.codifica === 'base64' ? base64ToBytes(file.contenuto) : file.contenuto);
  return file.righe;
}
