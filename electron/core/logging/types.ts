// The logger's shapes, shared by core/log.ts and the logging modules. A leaf: it imports
// nothing, so log.ts → format.ts → redact.ts never lead back to log.ts.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

export const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
