// @vitest-environment jsdom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppI18n } from '../../i18n/index';
import AllegatoScheda from './AllegatoScheda.vue';

// In the browser host an attachment is downloaded by the page: the file it saves must carry the
// extension of the type sniffed from its bytes, whatever name it was added under.
const scaricaFile = vi.fn();
vi.mock('../../api/download', () => ({ scaricaFile: (...args: unknown[]) => scaricaFile(...args), base64ToBytes: () => new Uint8Array([37, 80, 68, 70]) }));
vi.mock('../../allegati/anteprima', () => ({ LATO_ANTEPRIMA: 96, creaAnteprima: async () => null }));
vi.mock('../../api/client', () => ({
  useCommandClient: () => ({
    invoke: async (name: string) => {
      if (name === 'app.info') return { desktop: false, versione: '0', schemaVersione: 1 };
      return { sha256: 'a'.repeat(64), mime: 'application/pdf', dimensione: 4, contenutoBase64: 'JVBERg==' };
    },
  }),
}));

beforeEach(() => {
  setActivePinia(createPinia());
  scaricaFile.mockClear();
});

describe('downloading an attachment in the browser host', () => {
  it('«x.exe» holding a PDF is saved as «x.pdf»', async () => {
    const wrapper = mount(AllegatoScheda, {
      props: { sha256: 'a'.repeat(64), nomeFile: 'x.exe', mime: 'application/pdf', dimensione: 4 },
      global: { plugins: [createAppI18n()] },
    });
    await flushPromises();
    await wrapper.get('[data-testid="allegato-apri"]').trigger('click');
    await flushPromises();
    expect(scaricaFile).toHaveBeenCalledTimes(1);
    expect(scaricaFile.mock.calls[0]![0]).toBe('x.pdf');
    expect(scaricaFile.mock.calls[0]![1]).toBe('application/pdf');
  });
});
