import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface WrittenAllegato {
  sha256: string;
  dimensione: number;
}

/**
 * Content-addressed files under the data folder: <dir>/<first two hex>/<sha256>. A file is
 * written to a temporary name and renamed, so a crash never leaves a truncated attachment
 * under its hash; the same content twice is stored once. Their metadata rows are the data
 * layer's (store/allegati.ts).
 */
export class AttachmentFiles {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  pathOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Writes the bytes (already checked by the caller); returns their address. */
  write(bytes: Uint8Array): WrittenAllegato {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temp, bytes, { flush: true });
      fs.renameSync(temp, target);
    }
    return { sha256, dimensione: bytes.byteLength };
  }

  read(sha256: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256));
  }

  /**
   * The copies made for the system viewer (it needs a real file with an extension): beside the
   * store, emptied when the core opens and when it closes, so a client's documents do not pile up
   * outside the store. A viewer still showing one keeps its open file on POSIX; on Windows the
   * copy then stays until the next start.
   */
  get cartellaAperti(): string {
    return path.join(path.dirname(this.dir), 'aperti');
  }

  /** Removes every copy made to open an attachment; a file still locked by a viewer is left for next time. */
  svuotaAperti(): void {
    if (!fs.existsSync(this.cartellaAperti)) return;
    for (const entry of fs.readdirSync(this.cartellaAperti)) {
      try {
        fs.rmSync(path.join(this.cartellaAperti, entry), { recursive: true, force: true });
      } catch {
        // Locked by the viewer (Windows): removed at the next start.
      }
    }
  }
}
