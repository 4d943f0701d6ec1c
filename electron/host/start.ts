import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorPayload } from '../common/errors';
import { openCore } from '../core/app';
import { createStderrLogger } from '../core/log';
import { DATABASE_FILE, defaultDataDir } from '../core/paths';
import { startBrowserHost } from './server';

// `npm run host -- [--port N] [--data FILE] [--renderer DIR] [--demo] [--open]`
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string' },
    renderer: { type: 'string', default: path.resolve('out/renderer') },
    demo: { type: 'boolean', default: false },
    open: { type: 'boolean', default: false },
    token: { type: 'string' },
  },
});

async function main(): Promise<void> {
  const logger = createStderrLogger();
  const dbPath = values.data ?? path.join(defaultDataDir(), DATABASE_FILE);
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const core = await openCore({ dbPath, logger });
  if (values.demo) {
    const { n } = core.ctx.sqlite.prepare('SELECT count(*) AS n FROM datori').get() as { n: number };
    if (n === 0) {
      const loaded = await core.dispatcher('ops')('demo.carica', { dimensione: 'small', seme: 1 });
      if (!loaded.ok) throw new Error(`demo load failed: ${loaded.error.code}`);
    }
  }
  const host = await startBrowserHost({
    core,
    rendererDir: values.renderer,
    port: Number(values.port),
    logger,
    ...(values.token ? { token: values.token } : {}),
  });
  // One machine-readable line first (tests and scripts read it), then the human one.
  process.stdout.write(`${JSON.stringify({ origin: host.origin, pageUrl: host.pageUrl })}\n`);
  process.stdout.write(`Cassetto Desk è pronto nel browser: ${host.pageUrl}\n`);
  if (values.open) openInBrowser(host.pageUrl);

  const shutdown = async () => {
    await host.close();
    await core.close();
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
