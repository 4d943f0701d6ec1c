import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCodiceFiscale } from '../../common/domain/codiceFiscale';
import { formatLine } from './format';
import { redact, redactFields, REDACTED } from './redact';

const CF = buildCodiceFiscale({ cognome: 'Rossi', nome: 'Mario', dataNascita: '1948-05-12', sesso: 'M', codiceCatastale: 'H501' });

describe('redact', () => {
  it.each([
    ['a codice fiscale', `lookup failed for ${CF}`, `lookup failed for ${REDACTED}`],
    ['a codice fiscale in lower case, in a URL', `GET /v1/datori/${CF.toLowerCase()}?x=1`, `GET /v1/datori/${REDACTED}?x=1`],
    ['an omocodic codice fiscale', 'cf=RSSMRALPALMHRLUV;', `cf=${REDACTED};`],
    ['a codice fiscale-like test value', 'TSTDTR0000000000 missing', `${REDACTED} missing`],
    ['a codice rapporto', 'rapporto 0123456789: 3 quesiti', `rapporto ${REDACTED}: 3 quesiti`],
    ['an 11-digit codice fiscale / partita IVA', 'ente 80078750587', `ente ${REDACTED}`],
    ['an e-mail', 'sent to mario.rossi+inps@example.it.', `sent to ${REDACTED}.`],
    ['several at once', `${CF},0123456789,a@b.it`, `${REDACTED},${REDACTED},${REDACTED}`],
  ])('replaces %s', (_what, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['a sha256', 'a'.repeat(20) + '0123456789' + 'b'.repeat(34)],
    ['a UUID', '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b'],
    ['an ISO time', '2026-03-10T09:00:00.000Z'],
    ['an app id', 'app-000042 q-000123 sede-001'],
    ['counts and durations', 'pulled 25000 changes in 1234 ms'],
    ['a 16-letter word', 'internationalize'],
    ['a 12-digit number', '123456789012'],
  ])('leaves %s alone', (_what, input) => {
    expect(redact(input)).toBe(input);
  });

  it('replaces the home folder, which names the user', () => {
    expect(redact(path.join(os.homedir(), '.config', 'Cassetto Desk'))).toBe(path.join('~', '.config', 'Cassetto Desk'));
  });
});

describe('redactFields', () => {
  it('drops personal keys whole, redacts string and numeric values, keeps the rest', () => {
    expect(
      redactFields({
        nome: 'Mario',
        cognome: 'Rossi',
        codice_fiscale: 'not even a valid one',
        nota: 'chiamare dopo le 17',
        nomeFile: 'delega Rossi.pdf',
        codiceRapporto: 123456789, // 9 digits: a count, not a codice
        rapporto: 1234567890,
        detail: `bad cf ${CF}`,
        ok: true,
        missing: null,
        skipped: undefined,
        ms: 12.5,
      }),
    ).toEqual({
      nome: REDACTED,
      cognome: REDACTED,
      codice_fiscale: REDACTED,
      nota: REDACTED,
      nomeFile: REDACTED,
      codiceRapporto: 123456789,
      rapporto: REDACTED,
      detail: `bad cf ${REDACTED}`,
      ok: true,
      missing: null,
      skipped: undefined,
      ms: 12.5,
    });
  });
});

describe('formatLine', () => {
  it('writes one JSON line whose time, level and message fields cannot be overwritten', () => {
    const fields = { code: 'DELEGA_NON_ATTIVA', level: 'debug', t: 'x', gone: undefined };
    const line = formatLine(new Date('2026-03-10T09:00:00Z'), 'warn', `push refused for ${CF}`, fields);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({ t: '2026-03-10T09:00:00.000Z', level: 'warn', message: `push refused for ${REDACTED}`, code: 'DELEGA_NON_ATTIVA' });
  });
});
