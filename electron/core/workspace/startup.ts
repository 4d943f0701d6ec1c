import path from 'node:path';
import { checkDataDir } from '../datadir/index';
import { restrictNewFiles, tightenDataDir } from '../datadir/private';
import { createStderrLogger, type Logger } from '../log';
import { createFileLogger, LOGS_DIR_NAME, teeLogger } from '../logging/index';

export interface AppLogs {
  logger: Logger;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start-up's first step: a data folder that is writable and has room (else a clear Italian
 * error before any file is touched) and the operator's alone (POSIX 0700/0600, also what an
 * earlier version left readable), then rotating log files in it, mirrored on stderr.
 */
export function openDataDir(dataDir: string): AppLogs {
  restrictNewFiles();
  checkDataDir(dataDir);
  tightenDataDir(dataDir);
  const file = createFileLogger({ dir: path.join(dataDir, LOGS_DIR_NAME) });
  return { logger: teeLogger(createStderrLogger(), file), flush: () => file.flush(), close: () => file.close() };
}
