// Child processes of the harness: started with tsx, they print one JSON line when ready and
// end when their standard input closes (so none outlives the harness).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface Child<T> {
  process: ChildProcess;
  /** The first JSON line the child printed. */
  ready: T;
  /** Further JSON lines, one per call to `ask` (request on stdin, answer on stdout). */
  ask<R>(request: unknown): Promise<R>;
  stop(): Promise<void>;
}

export function childPath(name: string): string {
  return path.join(import.meta.dirname, 'child', name);
}

/** Starts `node --import tsx bench/child/<name> args…` and waits for its first line. */
export async function startChild<T>(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Child<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', childPath(name), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  const failures: ((e: Error) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      const error = new Error(`bench child ${name} exited (${code ?? signal}): ${stderr.trim().slice(-1500)}`);
      for (const fail of failures.splice(0)) fail(error);
      resolve();
    }),
  );
  const next = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      failures.push(reject);
      if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`bench child ${name} already exited: ${stderr.trim().slice(-1500)}`));
    });
  const ready = JSON.parse(await next()) as T;
  failures.splice(0);
  return {
    process: child,
    ready,
    async ask<R>(request: unknown): Promise<R> {
      const answer = next();
      child.stdin!.write(`${JSON.stringify(request)}\n`);
      const line = await answer;
      failures.splice(0);
      const parsed = JSON.parse(line) as R & { error?: string };
      if (parsed && typeof parsed === 'object' && typeof parsed.error === 'string') throw new Error(`bench child ${name}: ${parsed.error}`);
      return parsed;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin!.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Runs a child to its end and parses the last line it printed. */
export async function runChild<T>(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', childPath(name), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last) throw new Error(`bench child ${name} failed (${code}): ${stderr.trim().slice(-1500)}`);
  return JSON.parse(last) as T;
}
