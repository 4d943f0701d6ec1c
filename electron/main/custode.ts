import { safeStorage } from 'electron';
import type { CustodeChiave } from '../core/chiave/custode';
import type { Logger } from '../core/log';

/**
 * Whether safeStorage is a real OS secret store here. On Linux its `basic_text` backend (no
 * keyring running) encrypts with a password hard-coded in Chromium: that protects nothing, so it
 * is treated as no store at all — the office passphrase wraps the key instead, and credentials
 * stay in memory.
 */
export function safeStorageReale(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform !== 'linux') return true;
  return safeStorage.getSelectedStorageBackend() !== 'basic_text' && safeStorage.getSelectedStorageBackend() !== 'unknown';
}

/**
 * Why this PC has no real OS secret store, for the operator (Impostazioni, the passphrase page):
 * 'basic_text' — Linux with no keyring running, where safeStorage would use its fixed password;
 * 'assente' — safeStorage unavailable. Null when the store is real.
 */
export function portachiaviMancante(): 'basic_text' | 'assente' | null {
  if (safeStorageReale()) return null;
  return safeStorage.isEncryptionAvailable() && process.platform === 'linux' ? 'basic_text' : 'assente';
}

/** The key's custodian when the OS has a real secret store; null: the office passphrase is asked at start. */
export function custodeDaSafeStorage(logger: Logger): CustodeChiave | null {
  if (!safeStorageReale()) {
    logger.log('warn', 'no real OS secret store (safeStorage unavailable or basic_text): the office passphrase protects the key');
    return null;
  }
  const nome = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'win32' ? 'Windows DPAPI' : 'macOS Keychain';
  return {
    nome,
    avvolgi: (chiave) => safeStorage.encryptString(chiave.toString('base64')),
    svolgi: (avvolta) => Buffer.from(safeStorage.decryptString(avvolta), 'base64'),
  };
}
