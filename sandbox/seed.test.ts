import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetCounts } from '../electron/common/demo';
import { startSandbox } from './index';
import { TODAY, call, login } from './test/helpers';

describe('seeding and persistence', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cassetto-sandbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds the generator dataset and reuses an existing file instead of reseeding', async () => {
    const file = path.join(dir, 'sandbox.sqlite');
    const first = await startSandbox({ dataPath: file, size: 'small', seed: 3, today: TODAY });
    expect(first.seeded).toBe(true);
    const expected = datasetCounts('small');
    expect(first.store.counts()).toMatchObject({
      deleghe: expected.deleghe,
      rapporti: expected.rapporti,
      quesiti: expected.quesiti,
      appuntamenti: expected.appuntamenti,
      comunicazioni: expected.comunicazioni,
    });
    const token = await login(first);
    const q = await call(first, 'POST', '/admin/quesiti', { json: { codiceRapporto: '0000000000', argomento: 'mav', oggetto: 'x' } });
    expect(q.status).toBe(404); // admin off
    const counts = first.store.counts();
    await first.close();

    const second = await startSandbox({ dataPath: file, size: 'office', seed: 99, today: TODAY });
    try {
      expect(second.seeded).toBe(false);
      expect(second.store.counts()).toEqual(counts);
      // Sessions live in the store too.
      expect((await call(second, 'GET', '/v1/impostazioni', { token })).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
