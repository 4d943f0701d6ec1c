// How many samples each size takes. Office stays well under 15 minutes on 2 cores; tiny runs in
// `npm test` only to prove every row still prints a number.
import type { DatasetSize } from '../electron/common/demo/index';
import type { AllegatiPlan } from './allegati';
import type { BloccoPlan } from './blocco';
import type { BozzePlan } from './bozze';
import type { CifraturaPlan } from './cifratura';
import type { ColdStartPlan } from './coldstart';
import type { RendererPlan } from './renderer';
import type { SearchPlan } from './search';
import type { StatistichePlan } from './statistiche';
import type { StatisticheRendererPlan } from './statisticheRenderer';
import type { SyncPlan } from './sync';

export interface Plan {
  search: SearchPlan;
  transport: SearchPlan;
  sync: SyncPlan;
  coldStart: ColdStartPlan;
  renderer: RendererPlan;
  memoryRounds: number;
  /** Core RSS target (DESIGN §7: 250 MB at office size; #17: 300 MB at large). */
  memoryLimitMB?: number;
  blocco: BloccoPlan;
  bozze: BozzePlan;
  cifratura: CifraturaPlan;
  allegati: AllegatiPlan;
  /** Issue #15: the Statistiche screen, 12 months, all sedi. */
  statistiche: StatistichePlan;
  statisticheRenderer: StatisticheRendererPlan;
}

export const PLANS: Record<DatasetSize, Plan> = {
  tiny: {
    search: { warmup: 10, samples: 40 },
    transport: { warmup: 10, samples: 40 },
    sync: { fullWarmup: 1, fullSamples: 3, incrementalWarmup: 1, incrementalSamples: 3, incrementalChanges: 1000 },
    coldStart: { warmup: 0, samples: 3 },
    renderer: { keystrokes: 6, scrollSegments: 2, framesPerSegment: 30, scrollStep: 800 },
    memoryRounds: 1,
    blocco: { prepara: 500, preparaWarmup: 1, preparaSamples: 3, invio: 200, invioWarmup: 0, invioSamples: 2 },
    bozze: { drafts: 200, typingRounds: 2, characters: 4, scrollSegments: 2, scrollStep: 800 },
    cifratura: { syncWarmup: 0, syncSamples: 3, search: { warmup: 10, samples: 40 } },
    allegati: { pdfSamples: 3, samples: 1 },
    statistiche: { warmup: 1, samples: 3 },
    statisticheRenderer: { switches: 4 },
  },
  small: {
    search: { warmup: 20, samples: 100 },
    transport: { warmup: 20, samples: 100 },
    sync: { fullWarmup: 1, fullSamples: 5, incrementalWarmup: 1, incrementalSamples: 5, incrementalChanges: 1000 },
    coldStart: { warmup: 1, samples: 5 },
    renderer: { keystrokes: 20, scrollSegments: 4, framesPerSegment: 60, scrollStep: 800 },
    memoryRounds: 2,
    blocco: { prepara: 500, preparaWarmup: 1, preparaSamples: 5, invio: 200, invioWarmup: 1, invioSamples: 3 },
    bozze: { drafts: 2000, typingRounds: 5, characters: 4, scrollSegments: 4, scrollStep: 800 },
    cifratura: { syncWarmup: 1, syncSamples: 5, search: { warmup: 20, samples: 100 } },
    allegati: { pdfSamples: 10, samples: 3 },
    statistiche: { warmup: 1, samples: 10 },
    statisticheRenderer: { switches: 10 },
  },
  office: {
    search: { warmup: 30, samples: 200 },
    transport: { warmup: 30, samples: 300 },
    sync: { fullWarmup: 1, fullSamples: 3, incrementalWarmup: 1, incrementalSamples: 10, incrementalChanges: 1000 },
    coldStart: { warmup: 1, samples: 10 },
    renderer: { keystrokes: 40, scrollSegments: 6, framesPerSegment: 60, scrollStep: 800 },
    memoryRounds: 3,
    blocco: { prepara: 500, preparaWarmup: 2, preparaSamples: 10, invio: 200, invioWarmup: 1, invioSamples: 3 },
    // Issue #11: the Bozze screen with 5,000 drafts.
    bozze: { drafts: 5000, typingRounds: 10, characters: 4, scrollSegments: 6, scrollStep: 800 },
    // Issue #12: each pair is two office-size full syncs; as many as row 3 takes.
    cifratura: { syncWarmup: 1, syncSamples: 3, search: { warmup: 30, samples: 200 } },
    allegati: { pdfSamples: 20, samples: 5 },
    statistiche: { warmup: 2, samples: 20 },
    statisticheRenderer: { switches: 20 },
  },
  // Issue #17: five times the office. Each full sync moves ~1.8 million changes (minutes each on
  // 2 cores): one sample per pair; the searches as at office size.
  large: {
    search: { warmup: 30, samples: 200, p95LimitMs: 8 },
    transport: { warmup: 30, samples: 200 },
    // The live-sandbox sync (row 3's second, unjudged row) is left out: one more 1.8-million-change
    // sync is a quarter of an hour here. `bench/syncProfile.ts --size large --live` measures it alone.
    sync: { fullWarmup: 0, fullSamples: 1, live: false, incrementalWarmup: 1, incrementalSamples: 5, incrementalChanges: 10_000, incrementalLimitMs: 1000 },
    coldStart: { warmup: 1, samples: 5 },
    renderer: { keystrokes: 40, scrollSegments: 6, framesPerSegment: 60, scrollStep: 800 },
    memoryRounds: 2,
    memoryLimitMB: 300,
    blocco: { prepara: 500, preparaWarmup: 1, preparaSamples: 5, invio: 200, invioWarmup: 1, invioSamples: 3 },
    bozze: { drafts: 5000, typingRounds: 5, characters: 4, scrollSegments: 4, scrollStep: 800 },
    cifratura: { syncWarmup: 0, syncSamples: 1, search: { warmup: 30, samples: 200, p95LimitMs: 8 } },
    allegati: { pdfSamples: 10, samples: 3 },
    statistiche: { warmup: 1, samples: 10 },
    statisticheRenderer: { switches: 20 },
  },
};
