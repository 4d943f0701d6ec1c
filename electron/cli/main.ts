import fs from 'node:fs';
import path from 'node:path';
import { toErrorPayload } from '../common/errors';
import { commands } from '../common/commands/table';
import { openCore } from '../core/app';
import { createStderrLogger } from '../core/log';
import { DATABASE_FILE, defaultDataDir } from '../core/paths';
import { runCli } from './run';

// `npm run cli -- <command> '<json input>' [--data FILE]`: prints one JSON line
// ({ok:true,value} or {ok:false,error}); exit code 0, 1 (refused) or 2 (bad usage/input).
runCli(process.argv.slice(2), {
  openCore: async (dbPath) => {
    const resolved = dbPath ?? path.join(defaultDataDir(), DATABASE_FILE);
    if (resolved !== ':memory:') fs.mkdirSync(path.dirname(resolved), { recursive: true });
    return openCore({ dbPath: resolved, logger: createStderrLogger('warn') });
  },
  commands: Object.keys(commands),
  write: (line) => process.stdout.write(`${line}\n`),
})
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const payload = toErrorPayload(error);
    process.stdout.write(`${JSON.stringify({ ok: false, error: payload })}\n`);
    process.exit(1);
  });
