import type { Project } from '../project';
import { Check } from '../report';

/**
 * Electron's fuses, flipped in the binary at packaging time (electron-builder `electronFuses`):
 * each one the app needs, with the value it needs. A fuse left out keeps Electron's default, which
 * for all of these is the unsafe one.
 */
export const REQUIRED_FUSES: Readonly<Record<string, { value: boolean; why: string }>> = {
  runAsNode: { value: false, why: 'ELECTRON_RUN_AS_NODE would turn the app into a plain Node.js' },
  enableNodeOptionsEnvironmentVariable: { value: false, why: 'NODE_OPTIONS could inject code at start' },
  enableNodeCliInspectArguments: { value: false, why: '--inspect would open a debugger into the main process' },
  onlyLoadAppFromAsar: { value: true, why: 'the app must start only from its app.asar, not from a folder put beside it' },
  enableEmbeddedAsarIntegrityValidation: { value: true, why: 'a modified app.asar must refuse to load, on Windows and macOS' },
  enableCookieEncryption: { value: true, why: 'the cookie store on disk is encrypted with the OS keys' },
  grantFileProtocolExtraPrivileges: { value: false, why: 'file:// pages get no more than a browser gives them; the app uses cassetto://' },
};

/** electronFuses sets every required fuse to its value; the asar fuses need `asar: true`. */
export function checkFuses({ config }: Project): Check {
  const check = new Check('fuses', 'Electron fuses');
  if (!config) {
    check.problem('The builder configuration did not load (see the configuration check).');
    return check;
  }
  const fuses = (config.electronFuses ?? {}) as Record<string, unknown>;
  for (const [name, { value, why }] of Object.entries(REQUIRED_FUSES)) {
    if (!(name in fuses)) check.problem(`electronFuses.${name} is not set: it must be ${value} — ${why}.`);
    else if (fuses[name] !== value) check.problem(`electronFuses.${name} is ${JSON.stringify(fuses[name])}: it must be ${value} — ${why}.`);
  }
  if (config.asar === false) check.problem('asar is false, but onlyLoadAppFromAsar and the integrity check need the app in app.asar.');
  if (check.ok) check.summary = `${Object.keys(REQUIRED_FUSES).length} fuses set: ${Object.keys(REQUIRED_FUSES).join(', ')}`;
  return check;
}
