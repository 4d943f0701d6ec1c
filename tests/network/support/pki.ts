import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A throwaway certificate authority for the loopback HTTPS tests, made with the machine's openssl
// (node:crypto can verify certificates but not issue them; openssl is on every CI image we use,
// so no dependency is added). `openssl ca` rather than `x509 -req`: OpenSSL 3.0 can only back-date
// (for the expired certificate) through it.

export interface Pem {
  cert: string;
  key: string;
}

export interface TestPki {
  /** The CA's certificate: what a client must trust (the office's NODE_EXTRA_CA_CERTS). */
  ca: string;
  /** Its path, for NODE_EXTRA_CA_CERTS in a child process. */
  caFile: string;
  /** 127.0.0.1 and localhost, valid now. */
  valid: Pem;
  /** Valid now, but for another name (altro.example) only. */
  wrongName: Pem;
  /** For 127.0.0.1, expired in 2020. */
  expired: Pem;
  dispose(): void;
}

export function makeTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-pki-'));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Cassetto Test CA');
  fs.mkdirSync(at('db'));
  fs.writeFileSync(at('db/index.txt'), '');
  fs.writeFileSync(at('db/serial'), '01\n');
  fs.writeFileSync(
    at('ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      'database = db/index.txt',
      'new_certs_dir = db',
      'serial = db/serial',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      '[any]',
      'commonName = supplied',
      '[loopback]',
      'subjectAltName = IP:127.0.0.1,DNS:localhost',
      '[altro]',
      'subjectAltName = DNS:altro.example',
      '',
    ].join('\n'),
  );
  const issue = (name: string, extensions: string, start: string, end: string): Pem => {
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.pem`,
      '-extensions',
      extensions,
      '-startdate',
      start,
      '-enddate',
      end,
      '-notext',
    );
    return { cert: fs.readFileSync(at(`${name}.pem`), 'utf8'), key: fs.readFileSync(at(`${name}.key`), 'utf8') };
  };
  const stamp = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  const now = Date.now();
  const from = stamp(new Date(now - 3600_000));
  const to = stamp(new Date(now + 86_400_000));
  return {
    ca: fs.readFileSync(at('ca.pem'), 'utf8'),
    caFile: at('ca.pem'),
    valid: issue('valido', 'loopback', from, to),
    wrongName: issue('altronome', 'altro', from, to),
    expired: issue('scaduto', 'loopback', '20200101000000Z', '20200201000000Z'),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
