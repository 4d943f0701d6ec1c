import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchShell, type Shell } from './support/shell';

// A start that cannot complete (here the data folder is a file): the operator gets a native error
// box in Italian and the app exits, instead of a process with no window.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-shell-fail-'));
const notAFolder = path.join(dir, 'Cassetto Desk');
let shell: Shell;

beforeAll(async () => {
  fs.writeFileSync(notAFolder, 'a file where the data folder should be');
  shell = await launchShell({ userData: notAFolder, isPackaged: true });
}, 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a start that fails', () => {
  it('shows why in an error box and exits with 1, opening no window and no IPC', () => {
    expect(shell.fake.errorBoxes).toEqual([{ title: 'Cassetto Desk non può avviarsi', content: expect.any(String) }]);
    expect(shell.fake.errorBoxes[0]!.content.length).toBeGreaterThan(0);
    expect(shell.fake.exitCode).toBe(1);
    expect(shell.fake.windows).toEqual([]);
    expect(shell.fake.ipcHandlers.size).toBe(0);
    expect(fs.readFileSync(notAFolder, 'utf8')).toBe('a file where the data folder should be');
  });
});
