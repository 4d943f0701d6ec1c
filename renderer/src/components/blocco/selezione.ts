import { computed, ref, type Ref } from 'vue';

/**
 * A set of chosen ids over a list that may change under it (a sync, a reload): ids no longer
 * listed drop out, so a batch never carries an item the operator cannot see.
 */
export function useSelezione(elenco: Ref<readonly string[]>) {
  const scelti = ref(new Set<string>());
  const validi = computed(() => {
    const presenti = new Set(elenco.value);
    return [...scelti.value].filter((id) => presenti.has(id));
  });
  const tutti = computed(() => elenco.value.length > 0 && validi.value.length === elenco.value.length);
  const alcuni = computed(() => validi.value.length > 0 && !tutti.value);

  function alterna(id: string): void {
    const next = new Set(scelti.value);
    if (!next.delete(id)) next.add(id);
    scelti.value = next;
  }
  function alternaTutti(): void {
    scelti.value = tutti.value ? new Set() : new Set(elenco.value);
  }
  function svuota(): void {
    scelti.value = new Set();
  }
  const ha = (id: string) => scelti.value.has(id);

  return { validi, tutti, alcuni, alterna, alternaTutti, svuota, ha };
}
