import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { CONFIG_FILE, DEFAULT_CONFIG, readConfig, writeConfig } from './config';

// impostazioni.json across versions: a newer build's keys must survive this build reading and
// writing the file (an office that goes back a version), instead of the whole file being set aside.
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, CONFIG_FILE);

describe('impostazioni.json', () => {
  it('keeps a newer version’s unknown settings through a read and a write', () => {
    const futuro = { ...DEFAULT_CONFIG, servizio: { tipo: 'sandbox' }, statisticheFuture: { grafici: ['torta'] } };
    fs.writeFileSync(file(), JSON.stringify(futuro));
    const { config, primoAvvio } = readConfig(dir, silentLogger);
    expect(primoAvvio).toBe(false);
    writeConfig(dir, { ...config, backup: { intervalloOre: 12, conserva: 3 } });
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toMatchObject({
      backup: { intervalloOre: 12, conserva: 3 },
      statisticheFuture: { grafici: ['torta'] },
    });
    expect(fs.readdirSync(dir).filter((f) => f.includes('danneggiato'))).toEqual([]);
  });

  it('still sets aside a file whose known settings are wrong', () => {
    fs.writeFileSync(file(), JSON.stringify({ ...DEFAULT_CONFIG, backup: { intervalloOre: -1, conserva: 3 } }));
    expect(readConfig(dir, silentLogger)).toEqual({ config: DEFAULT_CONFIG, primoAvvio: true });
    expect(fs.readdirSync(dir).filter((f) => f.includes('danneggiato'))).toHaveLength(1);
  });
});
