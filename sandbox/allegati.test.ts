import { describe, expect, it } from 'vitest';
import { SANDBOX_CAPS } from './store/allegati';
import { call, pdfBytes, problemCode, sha256, useSandbox } from './test/helpers';

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
  0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

describe('PUT /v1/allegati/{sha256}', () => {
  const h = useSandbox({ size: 'tiny' });

  const put = (hash: string, body: Buffer, type = 'application/pdf') =>
    call(h, 'PUT', `/v1/allegati/${hash}`, { token: h.token, body, headers: { 'content-type': type } });

  it('stores a PDF (201) and answers the same result again for the same bytes (200)', async () => {
    const bytes = pdfBytes('primo');
    const first = await put(sha256(bytes), bytes);
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ sha256: sha256(bytes), mime: 'application/pdf', dimensione: bytes.length });
    const again = await put(sha256(bytes), bytes);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(h.store.counts().allegati).toBe(1);
  });

  it('types octet-stream uploads from their bytes', async () => {
    const r = await put(sha256(PNG), PNG, 'application/octet-stream');
    expect([r.status, r.json.mime]).toEqual([201, 'image/png']);
  });

  it('refuses a hash that does not match the bytes (400), storing nothing', async () => {
    const before = h.store.counts().allegati;
    const r = await put(sha256(pdfBytes('altro')), pdfBytes('diverso'));
    expect([r.status, problemCode(r)]).toEqual([400, 'HASH_NON_CORRISPONDENTE']);
    expect(h.store.counts().allegati).toBe(before);
  });

  it('refuses an MZ executable named and typed as PDF (422)', async () => {
    const before = h.store.counts().allegati;
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0x41)]);
    for (const type of ['application/pdf', 'application/octet-stream']) {
      const r = await put(sha256(exe), exe, type);
      expect([r.status, problemCode(r)]).toEqual([422, 'ALLEGATO_NON_VALIDO']);
    }
    expect(h.store.counts().allegati).toBe(before);
  });

  it('refuses bytes of another type than declared, truncated files and empty files (422)', async () => {
    const before = h.store.counts().allegati;
    const mismatch = await put(sha256(PNG), PNG, 'application/pdf');
    expect([mismatch.status, problemCode(mismatch)]).toEqual([422, 'ALLEGATO_NON_VALIDO']);
    const truncated = pdfBytes('tronco').subarray(0, 20);
    const t = await put(sha256(truncated), Buffer.from(truncated));
    expect([t.status, problemCode(t)]).toEqual([422, 'ALLEGATO_NON_VALIDO']);
    const empty = Buffer.alloc(0);
    const e = await put(sha256(empty), empty);
    expect([e.status, problemCode(e)]).toEqual([422, 'ALLEGATO_NON_VALIDO']);
    expect(e.json.detail).toMatch(/vuoto/);
    expect(h.store.counts().allegati).toBe(before);
  });

  it('refuses files over the advertised cap (413 ALLEGATO_TROPPO_GRANDE)', async () => {
    const before = h.store.counts().allegati;
    const big = Buffer.concat([pdfBytes('grande'), Buffer.alloc(SANDBOX_CAPS.maxFileBytes)]);
    const r = await put(sha256(big), big);
    expect([r.status, problemCode(r)]).toEqual([413, 'ALLEGATO_TROPPO_GRANDE']);
    expect(h.store.counts().allegati).toBe(before);
  });

  it('refuses a malformed hash in the path (400) and anonymous uploads (401)', async () => {
    const bytes = pdfBytes('x');
    const bad = await put('ABC', bytes);
    expect([bad.status, problemCode(bad)]).toEqual([400, 'INPUT_NON_VALIDO']);
    const anon = await call(h, 'PUT', `/v1/allegati/${sha256(bytes)}`, { body: bytes, headers: { 'content-type': 'application/pdf' } });
    expect([anon.status, problemCode(anon)]).toEqual([401, 'NON_AUTENTICATO']);
  });
});
