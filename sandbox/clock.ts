// The sandbox's own clock: every rule (token expiry, idoneità, past slots) reads it, so tests and
// the demo can move time forward through /admin/clock instead of waiting.
import { romeDate } from '../electron/common/domain/calendario';
import type { IsoDate } from '../electron/common/model';

export class SandboxClock {
  /** Sandbox time minus real time, in ms (ticking mode), or the frozen instant. */
  private offsetMs: number;
  private frozenAt: number | null;

  /** `frozen`: time moves only when told (tests); otherwise it ticks with the real clock. */
  constructor(start: Date = new Date(), opts: { frozen?: boolean } = {}) {
    this.offsetMs = start.getTime() - Date.now();
    this.frozenAt = opts.frozen === true ? start.getTime() : null;
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  nowMs(): number {
    return this.now().getTime();
  }

  /** Today in Europe/Rome: the day every INPS rule is about. */
  today(): IsoDate {
    return romeDate(this.now());
  }

  advance(minutes: number): Date {
    return this.setTo(new Date(this.nowMs() + minutes * 60_000));
  }

  setTo(instant: Date): Date {
    if (this.frozenAt !== null) this.frozenAt = instant.getTime();
    else this.offsetMs = instant.getTime() - Date.now();
    return this.now();
  }
}
