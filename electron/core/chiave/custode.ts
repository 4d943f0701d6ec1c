/**
 * An OS secret store that wraps the database key (Electron's safeStorage: DPAPI on Windows, the
 * Keychain on macOS, libsecret/kwallet on Linux). The shell gives one only when the store is real:
 * never for safeStorage's Linux `basic_text` backend, which encrypts with a fixed password.
 */
export interface CustodeChiave {
  /** Shown in Impostazioni and the log (e.g. 'Windows DPAPI', 'gnome_libsecret'). */
  readonly nome: string;
  avvolgi(chiave: Buffer): Buffer;
  /** Throws when the blob was not made by this user's store on this PC. */
  svolgi(avvolta: Buffer): Buffer;
}
