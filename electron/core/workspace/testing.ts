import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CommandResult } from '../../common/commands/contract';
import type { AppErrorPayload } from '../../common/errors';
import { PASSPHRASE_DI_PROVA } from '../chiave/testing';
import { memoryCredentials } from '../gateway/credentials';
import { silentLogger } from '../log';
import type { WorkspaceOptions } from './options';
import { Workspace } from './workspace';

/** A workspace on a fresh data folder per test, and the calls a test makes through it. */
export interface TestWorkspace {
  /** This test's data folder. */
  readonly dir: string;
  /** The workspace opened last (throws before the first `open`). */
  readonly workspace: Workspace;
  /** Opens (again: the previous one is closed first, as at a restart) on the same folder. */
  open(extra?: Partial<WorkspaceOptions>): Promise<Workspace>;
  close(): Promise<void>;
  call<T = unknown>(name: string, input?: unknown): Promise<CommandResult<T>>;
  /** The value of a command that must succeed. */
  value<T = unknown>(name: string, input?: unknown): Promise<T>;
  /** The error of a command that must be refused. */
  refused(name: string, input?: unknown): Promise<AppErrorPayload>;
}

/**
 * Registers beforeEach/afterEach: a fresh data folder, closed and removed after each test. The
 * defaults: no demo (tests of the embedded demo pass the sandbox's startEmbeddedDemo, which core
 * must not import), memory credentials, no timers, the test passphrase for office databases.
 */
export function useTestWorkspace(prefix: string, defaults: Partial<WorkspaceOptions> = {}): TestWorkspace {
  let dir: string | null = null;
  let current: Workspace | null = null;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `cassetto-${prefix}-`));
  });
  afterEach(async () => {
    await current?.close();
    current = null;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  const folder = (): string => {
    if (!dir) throw new Error('useTestWorkspace: no test is running');
    return dir;
  };
  const self: TestWorkspace = {
    get dir() {
      return folder();
    },
    get workspace() {
      if (!current) throw new Error('useTestWorkspace: open() first');
      return current;
    },
    async open(extra = {}) {
      await current?.close();
      current = null;
      current = await Workspace.open({
        dataDir: folder(),
        logger: silentLogger,
        startDemo: () => Promise.reject(new Error('no demo in this test')),
        credentialsFor: (_key, initial) => memoryCredentials(initial),
        pullIntervalMs: null,
        scheduledBackups: false,
        passphrase: PASSPHRASE_DI_PROVA,
        ...defaults,
        ...extra,
      });
      return current;
    },
    async close() {
      await current?.close();
      current = null;
    },
    call: async <T>(name: string, input: unknown = {}) => (await self.workspace.dispatcher('app')(name, input)) as CommandResult<T>,
    async value<T>(name: string, input: unknown = {}) {
      const result = await self.call<T>(name, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value;
    },
    async refused(name: string, input: unknown = {}) {
      const result = await self.call(name, input);
      if (result.ok) throw new Error(`${name} should have been refused`);
      return result.error;
    },
  };
  return self;
}
