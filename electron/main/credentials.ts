import fs from 'node:fs';
import { safeStorage } from 'electron';
import { z } from 'zod';
import type { CredentialStore, Credentials } from '../core/gateway/httpGateway';
import type { Logger } from '../core/log';
import { safeStorageReale } from './custode';

const credentialsSchema = z.strictObject({ username: z.string().min(1), password: z.string().min(1) });

/**
 * The operator's credentials encrypted with the OS keychain (DPAPI on Windows, libsecret/kwallet
 * on Linux) through Electron's safeStorage. Where no keychain is available they are kept in
 * memory only — never written in clear.
 */
export class SafeStorageCredentials implements CredentialStore {
  readonly #file: string;
  readonly #logger: Logger;
  #memory: Credentials | null;

  /** `initial`: used until the operator logs in (the demo account of the embedded sandbox). */
  constructor(file: string, logger: Logger, initial: Credentials | null) {
    this.#file = file;
    this.#logger = logger;
    this.#memory = initial;
  }

  async get(): Promise<Credentials | null> {
    if (!fs.existsSync(this.#file) || !safeStorageReale()) return this.#memory;
    try {
      const parsed = credentialsSchema.safeParse(JSON.parse(safeStorage.decryptString(fs.readFileSync(this.#file))));
      return parsed.success ? parsed.data : this.#memory;
    } catch {
      this.#logger.log('warn', 'stored credentials could not be decrypted; ignoring them');
      return this.#memory;
    }
  }

  async set(credentials: Credentials): Promise<void> {
    this.#memory = credentials;
    // basic_text would write them under a fixed, public password: memory only, as with no keychain.
    if (!safeStorageReale()) {
      this.#logger.log('warn', 'no real OS keychain (none, or basic_text): credentials kept in memory only');
      return;
    }
    const temp = `${this.#file}.tmp`;
    fs.writeFileSync(temp, safeStorage.encryptString(JSON.stringify(credentials)), { mode: 0o600 });
    fs.renameSync(temp, this.#file);
  }

  async clear(): Promise<void> {
    this.#memory = null;
    fs.rmSync(this.#file, { force: true });
  }
}
