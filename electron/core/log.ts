// Logs are English, structured, and never carry personal data: callers pass codes and
// counts, not codici fiscali, names, notes or file contents. Every line also goes through
// the redaction net in logging/redact.ts, for the day a caller forgets.
import { formatLine } from './logging/format';
import { LEVEL_RANK, type Logger, type LogLevel } from './logging/types';

export { LEVEL_RANK, type LogFields, type Logger, type LogLevel } from './logging/types';

/** JSON lines on stderr (stdout is reserved for command output in the CLI). */
export function createStderrLogger(minLevel: LogLevel = 'info'): Logger {
  return {
    log(level, message, fields) {
      if (LEVEL_RANK[level] < LEVEL_RANK[minLevel]) return;
      process.stderr.write(formatLine(new Date(), level, message, fields));
    },
  };
}

export const silentLogger: Logger = { log() {} };
