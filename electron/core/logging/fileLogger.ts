import path from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { systemClock, type Clock } from '../clock';
import { LEVEL_RANK, type Logger, type LogLevel } from './types';
import { formatLine } from './format';

export interface FileLoggerOptions {
  /** The logs folder (created if missing), e.g. `<data folder>/log`. */
  dir: string;
  /** Lowest level written (default 'info'). */
  level?: LogLevel;
  /** Rotated files kept besides the current one (default 5). */
  maxFiles?: number;
  /** Size at which the current file is rotated: bytes, or '5M' / '500K' (default '5M'). */
  maxSize?: number | string;
  /** Default 'cassetto.log'; rotated ones are cassetto.1.log (newest) … cassetto.N.log. */
  fileName?: string;
  clock?: Clock;
}

export interface FileLogger extends Logger {
  /** The current log file. */
  readonly file: string;
  /** Resolves when every line logged so far has reached the file. */
  flush(): Promise<void>;
  /** Flushes and closes; later log() calls are dropped. */
  close(): Promise<void>;
}

export const LOG_FILE = 'cassetto.log';
/** The logs folder inside the data folder: `<data folder>/log`. */
export const LOGS_DIR_NAME = 'log';

/**
 * JSON lines in rotating files (rotating-file-stream, classic logrotate numbering), with the
 * redaction net applied to every line. Logging never throws: if the file becomes unusable
 * (disk full, folder removed) lines go to stderr instead, once said so.
 */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const minLevel = options.level ?? 'info';
  const clock = options.clock ?? systemClock;
  const fileName = options.fileName ?? LOG_FILE;
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  const stream: RotatingFileStream = createStream((index: number | Date | null) => (index ? `${stem}.${String(index)}${ext}` : fileName), {
    path: options.dir,
    size: sizeOption(options.maxSize ?? '5M'),
    rotate: options.maxFiles ?? 5,
  });
  let broken = false;
  let closed = false;
  let last: Promise<void> = Promise.resolve();
  stream.on('error', (error) => {
    if (!broken) {
      const notice = { t: clock.now().toISOString(), level: 'error', message: 'log file unavailable, logging to stderr', code: codeOf(error) };
      process.stderr.write(`${JSON.stringify(notice)}\n`);
    }
    broken = true;
  });

  return {
    file: path.join(options.dir, fileName),
    log(level, message, fields) {
      if (closed || LEVEL_RANK[level] < LEVEL_RANK[minLevel]) return;
      const line = formatLine(clock.now(), level, message, fields);
      if (broken) {
        process.stderr.write(line);
        return;
      }
      last = new Promise((resolve) => {
        stream.write(line, () => resolve());
      });
    },
    flush: () => last,
    async close() {
      if (closed) return;
      closed = true;
      await last;
      if (broken || stream.destroyed) return;
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });
    },
  };
}

/** rotating-file-stream wants '<integer><B|K|M|G>'. */
function sizeOption(size: number | string): string {
  if (typeof size === 'number') return `${Math.max(1, Math.floor(size))}B`;
  if (!/^\d+[BKMG]$/.test(size)) throw new TypeError(`log size must look like 5M, 500K or 1000B: ${size}`);
  return size;
}

function codeOf(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : error.name;
}
