import { describe, expect, it } from 'vitest';
import { useTestCore } from '../testing';

const core = useTestCore({ seed: true });

describe('Queries', () => {
  it('returns typed rows of a Kysely query and reuses one prepared statement per SQL text', () => {
    const { queries } = core.ctx.store;
    const byCodice = (codice: string) => queries.db.selectFrom('rapporti').select(['codice', 'datore_cf']).where('codice', '=', codice);
    const first = queries.first(byCodice('0000123456'));
    expect(first?.codice).toBe('0000123456');
    let prepared = 0;
    const prepare = core.ctx.sqlite.prepare.bind(core.ctx.sqlite);
    core.ctx.sqlite.prepare = ((text: string) => {
      prepared += 1;
      return prepare(text);
    }) as typeof core.ctx.sqlite.prepare;
    try {
      expect(queries.first(byCodice('9999999999'))).toBeUndefined();
      expect(queries.all(byCodice('0000123456'))).toHaveLength(1);
      expect(prepared).toBe(0);
    } finally {
      core.ctx.sqlite.prepare = prepare;
    }
  });

  it('a transaction that throws leaves none of its writes behind', () => {
    const { queries } = core.ctx.store;
    const count = () => queries.first(queries.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')))?.n;
    const before = count();
    expect(() =>
      core.ctx.store.transaction(() => {
        core.ctx.store.registro.registra({ azione: 'prova', entita: 'bozza', entitaId: 'b-1' }, '2026-03-10T09:00:00.000Z');
        core.ctx.store.registro.registra({ azione: 'prova', entita: 'bozza', entitaId: 'b-2' }, '2026-03-10T09:00:00.000Z');
        throw new Error('half-way');
      }),
    ).toThrow('half-way');
    expect(count()).toBe(before);
  });
});
