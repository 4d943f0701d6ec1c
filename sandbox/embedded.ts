// The sandbox as the app's embedded default service (demo and training mode): started
// in-process by the Electron shell and the browser host, seeded once, kept across restarts.
import path from 'node:path';
import { DEMO_INTERMEDIARIO_ID, DEMO_OPERATORI, DEMO_PASSWORD } from '../electron/common/demo/index';
import { startSandbox } from './index';

export interface EmbeddedDemo {
  url: string;
  /** The demo office's first operator. */
  credentials: { username: string; password: string };
  close(): Promise<void>;
}

/** `dataDir` null keeps the sandbox in memory (tests). */
/** `admin`: the sede/clock routes, for end-to-end tests and training sessions (loopback only). */
export async function startEmbeddedDemo(dataDir: string | null, options: { admin?: boolean } = {}): Promise<EmbeddedDemo> {
  const operatore = DEMO_OPERATORI.find((o) => o.intermediarioId === DEMO_INTERMEDIARIO_ID);
  if (!operatore) throw new Error('demo data has no operator for the demo office');
  const sandbox = await startSandbox({
    dataPath: dataDir ? path.join(dataDir, 'sandbox-demo.sqlite') : ':memory:',
    seed: 1,
    size: 'small',
    admin: options.admin === true,
    // Like the browser host: a page elsewhere whose name resolves to 127.0.0.1 gets nothing.
    checkHost: true,
  });
  return { url: sandbox.url, credentials: { username: operatore.username, password: DEMO_PASSWORD }, close: () => sandbox.close() };
}
