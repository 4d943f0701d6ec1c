// Log files without personal data, and the diagnostics zip (issue 6).
export { exportDiagnostics, type DiagnosticsExport, type ExportDiagnosticsOptions } from './diagnostics';
export { createFileLogger, LOG_FILE, LOGS_DIR_NAME, type FileLogger, type FileLoggerOptions } from './fileLogger';
export { formatLine } from './format';
export { isPersonalKey, redact, redactFields, REDACTED } from './redact';
export { teeLogger } from './tee';
