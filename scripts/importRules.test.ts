import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, checkTree, importsOf, resolveAlias } from './importRules';

describe('import direction rules', () => {
  it('the repository has no import pointing the wrong way', () => {
    expect(checkTree(path.resolve(import.meta.dirname, '..'))).toEqual([]);
  });

  it('finds static, type-only, re-export, dynamic and require imports', () => {
    const src = [
      "import a from 'x';",
      "import type { B } from './b';",
      "export { c } from '../c';",
      "const d = await import('node:fs');",
      "const e = require('electron');",
      "import './side-effect.css';",
    ].join('\n');
    expect(importsOf(src).map((i) => i.specifier)).toEqual(['x', './b', '../c', 'node:fs', 'electron', './side-effect.css']);
  });

  it('refuses the renderer importing Node, Electron or the core', () => {
    expect(checkFile('renderer/src/x.ts', "import fs from 'fs';")[0]?.reason).toMatch(/Node built-ins/);
    expect(checkFile('renderer/src/x.ts', "import { ipcRenderer } from 'electron';")[0]?.reason).toMatch(/electron/);
    expect(checkFile('renderer/src/x.ts', "import { openCore } from '../../electron/core/app';")[0]?.reason).toBe('renderer must not import core');
    expect(checkFile('renderer/src/x.ts', "import { z } from '../../electron/common/commands/table';")).toEqual([]);
  });

  it('resolves the @common alias to electron/common before applying the layer rules', () => {
    expect(resolveAlias('@common/domain/calendario')).toEqual({ target: 'electron/common/domain/calendario', alias: '@common' });
    expect(resolveAlias('@commonplace/x')).toBeUndefined();
    expect(resolveAlias('@tanstack/vue-virtual')).toBeUndefined();
    expect(checkFile('renderer/src/x.ts', "import type { ClienteRiga } from '@common/commands/types';")).toEqual([]);
    expect(checkFile('renderer/src/views/X.vue', "import { formatDataIt } from '@common/domain/calendario';")).toEqual([]);
    expect(checkFile('renderer/src/x.ts', "import { openCore } from '@common/../core/app';")[0]?.reason).toBe('renderer must not import core');
  });

  it('refuses the @common alias outside the renderer, where nothing resolves it', () => {
    for (const file of ['electron/core/a.ts', 'electron/preload/a.ts', 'electron/common/a.ts', 'sandbox/a.ts']) {
      expect(checkFile(file, "import { z } from '@common/model';")[0]?.reason, file).toMatch(/cannot resolve @common/);
    }
  });

  it('allows only listed packages in the renderer, the preload and common', () => {
    expect(checkFile('renderer/src/x.ts', "import Database from 'better-sqlite3';")[0]?.reason).toMatch(/better-sqlite3/);
    expect(checkFile('renderer/src/x.ts', "import glob from 'fast-glob';")[0]?.reason).toMatch(/may only import .*not fast-glob/);
    expect(checkFile('electron/common/x.ts', "import { z } from 'zod';")).toEqual([]);
    expect(checkFile('electron/common/x.ts', "import chalk from 'chalk';")[0]?.reason).toMatch(/not chalk/);
    expect(checkFile('electron/preload/x.ts', "import { z } from 'zod';")[0]?.reason).toMatch(/not zod/);
  });

  it('refuses upward imports between layers', () => {
    expect(checkFile('electron/common/a.ts', "import x from '../core/app';")[0]?.reason).toBe('common must not import core');
    expect(checkFile('db/a.ts', "import x from '../electron/core/app';")[0]?.reason).toBe('db must not import core');
    expect(checkFile('electron/core/a.ts', "import x from '../host/server';")[0]?.reason).toBe('core must not import host');
    expect(checkFile('electron/core/a.ts', "import { app } from 'electron';")[0]?.reason).toMatch(/electron/);
    expect(checkFile('electron/common/a.ts', "import path from 'node:path';")[0]?.reason).toMatch(/Node built-ins/);
    expect(checkFile('electron/host/a.ts', "import x from '../core/app';")).toEqual([]);
  });
});
