// Domain rules shared by the renderer, the core, the sandbox and the CLI.
export * from './codiceFiscale';
export * from './codiceRapporto';
export * from './calendario';
export * from './idoneita';
export * from './appuntamentoStato';
export * from './allegati';
