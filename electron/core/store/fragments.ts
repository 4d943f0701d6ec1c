import { sql, type RawBuilder } from 'kysely';
import type { Modalita } from '../../common/model';

// SQL pieces several entity stores share, so each rule is written once.

/** "Cognome Nome" of the datore behind `alias` (a joined `datori` table). */
export function nominativo(alias: string): RawBuilder<string> {
  return sql<string>`${sql.ref(`${alias}.cognome`)} || ' ' || ${sql.ref(`${alias}.nome`)}`;
}

/** Sedi keep their modes as a JSON array in one column. */
export function parseModalita(json: string): Modalita[] {
  return JSON.parse(json) as Modalita[];
}
