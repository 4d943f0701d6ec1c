import path from 'node:path';
import { checkDataDir } from '../datadir/index';
import { createStderrLogger, type Logger } from '../log';
import { createFileLogger, LOGS_DIR_NAME, teeLogger } from '../logging/index';

export interface AppLogs {
  logger: Logger;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start-up's first step: a data folder that is writable and has room (else a clear Italian
 * error before any file is touched), then rotating log files in it, mirrored on stderr.
 */
export function openDataDir(dataDir: string): AppLogs {
  checkDataDir(dataDir);
  const file = createFileLogger({ dir: path.join(dataDir, LOGS_DIR_NAME) });
  return { logger: teeLogger(createStderrLogger(), file), flush: () => file.flush(), close: () => file.close() };
}
