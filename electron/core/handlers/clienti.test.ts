import { beforeAll, describe, expect, it } from 'vitest';
import type { ClienteRiga, Pagina } from '../../common/commands/types';
import { generateDataset } from '../../common/demo/index';
import type { Datore } from '../../common/model';
import { normalizeSearchText } from '../store/search';
import { useTestCore } from '../testing';

// clienti.cerca against an oracle: the same text applied in plain JS to the generated datori.
const OGGI = '2026-03-10';
const data = generateDataset({ seed: 5, size: 'small', today: OGGI });
const core = useTestCore({ scope: 'suite' });

beforeAll(async () => {
  const loaded = await core.dispatcher('ops')('demo.carica', { seme: 5, dimensione: 'small', oggi: OGGI });
  if (!loaded.ok) throw new Error(loaded.error.message);
});

async function cerca(input: Record<string, unknown>): Promise<Pagina<ClienteRiga>> {
  const result = await core.dispatcher('app')('clienti.cerca', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Pagina<ClienteRiga>;
}

const ordine = (x: Datore, y: Datore) =>
  x.cognome < y.cognome ? -1 : x.cognome > y.cognome ? 1 : x.nome < y.nome ? -1 : x.nome > y.nome ? 1 : x.codiceFiscale < y.codiceFiscale ? -1 : 1;

/** Every word in "cognome nome", or the text (spaces out) as the start of the codice fiscale. */
function oracle(testo: string): string[] {
  const t = normalizeSearchText(testo);
  const words = t === '' ? [] : t.split(' ');
  const cf = t.replace(/ /g, '').toUpperCase();
  return data.datori
    .filter((d) => {
      const hay = normalizeSearchText(`${d.cognome} ${d.nome}`);
      return words.every((w) => hay.includes(w)) || d.codiceFiscale.startsWith(cf);
    })
    .sort(ordine)
    .map((d) => d.codiceFiscale);
}

const uno = data.datori[7]!;

describe('clienti.cerca by text', () => {
  it.each<[string, string]>([
    ['a surname', uno.cognome],
    ['name and surname, any order, any case', `${uno.nome} ${uno.cognome}`.toUpperCase()],
    ['part of a surname', uno.cognome.slice(1, 4)],
    ['a codice fiscale prefix', uno.codiceFiscale.slice(0, 9)],
    ['a whole codice fiscale, lower case', uno.codiceFiscale.toLowerCase()],
    ['nothing typed', ''],
    ['LIKE wildcards match literally', '%_'],
    ['a text nobody has', 'zzqx'],
  ])('%s', async (_name, testo) => {
    const expected = oracle(testo);
    const page = await cerca({ testo, limite: 500 });
    expect(page.righe.map((r) => r.codiceFiscale)).toEqual(expected);
    expect(page.totale).toBe(expected.length);
  });

  it('lists once a datore the name and the codice fiscale both match, and pages in a stable order', async () => {
    // Two letters that are both a codice fiscale prefix of some datori and inside other datori's names.
    const lettere = 'abcdefghilmnoprstuvz';
    const both = [...lettere]
      .flatMap((a) => [...lettere].map((b) => a + b))
      .find((t) => {
        const byName = data.datori.filter((d) => normalizeSearchText(`${d.cognome} ${d.nome}`).includes(t));
        return byName.some((d) => d.codiceFiscale.startsWith(t.toUpperCase())) && data.datori.some((d) => d.codiceFiscale.startsWith(t.toUpperCase()));
      });
    expect(both).toBeDefined();
    const expected = oracle(both!);
    const first = await cerca({ testo: both, limite: 3 });
    const rest = await cerca({ testo: both, limite: 500, offset: 3 });
    const ids = [...first.righe, ...rest.righe].map((r) => r.codiceFiscale);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
    expect(first.totale).toBe(expected.length);
    // The page's rowids come from a subquery (clienti.ts): its values still bind as the shape says.
    expect(core.ctx.store.queries.shapesRefused).toEqual([]);
  });

  it('gives each client of a later page its own figures (computed for the page only)', async () => {
    const all = await cerca({ testo: '', limite: 500 });
    const perCf = new Map(all.righe.map((r) => [r.codiceFiscale, r]));
    const testo = uno.cognome.slice(1, 3);
    const page = await cerca({ testo, limite: 4, offset: 2 });
    expect(page.righe.map((r) => r.codiceFiscale)).toEqual(oracle(testo).slice(2, 6));
    for (const r of page.righe) expect(r).toEqual(perCf.get(r.codiceFiscale));
  });
});
