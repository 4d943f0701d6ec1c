// The process the encryption crash test kills: the workspace's first start on a data folder whose
// demo database is still plain, killed right after the given step of its encryption.
// `node --import tsx tests/crash/cifratura-child.ts <data folder> <step>`
import { PASSI_CIFRATURA, type PassoCifratura } from '../../electron/core/chiave/cifraDatabase';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { silentLogger } from '../../electron/core/log';
import { Workspace } from '../../electron/core/workspace/workspace';
import { startEmbeddedDemo } from '../../sandbox/embedded';

const [dataDir, passo] = process.argv.slice(2) as [string, PassoCifratura];
if (!dataDir || !PASSI_CIFRATURA.includes(passo)) {
  process.stderr.write('usage: cifratura-child.ts <data folder> <step>\n');
  process.exit(2);
}
await Workspace.open({
  dataDir,
  logger: silentLogger,
  startDemo: () => startEmbeddedDemo(null),
  credentialsFor: (_key, initial) => memoryCredentials(initial),
  pullIntervalMs: null,
  scheduledBackups: false,
  defaultToDemo: true,
  cifraturaProbe: (at) => {
    if (at === passo) process.kill(process.pid, 'SIGKILL');
  },
});
// Reaching here means the step never came: the parent fails the test on exit code 0.
process.exit(0);
