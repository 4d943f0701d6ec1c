/**
 * The datore's current delega to this office — the most recent one (signature day, then id) —
 * as a scalar subquery. One definition of "the client's state" for every query that needs it.
 * `datoreCf` is a column reference or `?`; never user text.
 */
export function currentDelegaSql(column: 'id' | 'stato' | 'data_scadenza', datoreCf: string): string {
  return `(SELECT cd.${column} FROM deleghe cd WHERE cd.datore_cf = ${datoreCf} ORDER BY cd.data_sottoscrizione DESC, cd.id DESC LIMIT 1)`;
}
