import type { AppEvent, EventMap, EventName } from '../common/events';

export type EventListener = (event: AppEvent) => void;

/** The core's outgoing event channel; each transport subscribes once and forwards. */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    const message = { event, payload } as AppEvent;
    for (const listener of this.#listeners) listener(message);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
