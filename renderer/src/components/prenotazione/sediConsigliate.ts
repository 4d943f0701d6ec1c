import { computed, shallowRef, watch, type ComputedRef } from 'vue';
import type { SediConsigliate, SedeConsigliata } from '@common/commands/statistiche';
import type { SedeRiga } from '@common/commands/types';
import { useCommandClient } from '../../api/client';
import { it } from '../../i18n/it';
import { fmtGiorni, fmtPer100 } from '../statistiche/formato';

// Sede consigliata (#15): the sede selector lists the sedi as the core suggests them for the client
// (their province first), each with its recent median wait and disdette, so the operator picks
// with facts. Without a client, or if the suggestion cannot be had, the plain list by name.

export interface GruppoSedi {
  /** The optgroup's label; null for the plain list. */
  etichetta: string | null;
  sedi: { sede: SedeRiga; testo: string }[];
}

const testi = it.statistiche.consigliate;

/** «attesa mediana 3 gg · disdette 2,5 per 100», or «nessun dato recente». */
export function fattiSede(c: Pick<SedeConsigliata, 'attesaMedianaGiorni' | 'disdettePer100'>): string {
  if (c.attesaMedianaGiorni === null && c.disdettePer100 === null) return testi.nessunDato;
  const attesa = c.attesaMedianaGiorni === null ? testi.attesaNessuna : testi.attesa.replace('{n}', fmtGiorni(c.attesaMedianaGiorni));
  const disdette = c.disdettePer100 === null ? testi.disdetteNessuna : testi.disdette.replace('{n}', fmtPer100(c.disdettePer100));
  return `${attesa} · ${disdette}`;
}

const nome = (s: SedeRiga) => `${s.nome} — ${s.comune}`;

/** The groups of the selector: the client's province, then the others (each in the core's order), then any sede it did not list. */
export function gruppiSedi(elenco: SedeRiga[], consigliate: SediConsigliate | null): GruppoSedi[] {
  if (!consigliate || consigliate.sedi.length === 0) return [{ etichetta: null, sedi: elenco.map((s) => ({ sede: s, testo: nome(s) })) }];
  const riga = (c: SedeConsigliata) => ({ sede: c.sede, testo: `${nome(c.sede)} · ${fattiSede(c)}` });
  const listate = new Set(consigliate.sedi.map((c) => c.sede.id));
  const stessa = consigliate.sedi.filter((c) => c.stessaProvincia).map(riga);
  const altre = [
    ...consigliate.sedi.filter((c) => !c.stessaProvincia).map(riga),
    ...elenco.filter((s) => !listate.has(s.id)).map((s) => ({ sede: s, testo: nome(s) })),
  ];
  const gruppi: GruppoSedi[] = [];
  if (stessa.length > 0) gruppi.push({ etichetta: testi.stessaProvincia.replace('{provincia}', consigliate.provincia ?? ''), sedi: stessa });
  if (altre.length > 0) gruppi.push({ etichetta: stessa.length > 0 ? testi.altre : testi.tutte, sedi: altre });
  return gruppi;
}

/** The client's codice fiscale from a codice rapporto (the booking form knows only the rapporto until a draft exists). */
export async function cfDelRapporto(codiceRapporto: string): Promise<string | null> {
  const pagina = await useCommandClient().invoke('clienti.cerca', { testo: codiceRapporto, limite: 1, offset: 0 });
  return pagina.righe[0]?.codiceFiscale ?? null;
}

/** The sedi (all, by name) and, once the client is known, the suggested order with its facts. */
export function useSediConsigliate(cf: () => string | null): { sedi: ComputedRef<SedeRiga[]>; gruppi: ComputedRef<GruppoSedi[]> } {
  const elenco = shallowRef<SedeRiga[]>([]);
  const consigliate = shallowRef<SediConsigliate | null>(null);
  void useCommandClient()
    .invoke('sedi.elenco', {})
    .then((s) => (elenco.value = s))
    .catch(() => undefined);
  watch(
    cf,
    async (codiceFiscale) => {
      consigliate.value = null;
      if (!codiceFiscale) return;
      const r = await useCommandClient()
        .invoke('sedi.consigliate', { codiceFiscale })
        .catch(() => null); // no suggestion: the plain list still books
      if (cf() === codiceFiscale) consigliate.value = r;
    },
    { immediate: true },
  );
  const sedi = computed(() => {
    const viste = new Map(elenco.value.map((s) => [s.id, s]));
    for (const c of consigliate.value?.sedi ?? []) if (!viste.has(c.sede.id)) viste.set(c.sede.id, c.sede);
    return [...viste.values()];
  });
  return { sedi, gruppi: computed(() => gruppiSedi(elenco.value, consigliate.value)) };
}

/**
 * The client a batch's suggestion is for: the one that appears most among the chosen clients and
 * the clients of the chosen quesiti (the first on a tie). The suggestion is per client (its
 * province); the sede that suits most of the batch's drafts is the likeliest one.
 */
export function cfPiuFrequente(cfs: readonly string[]): string | null {
  const conteggi = new Map<string, number>();
  for (const cf of cfs) conteggi.set(cf, (conteggi.get(cf) ?? 0) + 1);
  let scelto: string | null = null;
  for (const [cf, n] of conteggi) if (scelto === null || n > conteggi.get(scelto)!) scelto = cf;
  return scelto;
}
