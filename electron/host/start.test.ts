import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run host -- --open` as a user runs it: the browser is a stand-in `xdg-open` on PATH that
// records its command line — which every local user can read in `ps` — so the token must not be there.
const REPO = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-open-'));
let child: ChildProcess | null = null;
afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('npm run host -- --open', () => {
  it('opens the browser with a one-time URL: the token is on no command line, and the URL leads to the page with it', async () => {
    const bin = path.join(dir, 'bin');
    const log = path.join(dir, 'opener.log');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n`, { mode: 0o755 });
    child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/start.ts', '--data', ':memory:', '--open', '--renderer', dir], {
      cwd: REPO,
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, DISPLAY: ':99', CASSETTO_PASSPHRASE: undefined },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child!.stdout! }).once('line', resolve);
      child!.once('exit', (code) => reject(new Error(`host exited ${code}`)));
    });
    const { pageUrl } = JSON.parse(first) as { pageUrl: string };
    const token = /#token=([\w-]+)/.exec(pageUrl)![1]!;
    for (let i = 0; i < 100 && !fs.existsSync(log); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const opened = fs.readFileSync(log, 'utf8').trim();
    expect(opened).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/apri\/[\w-]+$/);
    expect(opened).not.toContain(token);
    const response = await fetch(opened, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/#token=${token}`);
  }, 60_000);
});
