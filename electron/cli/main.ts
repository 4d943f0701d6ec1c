import fs from 'node:fs';
import path from 'node:path';
import { toErrorPayload } from '../common/errors';
import { commands } from '../common/commands/table';
import { openCore } from '../core/app';
import { restrictNewFiles } from '../core/datadir/private';
import { systemClock } from '../core/clock';
import { memoryCredentials } from '../core/gateway/credentials';
import { envTransport } from '../core/gateway/envTransport';
import { HttpGateway } from '../core/gateway/httpGateway';
import { createStderrLogger } from '../core/log';
import { DATABASE_FILE, defaultDataDir } from '../core/paths';
import { chiavePerCli } from './chiave';
import { runCli } from './run';

// `npm run cli -- <command> '<json input>' [--data FILE] [--servizio URL]`: prints one JSON line
// ({ok:true,value} or {ok:false,error}); exit code 0, 1 (refused) or 2 (bad usage/input).
// With --servizio, sync commands talk to that service, logging in with CASSETTO_UTENTE and
// CASSETTO_PASSWORD from the environment (never from the command line, never logged), through the
// proxy named by HTTPS_PROXY/HTTP_PROXY/NO_PROXY, trusting NODE_EXTRA_CA_CERTS too.
const argv = process.argv.slice(2);
const serviceFlag = argv.indexOf('--servizio');
const serviceUrl = serviceFlag >= 0 ? argv.splice(serviceFlag, 2)[1] : undefined;

runCli(argv, {
  openCore: async (dbPath) => {
    const resolved = dbPath ?? path.join(defaultDataDir(), DATABASE_FILE);
    // What the CLI writes (the database, attachments) is the operator's alone, as in the app.
    restrictNewFiles();
    if (resolved !== ':memory:') fs.mkdirSync(path.dirname(resolved), { recursive: true });
    const { CASSETTO_UTENTE: username, CASSETTO_PASSWORD: password } = process.env;
    const credentials = serviceUrl ? memoryCredentials(username && password ? { username, password } : null) : null;
    const gateway =
      serviceUrl && credentials ? new HttpGateway({ baseUrl: serviceUrl, credentials, clock: systemClock, fetch: envTransport().transport }) : null;
    const logger = createStderrLogger('warn');
    const chiave = await chiavePerCli(resolved, serviceUrl !== undefined, logger);
    delete process.env.CASSETTO_PASSPHRASE;
    return openCore({ dbPath: resolved, logger, gateway, credentials, ...(chiave ? { chiave } : {}) });
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
