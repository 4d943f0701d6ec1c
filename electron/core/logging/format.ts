import type { LogFields, LogLevel } from './types';
import { redact, redactFields } from './redact';

const RESERVED = new Set(['t', 'level', 'message']);

/** One JSON line: time, level, message, then the fields (which cannot overwrite the first three). */
export function formatLine(at: Date, level: LogLevel, message: string, fields?: LogFields): string {
  const entry: Record<string, unknown> = { t: at.toISOString(), level, message: redact(message) };
  for (const [key, value] of Object.entries(redactFields(fields))) {
    if (value !== undefined && !RESERVED.has(key)) entry[key] = value;
  }
  return `${JSON.stringify(entry)}\n`;
}
