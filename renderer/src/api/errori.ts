import { it } from '../i18n/it';
import { CommandError } from './client';

/** The operator's message for any failure: the core's Italian words, or a generic one (or the caller's). */
export function messaggioErrore(error: unknown, altrimenti: string = it.errori.generico): string {
  return error instanceof CommandError ? error.message : altrimenti;
}

/**
 * A refusal's messages by form field: the first segment of each detail's path (or its last, for
 * nested inputs such as `servizio.url`), the first message per field.
 */
export function erroriPerCampo(error: unknown, segmento: 'primo' | 'ultimo' = 'primo'): Record<string, string> {
  const perCampo: Record<string, string> = {};
  if (!(error instanceof CommandError)) return perCampo;
  for (const d of error.details) {
    const parts = d.path.split('.');
    const key = (segmento === 'primo' ? parts[0] : parts.at(-1)) || '_';
    perCampo[key] ??= d.message;
  }
  return perCampo;
}
