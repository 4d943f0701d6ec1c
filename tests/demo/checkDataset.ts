// Consistency and realism checks for a generated demo dataset (used by generator.test.ts).
// Pure: returns the problems found (at most 30), empty when the dataset holds every rule.
import type { DemoDataset } from '../../electron/common/demo/index';
import { checkAppuntamenti } from './checks/appuntamenti';
import { checkArgomenti } from './checks/argomenti';
import { checkComunicazioni } from './checks/comunicazioni';
import { checkCounts } from './checks/counts';
import { indexDataset, type CheckOptions } from './checks/dataset';
import { checkDatori } from './checks/datori';
import { checkDeleghe } from './checks/deleghe';
import { checkIntermediari } from './checks/intermediari';
import { checkQuesiti } from './checks/quesiti';
import { checkRapporti } from './checks/rapporti';
import { checkSedi } from './checks/sedi';
import { MAX_PROBLEMS } from './checks/util';

export type { CheckOptions } from './checks/dataset';

/**
 * Every realism and consistency rule, entity by entity. Per-item checks that are slow (Rome dates,
 * idoneità) run on every `stride`-th appointment; global invariants always run on everything.
 * Handy for any other generated dataset too.
 */
export function checkDataset(ds: DemoDataset, opts: CheckOptions = {}): string[] {
  const ix = indexDataset(ds, opts);
  const checks = [
    checkCounts,
    checkArgomenti,
    checkIntermediari,
    checkDatori,
    checkDeleghe,
    checkRapporti,
    checkQuesiti,
    checkSedi,
    checkAppuntamenti,
    checkComunicazioni,
  ];
  return checks.flatMap((check) => check(ix)).slice(0, MAX_PROBLEMS);
}
