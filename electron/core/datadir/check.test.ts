import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../db/connection';
import { thrown } from '../../common/testing/rejection';
import { checkDataDir, openInCheckedDataDir, type DataDirFs } from './check';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-datadir-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const realFs = fs as unknown as DataDirFs;

/** node:fs with one call replaced. */
function fsWith(overrides: Partial<DataDirFs>): DataDirFs {
  return {
    mkdirSync: (d, o) => realFs.mkdirSync(d, o),
    statSync: (f) => realFs.statSync(f),
    statfsSync: (d) => realFs.statfsSync(d),
    openSync: (f, fl) => realFs.openSync(f, fl),
    writeSync: (fd, data) => realFs.writeSync(fd, data),
    fsyncSync: (fd) => realFs.fsyncSync(fd),
    closeSync: (fd) => realFs.closeSync(fd),
    unlinkSync: (f) => realFs.unlinkSync(f),
    ...overrides,
  };
}

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('checkDataDir', () => {
  it('creates a missing folder, measures free space, and leaves only the folder behind', () => {
    const dir = path.join(root, 'a', 'b', 'Cassetto Desk');
    const status = checkDataDir(dir);
    expect(status.dir).toBe(dir);
    expect(status.freeBytes).toBeGreaterThan(0);
    expect(fs.readdirSync(dir)).toEqual([]); // the probe was removed
  });

  it('writes, fsyncs and removes a probe file', () => {
    const calls: string[] = [];
    const spy = fsWith({
      openSync: (f, fl) => {
        calls.push(`open ${path.basename(f).replace(/-\d+-[0-9a-f]+/, '')} ${fl}`);
        return realFs.openSync(f, fl);
      },
      fsyncSync: (fd) => {
        calls.push('fsync');
        realFs.fsyncSync(fd);
      },
      unlinkSync: (f) => {
        calls.push('unlink');
        realFs.unlinkSync(f);
      },
    });
    checkDataDir(root, { fs: spy });
    expect(calls).toEqual(['open .cassetto-prova.tmp wx', 'fsync', 'unlink']);
  });

  it('a path under a regular file (ENOTDIR) is refused as not a folder', () => {
    const file = path.join(root, 'documento.txt');
    fs.writeFileSync(file, 'x');
    const error = thrown(() => checkDataDir(path.join(file, 'Cassetto Desk')));
    expect(error.code).toBe('CARTELLA_DATI_NON_VALIDA');
    expect(error.message).toMatch(/non è una cartella/);
    const same = thrown(() => checkDataDir(file));
    expect(same.code).toBe('CARTELLA_DATI_NON_VALIDA');
  });

  it.each(['EROFS', 'EACCES', 'EPERM'])('a read-only folder (%s on the probe) → CARTELLA_DATI_SOLA_LETTURA', (code) => {
    const error = thrown(() =>
      checkDataDir(root, {
        fs: fsWith({
          openSync: () => {
            throw errno(code);
          },
        }),
      }),
    );
    expect(error.code).toBe('CARTELLA_DATI_SOLA_LETTURA');
    expect(error.message).toMatch(/è di sola lettura/);
    expect(error.details).toEqual([{ path: '', message: code }]);
  });

  it('a read-only medium already at mkdir → CARTELLA_DATI_SOLA_LETTURA', () => {
    const error = thrown(() =>
      checkDataDir(path.join(root, 'nuova'), {
        fs: fsWith({
          mkdirSync: () => {
            throw errno('EROFS');
          },
        }),
      }),
    );
    expect(error.code).toBe('CARTELLA_DATI_SOLA_LETTURA');
  });

  it('a disk below the free-space floor → DISCO_PIENO, before anything is written', () => {
    const open = vi.fn(realFs.openSync);
    const error = thrown(() => checkDataDir(root, { fs: fsWith({ statfsSync: () => ({ bavail: 2560, bsize: 4096 }), openSync: open }) }));
    expect(error.code).toBe('DISCO_PIENO');
    expect(error.message).toMatch(/è pieno \(liberi 10 MB, ne servono almeno 50\)/);
    expect(open).not.toHaveBeenCalled();
  });

  it.each(['write', 'fsync'] as const)('ENOSPC on the probe %s → DISCO_PIENO, the probe is still removed', (at) => {
    const fail = (): never => {
      throw errno('ENOSPC');
    };
    const error = thrown(() => checkDataDir(root, { fs: fsWith(at === 'write' ? { writeSync: fail } : { fsyncSync: fail }) }));
    expect(error.code).toBe('DISCO_PIENO');
    expect(error.message).toMatch(/è pieno\. Libera spazio/);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('a file system that does not report free space is judged by the probe alone', () => {
    const status = checkDataDir(root, {
      fs: fsWith({
        statfsSync: () => {
          throw errno('ENOSYS');
        },
      }),
    });
    expect(status.freeBytes).toBeNull();
  });

  it('anything else (a network share gone) → CARTELLA_DATI_NON_ACCESSIBILE', () => {
    const error = thrown(() =>
      checkDataDir(root, {
        fs: fsWith({
          statSync: () => {
            throw errno('EIO');
          },
        }),
      }),
    );
    expect(error.code).toBe('CARTELLA_DATI_NON_ACCESSIBILE');
  });
});

describe('openInCheckedDataDir', () => {
  it('never reaches openDatabase when the disk is full: no half-written database', async () => {
    const dir = path.join(root, 'dati');
    const open = vi.fn((d: string) => openDatabase({ path: path.join(d, 'cassetto.sqlite') }));
    const full = fsWith({ statfsSync: () => ({ bavail: 1, bsize: 4096 }) });
    await expect(openInCheckedDataDir(dir, open, { fs: full })).rejects.toMatchObject({ code: 'DISCO_PIENO' });
    expect(open).not.toHaveBeenCalled();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('never reaches openDatabase when the folder is read-only', async () => {
    const open = vi.fn((d: string) => openDatabase({ path: path.join(d, 'cassetto.sqlite') }));
    const readOnly = fsWith({
      openSync: () => {
        throw errno('EROFS');
      },
    });
    await expect(openInCheckedDataDir(root, open, { fs: readOnly })).rejects.toMatchObject({ code: 'CARTELLA_DATI_SOLA_LETTURA' });
    expect(open).not.toHaveBeenCalled();
    expect(fs.existsSync(path.join(root, 'cassetto.sqlite'))).toBe(false);
  });

  it('never reaches openDatabase under a regular file (real ENOTDIR)', async () => {
    const file = path.join(root, 'file');
    fs.writeFileSync(file, 'x');
    const open = vi.fn((d: string) => openDatabase({ path: path.join(d, 'cassetto.sqlite') }));
    await expect(openInCheckedDataDir(path.join(file, 'dati'), open)).rejects.toMatchObject({ code: 'CARTELLA_DATI_NON_VALIDA' });
    expect(open).not.toHaveBeenCalled();
    expect(fs.readdirSync(root)).toEqual(['file']);
  });

  it('opens the database in a healthy folder', async () => {
    const opened = await openInCheckedDataDir(root, (d) => openDatabase({ path: path.join(d, 'cassetto.sqlite') }));
    expect(opened.migration.to).toBeGreaterThan(0);
    await opened.close();
  });
});
