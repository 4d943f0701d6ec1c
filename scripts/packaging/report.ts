// The result of the packaging check: one entry per check, in the order they are printed.

export type CheckId = 'configuration' | 'fuses' | 'main' | 'files' | 'imports' | 'dependencies' | 'renderer' | 'icons';

export interface CheckResult {
  id: CheckId;
  title: string;
  ok: boolean;
  /** One line on what was checked, when it passed. */
  summary: string;
  problems: string[];
  notes: string[];
}

export interface PackagingReport {
  ok: boolean;
  root: string;
  configFile: string;
  builderVersion: string;
  checks: CheckResult[];
}

/** A check being run: problems and notes are added as they are found. */
export class Check implements CheckResult {
  problems: string[] = [];
  notes: string[] = [];
  summary = '';
  constructor(
    readonly id: CheckId,
    readonly title: string,
  ) {}
  get ok() {
    return this.problems.length === 0;
  }
  problem(text: string) {
    this.problems.push(text);
  }
  note(text: string) {
    this.notes.push(text);
  }
  toJSON(): CheckResult {
    return { id: this.id, title: this.title, ok: this.ok, summary: this.summary, problems: this.problems, notes: this.notes };
  }
}
