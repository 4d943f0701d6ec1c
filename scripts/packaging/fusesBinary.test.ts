import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { binaryFuseProblems, readFuses } from './fusesBinary';

// A stand-in for a packaged Electron executable: random bytes around the fuse wire, as the
// sentinel, version 1, length 8 and one state byte per fuse.
function binary(wire: string): Buffer {
  return Buffer.concat([
    crypto.randomBytes(4096),
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    crypto.randomBytes(4096),
  ]);
}

// Wire order: runAsNode, cookieEncryption, nodeOptions, nodeCliInspect, asarIntegrity, onlyLoadAppFromAsar, v8Snapshot, fileProtocolPrivileges.
const AS_SHIPPED = '01001100';
const ELECTRON_DEFAULTS = '10110001';

describe('the fuses of a packaged Electron binary', () => {
  it('reads the wire and passes the app’s fuses', () => {
    expect(readFuses(binary(AS_SHIPPED))).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false });
    expect(binaryFuseProblems(binary(AS_SHIPPED))).toEqual([]);
  });

  it('names each fuse Electron left at its default, and a removed one', () => {
    expect(binaryFuseProblems(binary(ELECTRON_DEFAULTS))).toEqual([
      'runAsNode is true in the binary: it must be false.',
      'enableNodeOptionsEnvironmentVariable is true in the binary: it must be false.',
      'enableNodeCliInspectArguments is true in the binary: it must be false.',
      'onlyLoadAppFromAsar is false in the binary: it must be true.',
      'enableEmbeddedAsarIntegrityValidation is false in the binary: it must be true.',
      'enableCookieEncryption is false in the binary: it must be true.',
      'grantFileProtocolExtraPrivileges is true in the binary: it must be false.',
    ]);
    expect(binaryFuseProblems(binary('0100r100'))).toEqual(['enableEmbeddedAsarIntegrityValidation is removed in the binary: it must be true.']);
    expect(binaryFuseProblems(binary('010011'))).toEqual(['grantFileProtocolExtraPrivileges is missing from the wire in the binary: it must be false.']);
  });

  it('refuses a file that is not an Electron binary', () => {
    expect(() => readFuses(crypto.randomBytes(1000))).toThrow(/no fuse wire/);
  });
});
