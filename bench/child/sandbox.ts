// The sandbox in its own process (the service is another machine in real life, and on 2 cores
// the client then does not share its event loop with the server).
// `node --import tsx bench/child/sandbox.ts <data file> <size> <seed>`: prints {"url": …} and
// runs until its standard input closes (the parent ended) or it is sent SIGTERM.
import type { DatasetSize } from '../../electron/common/demo/index';
import { startSandbox } from '../../sandbox/index';

const [dataPath, size, seed] = process.argv.slice(2);
if (!dataPath || !size || !seed) throw new Error('usage: sandbox.ts <data file> <size> <seed>');
const sandbox = await startSandbox({ dataPath, size: size as DatasetSize, seed: Number(seed), admin: true, host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
