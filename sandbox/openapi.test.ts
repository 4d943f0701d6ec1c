import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from './index';
import { call, useSandbox } from './test/helpers';

const COMMITTED = path.join(import.meta.dirname, 'openapi.json');
const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

describe('OpenAPI document', () => {
  const h = useSandbox({ size: 'tiny', admin: true, login: false });

  it('the committed sandbox/openapi.json is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(committed as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('equals what the server generates now (regenerate: npx tsx sandbox/main.ts --write-openapi)', async () => {
    expect(await generateOpenApiDocument()).toEqual(committed);
    // And what it serves.
    const served = await call(h, 'GET', '/openapi.json');
    expect(served.json).toEqual(committed);
  });

  it('describes exactly the routes the server registers', () => {
    const documented = Object.entries(committed.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const registered = h.routes.map((r) => r.replace(/:(\w+)/g, '{$1}')).sort();
    expect(registered).toEqual(documented);
  });

  it('documents every error of every /v1 route as problem+json', () => {
    for (const [p, ops] of Object.entries(committed.paths)) {
      if (p === '/openapi.json') continue;
      for (const op of Object.values(ops)) {
        const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
        expect(errors.length, p).toBeGreaterThan(0);
        for (const [, res] of errors) expect(Object.keys(res.content ?? {})).toEqual(['application/problem+json']);
      }
    }
  });
});
