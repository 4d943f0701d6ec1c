// The dataset under check with the lookups several rules share, built once.
import { datasetCounts, type DemoDataset } from '../../../electron/common/demo/index';
import { COMUNI, type Comune } from '../../../electron/common/demo/comuni';
import { romeInstant } from '../../../electron/common/domain/calendario';
import { valutaIdoneita } from '../../../electron/common/domain/idoneita';
import type { ArgomentoCodice, Datore, Delega, IsoDate, Operatore, Quesito, Rapporto, Sede } from '../../../electron/common/model';
import { groupBy } from './util';

export interface CheckOptions {
  /** The slow per-appointment checks (Rome dates, idoneità) run on every `stride`-th one. Default 1. */
  stride?: number;
  /** 'basic' relaxes the rules a tiny dataset is too small to meet (every tipologia, rare cases). Default 'full'. */
  coverage?: 'full' | 'basic';
}

export interface DatasetIndex {
  ds: DemoDataset;
  today: IsoDate;
  /** Today's midnight in Rome: every timestamp of the dataset is before it. */
  nowMs: number;
  counts: ReturnType<typeof datasetCounts>;
  stride: number;
  full: boolean;
  /** Argomento → response deadline in working days. */
  termine: Map<ArgomentoCodice, number>;
  intermediarioIds: Set<string>;
  operatori: Map<string, Operatore>;
  /** By codice fiscale. */
  datori: Map<string, Datore>;
  /** By name. */
  comuni: Map<string, Comune>;
  /** Deleghe by datore's codice fiscale. */
  delegheDi: Map<string, Delega[]>;
  /** By codice rapporto. */
  rapporti: Map<string, Rapporto>;
  quesiti: Map<string, Quesito>;
  sedi: Map<string, Sede>;
  /** Sede id → its closure days. */
  chiusure: Map<string, Set<IsoDate>>;
  /** Quesiti in attesa and idonei today: the operators' worklist. */
  idoneiOggi: Quesito[];
}

export function indexDataset(ds: DemoDataset, opts: CheckOptions): DatasetIndex {
  const today = ds.today;
  const termine = new Map(ds.argomenti.map((a) => [a.codice, a.termineGiorni]));
  return {
    ds,
    today,
    nowMs: Date.parse(romeInstant(today, '00:00')),
    counts: datasetCounts(ds.size),
    stride: opts.stride ?? 1,
    full: (opts.coverage ?? 'full') === 'full',
    termine,
    intermediarioIds: new Set(ds.intermediari.map((i) => i.id)),
    operatori: new Map(ds.operatori.map((o) => [o.id, o])),
    datori: new Map(ds.datori.map((d) => [d.codiceFiscale, d])),
    comuni: new Map(COMUNI.map((c) => [c.nome, c])),
    delegheDi: groupBy(ds.deleghe, (d) => d.datoreCf),
    rapporti: new Map(ds.rapporti.map((r) => [r.codice, r])),
    quesiti: new Map(ds.quesiti.map((q) => [q.id, q])),
    sedi: new Map(ds.sedi.map((s) => [s.id, s])),
    chiusure: new Map(ds.sedi.map((s) => [s.id, new Set(s.chiusure)])),
    idoneiOggi: ds.quesiti.filter((q) => q.esito === 'in_attesa' && valutaIdoneita(q, termine.get(q.argomento)!, today).idoneo),
  };
}
