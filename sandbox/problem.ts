// RFC 9457 problem details: the one error shape the sandbox answers with.
// `detail` is for the operator (Italian); `code` is stable and what clients switch on.
export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemFieldError[];
}

export { problemSchema } from '../electron/common/remote/schemas';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Richiesta non valida',
  401: 'Non autenticato',
  403: 'Operazione non consentita',
  404: 'Non trovato',
  409: 'Conflitto',
  413: 'Contenuto troppo grande',
  415: 'Tipo di contenuto non supportato',
  422: 'Richiesta non elaborabile',
  500: 'Errore interno',
};

/** Thrown by handlers and the store; the error handler turns it into problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: ProblemFieldError[] | undefined;

  constructor(status: number, code: string, detail: string, errors?: ProblemFieldError[]) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  toProblem(): Problem {
    return problem(this.status, this.code, this.message, this.errors);
  }
}

export function problem(status: number, code: string, detail: string, errors?: ProblemFieldError[]): Problem {
  const p: Problem = {
    type: `https://cassetto-sandbox.invalid/problemi/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Errore',
    status,
    detail,
    code,
  };
  if (errors !== undefined && errors.length > 0) p.errors = errors;
  return p;
}

/** The answer for anything the caller may not see: identical for "absent" and "not yours". */
export function nonTrovato(what: string): ProblemError {
  return new ProblemError(404, 'NON_TROVATO', `${what} non trovato o non accessibile con questa utenza.`);
}
