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
}
