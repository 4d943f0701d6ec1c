// The one error shape that crosses every transport (IPC, browser host, CLI).
// `message` is for the operator, in Italian; logs use `code` and English text.

export const ERROR_CODES = [
  'INPUT_NON_VALIDO',
  'JSON_NON_VALIDO',
  'COMANDO_SCONOSCIUTO',
  'COMANDO_NON_CONSENTITO',
  'NON_AUTORIZZATO',
  'ORIGINE_NON_CONSENTITA',
  'CORPO_TROPPO_GRANDE',
  'TIPO_CONTENUTO_NON_VALIDO',
  'TROPPE_CONNESSIONI',
  'HOST_NON_RAGGIUNGIBILE',
  'NON_TROVATO',
  'DATABASE_NON_VALIDO',
  'DATABASE_TROPPO_RECENTE',
  'DATABASE_DANNEGGIATO',
  'PRIMA_SINCRONIZZAZIONE_IN_CORSO',
  'ERRORE_INTERNO',
] as const;

/** Known codes, plus the remote service's stable codes passed through as they are. */
export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

export interface ErrorDetail {
  /** Dotted path of the offending field, '' for the whole input. */
  path: string;
  message: string;
}

export interface AppErrorPayload {
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): AppErrorPayload {
    return { code: this.code, message: this.message, details: this.details };
  }
}

const FALLBACK_MESSAGE = 'Si è verificato un errore imprevisto. Riprova; se si ripete, esporta la diagnostica e contatta l’assistenza.';

/** Anything thrown → the payload shown to the operator. Unknown errors never leak their text or stack. */
export function toErrorPayload(error: unknown): AppErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  return { code: 'ERRORE_INTERNO', message: FALLBACK_MESSAGE, details: [] };
}

export function isAppErrorPayload(value: unknown): value is AppErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && Array.isArray(v.details);
}
