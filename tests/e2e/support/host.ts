import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { personalDataInFiles, personalDataInLogs } from './privacy';

export interface HostProcess {
  origin: string;
  pageUrl: string;
  token: string;
  dataDir: string;
  /** The embedded sandbox (its /admin routes answer when started with --sandbox-admin). */
  sandbox: string | null;
  /** Stops the host, checks its logs carry no personal data, and removes the data folder unless kept. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts the browser host exactly as `npm start` does without Electron, on a fresh data folder. */
export interface HostOptions {
  /** Default true: the embedded demo is the service (as `npm start`); false: a first run. */
  demo?: boolean;
  /** Reuse a data folder (a restart); by default a fresh one. */
  dataDir?: string;
}

export async function startHostProcess(extraArgs: string[] = [], options: HostOptions = {}): Promise<HostProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-e2e-'));
  // Node itself (with tsx's loader), not npx: a SIGTERM then reaches the host, which closes cleanly.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/host/start.ts',
      ...(options.demo === false ? [] : ['--demo']),
      '--port',
      '0',
      '--data',
      path.join(dataDir, 'cassetto.sqlite'),
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CASSETTO_DATA_DIR: dataDir } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const { origin, pageUrl, sandbox } = JSON.parse(first) as { origin: string; pageUrl: string; sandbox: string | null };
  const token = new URL(pageUrl).hash.replace('#token=', '');
  return {
    origin,
    pageUrl,
    token,
    dataDir,
    sandbox,
    stop: async ({ keepData = false } = {}) => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      const leaks = personalDataInLogs(dataDir, stderr);
      const inClear = personalDataInFiles(dataDir);
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
      if (leaks.length > 0) throw new Error(`personal data in the logs: ${leaks.slice(0, 5).join(', ')}`);
      // Every end-to-end host proves it: no file of the app under the data folder holds a client's data in clear.
      if (inClear.length > 0) throw new Error(`personal data in clear in the data folder: ${inClear.slice(0, 5).join(', ')}`);
    },
  };
}

/** Calls a command the way the page does, for test set-up and cross-checks. */
export async function api<T>(host: HostProcess, command: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/${command}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
  return body.value;
}
