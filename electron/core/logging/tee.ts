import type { Logger } from './types';

/** Every line to each logger (e.g. the log file and stderr); one failing never stops the others. */
export function teeLogger(...loggers: Logger[]): Logger {
  return {
    log(level, message, fields) {
      for (const logger of loggers) {
        try {
          logger.log(level, message, fields);
        } catch {
          // A logger must never break the operation it describes.
        }
      }
    },
  };
}
