import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorPayload } from '../common/errors';
import { openCore } from '../core/app';
import { systemClock } from '../core/clock';
import { memoryCredentials } from '../core/gateway/credentials';
import { HttpGateway, type CredentialStore } from '../core/gateway/httpGateway';
import { createStderrLogger } from '../core/log';
import { DATABASE_FILE, defaultDataDir } from '../core/paths';
import { startEmbeddedDemo, type EmbeddedDemo } from '../../sandbox/embedded';
import { startBrowserHost } from './server';

// `npm run host -- [--port N] [--data FILE] [--renderer DIR] [--demo] [--open]`
// --demo: the embedded sandbox (seeded demo office) is the remote service, and the first sync runs at start.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string' },
    renderer: { type: 'string', default: path.resolve('out/renderer') },
    demo: { type: 'boolean', default: false },
    open: { type: 'boolean', default: false },
    token: { type: 'string' },
    // Training and tests: the embedded sandbox also answers its /admin routes (sede, clock, faults).
    'sandbox-admin': { type: 'boolean', default: false },
  },
});

/** How often to pull when nothing else happens (queued operations are retried when due). */
const PULL_INTERVAL_MS = 5 * 60_000;

async function main(): Promise<void> {
  const logger = createStderrLogger();
  const dbPath = values.data ?? path.join(defaultDataDir(), DATABASE_FILE);
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  let gateway: HttpGateway | null = null;
  let credentials: CredentialStore | null = null;
  let sandbox: EmbeddedDemo | null = null;
  if (values.demo) {
    // The sandbox keeps its own state next to the database, so the demo survives restarts.
    sandbox = await startEmbeddedDemo(dbPath === ':memory:' ? null : path.dirname(dbPath), { admin: values['sandbox-admin'] });
    // In the browser host credentials live in memory only, for this session.
    credentials = memoryCredentials(sandbox.credentials);
    gateway = new HttpGateway({ baseUrl: sandbox.url, credentials, clock: systemClock });
  }
  const core = await openCore({ dbPath, logger, gateway, credentials });
  if (gateway) {
    const first = await core.ctx.sync.syncNow();
    if (first.fase !== 'inattivo') logger.log('warn', 'initial demo sync did not complete', { phase: first.fase });
    core.ctx.sync.start({ pullIntervalMs: PULL_INTERVAL_MS });
  }
  const host = await startBrowserHost({
    core,
    rendererDir: values.renderer,
    port: Number(values.port),
    logger,
    ...(values.token ? { token: values.token } : {}),
  });
  // One machine-readable line first (tests and scripts read it), then the human one.
  process.stdout.write(`${JSON.stringify({ origin: host.origin, pageUrl: host.pageUrl, sandbox: sandbox?.url ?? null })}\n`);
  process.stdout.write(`Cassetto Desk è pronto nel browser: ${host.pageUrl}\n`);
  if (values.open) openInBrowser(host.pageUrl);

  const shutdown = async () => {
    await host.close();
    await core.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function openInBrowser(url: string): void {
  const opener = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn(opener, [url], { detached: true, stdio: 'ignore' }).on('error', () => {}).unref();
  } catch {
    // No browser to open: the URL is printed above.
  }
}

main().catch((error: unknown) => {
  const payload = toErrorPayload(error);
  process.stderr.write(`Impossibile avviare Cassetto Desk: ${payload.message}\n`);
  if (payload.code === 'ERRORE_INTERNO') process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
