// An operator as people read them (#15): the service's id (`op-004`) means nothing to an office.

/** The operator's name when the service gave it, else their id; empty when nobody is recorded. */
export function nomeOperatore(id: string | null | undefined, nomi: ReadonlyMap<string, string>): string {
  if (id === null || id === undefined || id === '') return '';
  return nomi.get(id) ?? id;
}
