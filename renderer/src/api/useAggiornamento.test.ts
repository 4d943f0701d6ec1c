// @vitest-environment jsdom
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { setCommandClient, type CommandClient } from './client';
import { useAggiornamento } from './useAggiornamento';

describe('useAggiornamento', () => {
  it('reloads on dati.aggiornati while mounted, and stops listening when unmounted', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const stop = vi.fn((event: string) => listeners.delete(event));
    const on = vi.fn((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => stop(event);
    });
    setCommandClient({ invoke: vi.fn(), on } as unknown as CommandClient);
    const reload = vi.fn(async () => undefined);
    const wrapper = mount(
      defineComponent({
        setup() {
          useAggiornamento(reload);
          return () => h('p');
        },
      }),
    );

    expect(on).toHaveBeenCalledOnce();
    expect(on.mock.calls[0]?.[0]).toBe('dati.aggiornati');
    expect(reload).not.toHaveBeenCalled();
    listeners.get('dati.aggiornati')?.({});
    listeners.get('dati.aggiornati')?.({});
    expect(reload).toHaveBeenCalledTimes(2);

    wrapper.unmount();
    expect(stop).toHaveBeenCalledOnce();
    expect(listeners.size).toBe(0);
  });
});
