import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackaging, formatReport, type CheckId, type PackagingReport } from './packaging-check';
import { icoImages } from './packaging/checks/icons';
import { moduleReferences, packageNameOf, subpathOf, vueScript } from './packaging/imports';
import { resolveEntry } from './packaging/packages';

const REPO = path.resolve(import.meta.dirname, '..');

function problems(report: PackagingReport, id: CheckId): string[] {
  return report.checks.find((c) => c.id === id)?.problems ?? [];
}

function allProblems(report: PackagingReport): string[] {
  return report.checks.flatMap((c) => c.problems.map((p) => `${c.id}: ${p}`));
}

describe('packaging check on the real build', () => {
  beforeAll(() => {
    // Normally `npm test` has built already; build only when out/ is missing.
    if (fs.existsSync(path.join(REPO, 'out/main/index.js')) && fs.existsSync(path.join(REPO, 'out/renderer/index.html'))) return;
    const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO, encoding: 'utf8', shell: process.platform === 'win32' });
    if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
  }, 240_000);

  it('passes: configuration, files, imports, dependencies, renderer, icons', async () => {
    const report = await checkPackaging();
    expect(allProblems(report), formatReport(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const imports = report.checks.find((c) => c.id === 'imports');
    // The main bundle loads its server-side packages from node_modules at run time.
    expect(imports?.summary).toMatch(/better-sqlite3-multiple-ciphers/);
    expect(imports?.summary).toMatch(/fastify/);
    expect(report.checks.find((c) => c.id === 'fuses')?.summary).toMatch(/^7 fuses set: runAsNode, .*grantFileProtocolExtraPrivileges$/);
  }, 60_000);
});

// A small project in a temp folder: package.json, a build in out/, node_modules, the real builder config and icons.
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function write(root: string, rel: string, content: string | object) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
}

function fixture(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'packaging-check-'));
  temps.push(root);
  write(root, 'package.json', {
    name: 'fixture-app',
    productName: 'Fixture',
    version: '1.0.0',
    description: 'fixture',
    author: 'Fixture <fixture@example.org>',
    private: true,
    type: 'module',
    main: 'out/main/index.js',
    dependencies: { 'dep-a': '1.0.0' },
    devDependencies: { electron: '45.5.0', vue: '3.0.0' },
  });
  const pkg = (name: string, version: string, extra: object = {}) => {
    write(root, `node_modules/${name}/package.json`, { name, version, main: 'index.js', ...extra });
    write(root, `node_modules/${name}/index.js`, 'module.exports = {};\n');
  };
  pkg('dep-a', '1.0.0', { dependencies: { 'dep-b': '^1.0.0' } });
  pkg('dep-b', '1.2.0');
  pkg('electron', '45.5.0');
  pkg('vue', '3.0.0');
  write(
    root,
    'out/main/index.js',
    [
      'import path from "node:path";',
      'import { app } from "electron";',
      'import a from "dep-a";',
      'const lazy = () => import("./chunk.js");',
      'export { path, app, a, lazy };',
      '',
    ].join('\n'),
  );
  write(root, 'out/main/chunk.js', 'export const x = 1;\n');
  write(root, 'out/preload/index.cjs', 'let electron = require("electron");\nelectron.contextBridge.exposeInMainWorld("x", {});\n');
  write(root, 'out/renderer/index.html', '<!doctype html><script type="module" src="./assets/index-a1.js"></script>\n');
  write(
    root,
    'out/renderer/assets/index-a1.js',
    [
      'import "./chunk-b2.js";',
      '/* var pako = require("pako") — a comment, not an import */',
      'const s = "import fs from \'node:fs\'";',
      'const w = () => import("./chunk-b2.js");',
      'console.log(s, w);',
      '',
    ].join('\n'),
  );
  write(root, 'out/renderer/assets/chunk-b2.js', 'export const y = 2;\n');
  fs.cpSync(path.join(REPO, 'build'), path.join(root, 'build'), { recursive: true });
  return root;
}

describe('packaging check on broken projects', () => {
  it('a well-formed project passes (the baseline of the cases below)', async () => {
    const report = await checkPackaging({ root: fixture() });
    expect(allProblems(report), formatReport(report)).toEqual([]);
  }, 30_000);

  it('reports a bundle importing a devDependency, by name', async () => {
    const root = fixture();
    write(root, 'out/main/index.js', 'import { createApp } from "vue";\nimport a from "dep-a";\nexport { createApp, a };\n');
    const report = await checkPackaging({ root });
    expect(report.ok).toBe(false);
    expect(problems(report, 'imports')).toEqual([expect.stringMatching(/out\/main\/index\.js:1: imports "vue", but vue is a devDependency/)]);
  }, 30_000);

  it('reports require() and dynamic import() of packages that are not dependencies', async () => {
    const root = fixture();
    write(root, 'out/main/index.js', 'const x = require("left-pad");\nconst y = await import("dep-a/missing.js");\nexport { x, y };\n');
    const report = await checkPackaging({ root });
    expect(problems(report, 'imports')).toEqual([
      expect.stringMatching(/:1: imports "left-pad", but left-pad is not in package\.json dependencies/),
      expect.stringMatching(/:2: "dep-a\/missing\.js" does not resolve to a file of dep-a/),
    ]);
  }, 30_000);

  it('reports a renderer chunk importing a Node built-in, Electron or require()', async () => {
    const root = fixture();
    write(
      root,
      'out/renderer/assets/chunk-b2.js',
      'import fs from "node:fs";\nimport { ipcRenderer } from "electron";\nconst p = require("path");\nexport { fs, ipcRenderer, p };\n',
    );
    const report = await checkPackaging({ root });
    expect(problems(report, 'renderer')).toEqual([
      expect.stringMatching(/chunk-b2\.js:1: imports the Node built-in "node:fs"/),
      expect.stringMatching(/chunk-b2\.js:2: imports "electron"/),
      expect.stringMatching(/chunk-b2\.js:3: require\("path"\)/),
    ]);
    expect(problems(report, 'imports')).toEqual([]);
  }, 30_000);

  it('reports an unknown key of the builder configuration through electron-builder’s own validator', async () => {
    const root = fixture();
    const file = path.join(root, 'build/electron-builder.yml');
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\nproductNmae: Typo\n`);
    const report = await checkPackaging({ root });
    const [problem] = problems(report, 'configuration');
    expect(problem).toMatch(
      /Invalid configuration object\. electron-builder 26\.\d+\.\d+ has been initialized using a configuration object that does not match the API schema/,
    );
    expect(problem).toMatch(/productNmae/);
  }, 30_000);

  it('reports a value of the wrong type in the builder configuration', async () => {
    const root = fixture();
    const file = path.join(root, 'build/electron-builder.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('perMachine: false', 'perMachine: [sometimes]'));
    const report = await checkPackaging({ root });
    expect(problems(report, 'configuration').join('\n')).toMatch(/Invalid configuration object[\s\S]*perMachine/);
  }, 30_000);

  it('reports every Electron fuse the configuration leaves out or sets the wrong way, by name', async () => {
    const root = fixture();
    const file = path.join(root, 'build/electron-builder.yml');
    const yml = fs.readFileSync(file, 'utf8');
    expect(yml).toMatch(/^ {2}onlyLoadAppFromAsar: true\n/m);
    fs.writeFileSync(
      file,
      yml
        .replace(/^ {2}onlyLoadAppFromAsar: true\n/m, '')
        .replace(/^ {2}enableCookieEncryption: true\n/m, '')
        .replace('grantFileProtocolExtraPrivileges: false', 'grantFileProtocolExtraPrivileges: true'),
    );
    const report = await checkPackaging({ root });
    expect(report.ok).toBe(false);
    expect(problems(report, 'fuses')).toEqual([
      expect.stringMatching(/^electronFuses\.onlyLoadAppFromAsar is not set: it must be true/),
      expect.stringMatching(/^electronFuses\.enableCookieEncryption is not set: it must be true/),
      expect.stringMatching(/^electronFuses\.grantFileProtocolExtraPrivileges is true: it must be false/),
    ]);
    expect(formatReport(report)).toMatch(/✖ Electron fuses\n\s+✖ electronFuses\.onlyLoadAppFromAsar/);
  }, 30_000);

  it('reports a configuration without electronFuses (all seven fuses) and asar turned off', async () => {
    const root = fixture();
    const file = path.join(root, 'build/electron-builder.yml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(/^electronFuses:\n(?: {2}.*\n)+/m, '')
        .replace(/^asar: true$/m, 'asar: false'),
    );
    const report = await checkPackaging({ root });
    const fuses = problems(report, 'fuses');
    expect(fuses.filter((p) => / is not set: it must be (true|false) — /.test(p))).toHaveLength(7);
    expect(fuses).toContainEqual(expect.stringMatching(/^asar is false, but onlyLoadAppFromAsar/));
  }, 30_000);

  it('reports electronVersion out of step with the installed electron', async () => {
    const root = fixture();
    write(root, 'node_modules/electron/package.json', { name: 'electron', version: '46.0.0' });
    const report = await checkPackaging({ root });
    expect(problems(report, 'configuration')).toEqual([expect.stringMatching(/electronVersion 45\.5\.0 differs from the installed electron 46\.0\.0/)]);
  }, 30_000);

  it('reports a dependency of package.json missing from node_modules, and a missing dependency of a dependency', async () => {
    const root = fixture();
    const pkgFile = path.join(root, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { dependencies: Record<string, string> };
    pkg.dependencies['dep-c'] = '^2.0.0';
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
    fs.rmSync(path.join(root, 'node_modules/dep-b'), { recursive: true });
    const report = await checkPackaging({ root });
    const deps = problems(report, 'dependencies');
    expect(deps).toContainEqual(expect.stringMatching(/^dep-c is in package\.json dependencies but not installed in node_modules/));
    expect(deps).toContainEqual(expect.stringMatching(/^dep-b, a dependency of dep-a@1\.0\.0, is not installed/));
  }, 30_000);

  it('reports a production dependency that package-lock.json marks dev-only', async () => {
    const root = fixture();
    write(root, 'package-lock.json', {
      name: 'fixture-app',
      lockfileVersion: 3,
      packages: {
        '': { name: 'fixture-app', version: '1.0.0', dependencies: { 'dep-a': '1.0.0' } },
        'node_modules/dep-a': { version: '1.0.0', dependencies: { 'dep-b': '^1.0.0' } },
        'node_modules/dep-b': { version: '1.2.0', dev: true },
      },
    });
    const report = await checkPackaging({ root });
    expect(problems(report, 'dependencies')).toContainEqual(
      expect.stringMatching(/dep-b \(node_modules\/dep-b\) is needed by dep-a@1\.0\.0 but package-lock\.json marks it dev-only/),
    );
  }, 30_000);

  it('reports files patterns that leave out part of the build, or ship the sources', async () => {
    const root = fixture();
    const file = path.join(root, 'build/electron-builder.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  - "!out/**/*.map"', '  - "!out/**/*.map"\n  - "!out/preload/**"\n  - src/**/*'));
    write(root, 'src/main.ts', 'export {};\n');
    const report = await checkPackaging({ root });
    const files = problems(report, 'files');
    expect(files).toContainEqual(expect.stringMatching(/^win: the files patterns leave out 1 file\(s\) the app needs: out\/preload\/index\.cjs/));
    expect(files).toContainEqual(expect.stringMatching(/^linux: the files patterns also ship 1 file\(s\) outside out\/: src\/main\.ts/));
  }, 30_000);

  it('reports an exclusion that removes a dependency’s entry file from node_modules', async () => {
    const root = fixture();
    const file = path.join(root, 'build/electron-builder.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  - "!out/**/*.map"', '  - "!out/**/*.map"\n  - "!**/node_modules/dep-a/index.js"'));
    const report = await checkPackaging({ root });
    expect(problems(report, 'imports')).toContainEqual(expect.stringMatching(/linux: node_modules\/dep-a\/index\.js is left out of the app/));
  }, 30_000);

  it('reports a native addon that asarUnpack does not unpack', async () => {
    const root = fixture();
    write(root, 'node_modules/dep-b/binding.gyp', '{}\n');
    write(root, 'node_modules/dep-b/build/Release/addon.node', 'not really a binary');
    const file = path.join(root, 'build/electron-builder.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  - "**/*.node"\n', ''));
    const report = await checkPackaging({ root });
    expect(problems(report, 'dependencies')).toContainEqual(
      expect.stringMatching(/native addon node_modules\/dep-b\/build\/Release\/addon\.node is not matched by asarUnpack/),
    );
  }, 30_000);

  it('reports a plain SQLite native module shipped besides the encrypting one', async () => {
    const root = fixture();
    const pkgFile = path.join(root, 'package.json');
    const pkgJson = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { dependencies: Record<string, string> };
    fs.writeFileSync(pkgFile, JSON.stringify({ ...pkgJson, dependencies: { ...pkgJson.dependencies, 'better-sqlite3': '12.0.0' } }));
    write(root, 'node_modules/better-sqlite3/package.json', { name: 'better-sqlite3', version: '12.0.0', main: 'index.js' });
    write(root, 'node_modules/better-sqlite3/index.js', 'module.exports = {};\n');
    write(root, 'node_modules/better-sqlite3/binding.gyp', '{}\n');
    write(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'not really a binary');
    const report = await checkPackaging({ root });
    expect(problems(report, 'dependencies')).toContainEqual(
      expect.stringMatching(/node_modules\/better-sqlite3 is a native SQLite module besides better-sqlite3-multiple-ciphers/),
    );
  }, 30_000);

  it('reports sharp’s libvips left inside the asar, and notes the Windows parts not installed on this machine (#14)', async () => {
    const root = fixture();
    const pkgFile = path.join(root, 'package.json');
    const pkgJson = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { dependencies: Record<string, string> };
    fs.writeFileSync(pkgFile, JSON.stringify({ ...pkgJson, dependencies: { ...pkgJson.dependencies, sharp: '0.35.5' } }));
    const optional = { '@img/sharp-linux-x64': '0.35.5', '@img/sharp-libvips-linux-x64': '1.3.4', '@img/sharp-win32-x64': '0.35.5' };
    write(root, 'node_modules/sharp/package.json', { name: 'sharp', version: '0.35.5', main: 'index.js', optionalDependencies: optional });
    write(root, 'node_modules/sharp/index.js', 'module.exports = {};\n');
    write(root, 'node_modules/@img/sharp-linux-x64/package.json', { name: '@img/sharp-linux-x64', version: '0.35.5', os: ['linux'], cpu: ['x64'] });
    write(root, 'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64-0.35.5.node', 'not really a binary');
    write(root, 'node_modules/@img/sharp-libvips-linux-x64/package.json', {
      name: '@img/sharp-libvips-linux-x64',
      version: '1.3.4',
      os: ['linux'],
      cpu: ['x64'],
    });
    write(root, 'node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp.so.8.18.7', 'not really a library');
    const file = path.join(root, 'build/electron-builder.yml');
    const config = fs.readFileSync(file, 'utf8');
    // As configured, it passes: the addon and libvips are unpacked.
    let report = await checkPackaging({ root });
    expect(allProblems(report), formatReport(report)).toEqual([]);
    const notes = report.checks.find((c) => c.id === 'dependencies')?.notes ?? [];
    expect(notes).toContainEqual(
      expect.stringMatching(
        /^linux: sharp's native parts unpacked from the asar: node_modules\/@img\/sharp-linux-x64 \(lib\/sharp-linux-x64-0\.35\.5\.node\), node_modules\/@img\/sharp-libvips-linux-x64 \(lib\/libvips-cpp\.so\.8\.18\.7\)$/,
      ),
    );
    expect(notes).toContainEqual(expect.stringMatching(/^win: sharp's @img\/sharp-win32-x64 is not installed here/));
    // Without the @img rule only the .node is unpacked: libvips, which it loads from disk, is named.
    fs.writeFileSync(file, config.replace('  - "**/node_modules/@img/**"\n', ''));
    report = await checkPackaging({ root });
    expect(problems(report, 'dependencies')).toEqual([
      'linux: node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp.so.8.18.7 is inside the asar: sharp loads it from disk (add it to asarUnpack).',
    ]);
  }, 60_000);

  it('reports a missing build and missing icons', async () => {
    const root = fixture();
    fs.rmSync(path.join(root, 'out'), { recursive: true });
    fs.rmSync(path.join(root, 'build/icon.ico'));
    const report = await checkPackaging({ root });
    expect(problems(report, 'main')).toEqual([expect.stringMatching(/out\/main\/index\.js, which does not exist/)]);
    expect(problems(report, 'files')).toContainEqual('out/renderer is empty or missing: run `electron-vite build` first.');
    expect(problems(report, 'icons')).toContainEqual(expect.stringMatching(/icon\.ico is missing/));
  }, 30_000);
});

describe('module references (TypeScript parser)', () => {
  it('finds static, re-export, dynamic and require references, not comments or strings', () => {
    const src = [
      'import a from "a";',
      'export { b } from "./b.js";',
      'export * from "c";',
      '// import x from "commented";',
      'const s = "require(\'in-a-string\')";',
      'const d = await import("d");',
      'const e = require("e");',
      'const f = require.resolve("f");',
      'const g = import(name);',
    ].join('\n');
    const { references, dynamic } = moduleReferences(src, 'x.js');
    expect(references.map((r) => [r.specifier, r.kind, r.line])).toEqual([
      ['a', 'import', 1],
      ['./b.js', 'export', 2],
      ['c', 'export', 3],
      ['d', 'dynamic-import', 6],
      ['e', 'require', 7],
      ['f', 'require', 8],
    ]);
    expect(dynamic).toEqual([{ kind: 'dynamic-import', line: 9, text: 'name' }]);
  });

  it('leaves out type-only imports of TypeScript sources when asked', () => {
    const src =
      "import type { A } from 'a';\nimport { type B } from 'b';\nimport { c, type C } from 'c';\nexport type { D } from 'd';\nlet t: typeof import('e');\n";
    expect(moduleReferences(src, 'x.ts', { skipTypeOnly: true }).references.map((r) => r.specifier)).toEqual(['c']);
    expect(moduleReferences(src, 'x.ts').references.map((r) => r.specifier)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads the scripts of a Vue component, keeping line numbers', () => {
    const sfc = '<template>\n  <div />\n</template>\n<script setup lang="ts">\nimport { ref } from \'vue\';\n</script>\n';
    const refs = moduleReferences(vueScript(sfc), 'x.ts').references;
    expect(refs).toEqual([{ specifier: 'vue', kind: 'import', line: 5 }]);
  });

  it('names packages and subpaths', () => {
    expect(packageNameOf('pdfjs-dist/build/pdf.worker.min.mjs?url')).toBe('pdfjs-dist');
    expect(subpathOf('pdfjs-dist/build/pdf.worker.min.mjs?url')).toBe('./build/pdf.worker.min.mjs');
    expect(packageNameOf('@fastify/static')).toBe('@fastify/static');
    expect(subpathOf('@date-fns/tz')).toBe('.');
    expect(packageNameOf('node:fs')).toBeUndefined();
    expect(packageNameOf('fs/promises')).toBeUndefined();
    expect(packageNameOf('./x.js')).toBeUndefined();
  });

  it('resolves entries through "exports" conditions like Node', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-entry-'));
    temps.push(dir);
    for (const f of ['esm/index.mjs', 'cjs/index.cjs', 'sub/a.js', 'main.js']) write(dir, f, '');
    const pkg = {
      main: 'main.js',
      exports: {
        '.': { types: './x.d.ts', import: './esm/index.mjs', require: './cjs/index.cjs' },
        './sub/*': './sub/*.js',
        './package.json': './package.json',
      },
    };
    expect(resolveEntry(dir, pkg, '.', ['node', 'import'])).toBe('esm/index.mjs');
    expect(resolveEntry(dir, pkg, '.', ['node', 'require'])).toBe('cjs/index.cjs');
    expect(resolveEntry(dir, pkg, './sub/a', ['node', 'import'])).toBe('sub/a.js');
    expect(resolveEntry(dir, pkg, './main.js', ['node', 'import'])).toBeUndefined(); // not exported
    expect(resolveEntry(dir, { main: 'main' }, '.', ['node', 'require'])).toBe('main.js');
  });
});

describe('icons', () => {
  it('build/icon.ico holds BMP images for the small sizes and PNG images for 128 and 256', () => {
    const images = icoImages(fs.readFileSync(path.join(REPO, 'build/icon.ico')));
    expect(images).toEqual([
      { size: 16, format: 'bmp' },
      { size: 24, format: 'bmp' },
      { size: 32, format: 'bmp' },
      { size: 48, format: 'bmp' },
      { size: 64, format: 'bmp' },
      { size: 128, format: 'png' },
      { size: 256, format: 'png' },
    ]);
  });
});
