import { describe, expect, it, vi } from 'vitest';
import { usePagine } from './pagine';

const fonte = (totale: number) => {
  const attese: (() => void)[] = [];
  const leggi = vi.fn(async (offset: number, limite: number) => {
    await new Promise<void>((resolve) => attese.push(resolve));
    return { totale, righe: Array.from({ length: Math.max(0, Math.min(limite, totale - offset)) }, (_, i) => offset + i) };
  });
  const rilascia = async () => {
    while (attese.length > 0) attese.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { leggi, rilascia };
};

describe('usePagine', () => {
  it('loads only the pages a range spans that are neither loaded nor on their way', async () => {
    const f = fonte(1_000);
    const lista = usePagine({ pageSize: 100, leggi: f.leggi });
    const prima = lista.cerca();
    await f.rilascia();
    expect(await prima).toBe(true);
    lista.assicura(150, 320);
    lista.assicura(250, 260);
    expect(f.leggi.mock.calls.map((c) => c[0])).toEqual([0, 100, 200, 300]);
    await f.rilascia();
    expect([...lista.righe.value.keys()].length).toBe(400);
    expect(lista.righe.value.get(399)).toBe(399);
  });

  it('asks for the next page while the rows before it are still in view, and never past the end', async () => {
    const f = fonte(250);
    const lista = usePagine({ pageSize: 100, leggi: f.leggi });
    const prima = lista.cerca();
    await f.rilascia();
    await prima;
    const chieste = () => f.leggi.mock.calls.map((c) => c[0]);
    lista.assicura(0, 40); // rows 0–40 in view: nothing more yet
    expect(chieste()).toEqual([0]);
    lista.assicura(20, 60); // within half a page of row 100: page 1 is asked for
    expect(chieste()).toEqual([0, 100]);
    await f.rilascia();
    lista.assicura(140, 160); // page 2 likewise, before row 200 is in view
    expect(chieste()).toEqual([0, 100, 200]);
    await f.rilascia();
    lista.assicura(230, 249); // the last rows: nothing after them
    expect(chieste()).toEqual([0, 100, 200]);
    expect(lista.righe.value.size).toBe(250);
  });

  it('drops the pages of a search that a newer one, or an empty list, replaced', async () => {
    const f = fonte(500);
    const lista = usePagine({ pageSize: 100, leggi: f.leggi });
    const vecchia = lista.cerca();
    lista.vuota();
    await f.rilascia();
    expect(await vecchia).toBe(false);
    expect([lista.totale.value, lista.righe.value.size, lista.caricamento.value]).toEqual([0, 0, false]);
  });

  it('shows the error of the current search, in Italian, and clears it with the next answer', async () => {
    const lista = usePagine({
      pageSize: 10,
      leggi: vi
        .fn()
        .mockRejectedValueOnce(new Error('boom'))
        .mockResolvedValue({ totale: 1, righe: [1] }),
    });
    await lista.cerca();
    expect(lista.errore.value).toMatch(/^[A-Z].*\./);
    expect(lista.errore.value).not.toContain('boom');
    await lista.cerca();
    expect(lista.errore.value).toBeNull();
  });
});
