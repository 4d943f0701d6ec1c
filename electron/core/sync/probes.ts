/**
 * Points of the sync path where a crash says the most about durability. The crash test
 * (tests/crash/) passes a probe through `openCore` and kills the process at the chosen point;
 * in the app no probe is given and each call site is a skipped optional call.
 */
export const SYNC_PROBE_POINTS = [
  /** A page of the change feed and its cursor have committed; the next page is not yet asked for. */
  'pagina',
  /** An attachment upload succeeded and its queued row is done; the next row is not yet sent. */
  'upload',
  /** The service answered a booking and its effect is written locally, but not yet committed. */
  'prenotazione',
  /** A booking and its effect have committed; the rest of the queue is not yet sent. */
  'prenotata',
] as const;

export type SyncProbePoint = (typeof SYNC_PROBE_POINTS)[number];

/** Called synchronously at each point (inside the transaction for 'prenotazione'). */
export type SyncProbe = (point: SyncProbePoint) => void;
