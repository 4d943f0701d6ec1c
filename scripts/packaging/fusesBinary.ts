import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIRED_FUSES } from './checks/fuses';

// The fuses as electron-builder actually wrote them into a packaged Electron binary (CI, after
// `electron-builder`): `npx tsx scripts/packaging/fusesBinary.ts "dist/win-unpacked/Cassetto Desk.exe"`.
// Electron's fuse wire: a sentinel, the wire version (1), its length, then one byte per fuse —
// '0' off, '1' on, 'r' removed — in @electron/fuses' FuseV1Options order.

const SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
const WIRE_V1 = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

/** Each fuse of the binary: true on, false off, 'removed'. Throws when the binary has no fuse wire. */
export function readFuses(binary: Buffer): Record<string, boolean | 'removed'> {
  const at = binary.indexOf(SENTINEL);
  if (at < 0) throw new Error('no fuse wire found: not an Electron binary (or older than Electron 12)');
  const version = binary[at + SENTINEL.length];
  const length = binary[at + SENTINEL.length + 1] ?? 0;
  if (version !== 1) throw new Error(`fuse wire version ${version}, only version 1 is known`);
  const fuses: Record<string, boolean | 'removed'> = {};
  for (let i = 0; i < length && i < WIRE_V1.length; i++) {
    const state = String.fromCharCode(binary[at + SENTINEL.length + 2 + i] ?? 0);
    fuses[WIRE_V1[i]!] = state === 'r' ? 'removed' : state === '1';
  }
  return fuses;
}

/** The problems of a packaged binary's fuses against REQUIRED_FUSES; empty when all are as required. */
export function binaryFuseProblems(binary: Buffer): string[] {
  const fuses = readFuses(binary);
  return Object.entries(REQUIRED_FUSES)
    .filter(([name, { value }]) => fuses[name] !== value)
    .map(([name, { value }]) => `${name} is ${fuses[name] === undefined ? 'missing from the wire' : String(fuses[name])} in the binary: it must be ${value}.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx scripts/packaging/fusesBinary.ts <packaged Electron executable>');
    process.exit(2);
  }
  const problems = binaryFuseProblems(fs.readFileSync(file));
  console.log(JSON.stringify(readFuses(fs.readFileSync(file))));
  for (const p of problems) console.error(`✖ ${p}`);
  console.log(problems.length === 0 ? `Fuses of ${file}: as required.` : `Fuses of ${file}: ${problems.length} problem(s).`);
  process.exit(problems.length === 0 ? 0 : 1);
}
