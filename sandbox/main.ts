// CLI: npm run sandbox -- --port N --data FILE --seed S --size tiny|small|office [--admin] [--host H]
//      [--today YYYY-MM-DD] [--seed-only] [--write-openapi [FILE]]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DatasetSize } from '../electron/common/demo';
import { isIsoDate } from '../electron/common/domain/calendario';
import { generateOpenApiDocument, openSeededStore, startSandbox } from './index';

export const OPENAPI_PATH = path.join(import.meta.dirname, 'openapi.json');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: ':memory:' },
    seed: { type: 'string', default: '1' },
    size: { type: 'string', default: 'small' },
    today: { type: 'string' },
    admin: { type: 'boolean', default: false },
    'seed-only': { type: 'boolean', default: false },
    'write-openapi': { type: 'boolean', default: false },
    log: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  if (values['write-openapi']) {
    const doc = await generateOpenApiDocument();
    writeFileSync(OPENAPI_PATH, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`wrote ${OPENAPI_PATH}`);
    return;
  }
  const size = values.size;
  if (size !== 'tiny' && size !== 'small' && size !== 'office') fail(`--size must be tiny, small or office (got ${size})`);
  const seed = Number(values.seed);
  const port = Number(values.port);
  if (!Number.isInteger(seed)) fail('--seed must be an integer');
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0–65535');
  if (values.today !== undefined && !isIsoDate(values.today)) fail('--today must be YYYY-MM-DD');
  const opts = {
    port,
    host: values.host,
    dataPath: values.data,
    seed,
    size: size as DatasetSize,
    admin: values.admin,
    logger: values.log,
    // On loopback, like the embedded one: a page elsewhere whose name resolves to 127.0.0.1 (DNS
    // rebinding) gets nothing. Served to the LAN (`--host 0.0.0.0`), the names it is reached by are not known here.
    checkHost: ['127.0.0.1', '::1', 'localhost'].includes(values.host),
    ...(values.today !== undefined ? { today: values.today } : {}),
  };
  const started = Date.now();
  if (values['seed-only']) {
    const { store, seeded } = openSeededStore(opts);
    const counts = store.counts();
    store.close();
    console.log(`${seeded ? 'seeded' : 'already seeded, reused'} ${values.data} (${size}, seed ${seed}) in ${Date.now() - started} ms`, counts);
    return;
  }
  const sandbox = await startSandbox(opts);
  console.log(
    `Cassetto sandbox on ${sandbox.url} (${sandbox.seeded ? `seeded ${size}, seed ${seed}` : 'reused existing data'} in ${Date.now() - started} ms${values.admin ? ', admin routes on' : ''})`,
  );
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
