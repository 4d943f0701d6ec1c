import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorPayload } from '../common/errors';
import { memoryCredentials } from '../core/gateway/credentials';
import { envTransport } from '../core/gateway/envTransport';
import { defaultDataDir } from '../core/paths';
import { openDataDir } from '../core/workspace/startup';
import { Workspace } from '../core/workspace/workspace';
import { startEmbeddedDemo } from '../../sandbox/embedded';
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

// The office passphrase comes from the environment, never from argv (visible to every user in `ps`);
// it is taken out at once so that no child process (the browser opened with --open) inherits it.
const passphrase = process.env.CASSETTO_PASSPHRASE ?? null;
delete process.env.CASSETTO_PASSPHRASE;

async function main(): Promise<void> {
  // --data names the demo database; its folder is the data folder (tests and scripts use this).
  const dataDir = values.data && values.data !== ':memory:' ? path.dirname(path.resolve(values.data)) : defaultDataDir();
  const logs = openDataDir(dataDir);
  const logger = logs.logger;
  // A remote service through the office's proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY; extra CAs from NODE_EXTRA_CA_CERTS.
  const network = envTransport();
  logger.log('info', 'network', { proxy: network.proxy, extraCa: Boolean(process.env.NODE_EXTRA_CA_CERTS) });
  const workspace = await Workspace.open({
    dataDir,
    logger,
    flushLogs: logs.flush,
    ...(values.data ? { demoDbPath: values.data === ':memory:' ? ':memory:' : path.resolve(values.data) } : {}),
    // The sandbox keeps its own state in the data folder, so the demo survives restarts.
    startDemo: () => startEmbeddedDemo(values.data === ':memory:' ? null : dataDir, { admin: values['sandbox-admin'] }),
    // In the browser host credentials live in memory only, for this session.
    credentialsFor: (_key, initial) => memoryCredentials(initial),
    defaultToDemo: values.demo,
    pullIntervalMs: PULL_INTERVAL_MS,
    // Without it, the page asks for the office passphrase before an office's database opens.
    passphrase,
    fetch: network.transport,
  });
  if (workspace.stato().servizio?.tipo === 'sandbox') {
    // The demo opens on data: the first sync runs before the URL is printed.
    const first = await workspace.core.ctx.sync.syncNow();
    if (first.fase !== 'inattivo') logger.log('warn', 'initial demo sync did not complete', { phase: first.fase });
  }
  const host = await startBrowserHost({
    core: workspace,
    rendererDir: values.renderer,
    port: Number(values.port),
    logger,
    ...(values.token ? { token: values.token } : {}),
  });
  // One machine-readable line first (tests and scripts read it), then the human one.
  process.stdout.write(`${JSON.stringify({ origin: host.origin, pageUrl: host.pageUrl, sandbox: workspace.demoUrl })}\n`);
  process.stdout.write(`Cassetto Desk è pronto nel browser: ${host.pageUrl}\n`);
  // Never the token on the browser's command line (`ps` shows it to every user): a one-time URL instead.
  if (values.open) openInBrowser(host.openUrl());

  const shutdown = async () => {
    await host.close();
    await workspace.close();
    await network.close();
    await logs.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

function openInBrowser(url: string): void {
  const opener = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn(opener, [url], { detached: true, stdio: 'ignore' })
      .on('error', () => {})
      .unref();
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
