import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledPackages, collectLicenses, licenseText, LICENSES_FILE, serialize, type LicensesFile } from './licenses';

const REPO = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('resources/licenses.json', () => {
  const generated = collectLicenses(REPO);
  const committed = fs.readFileSync(path.join(REPO, LICENSES_FILE), 'utf8');
  const list = JSON.parse(committed) as LicensesFile;

  it('is what `npm run licenses` generates from the installed packages now', () => {
    // When this fails after a dependency change: run `npm run licenses` and commit the result.
    // Compared parsed (a checkout with CRLF line ends is still current), then by size for a short message.
    const fresh = JSON.parse(serialize(generated)) as LicensesFile;
    expect(list.packages.length, 'resources/licenses.json is stale: run `npm run licenses`').toBe(fresh.packages.length);
    expect(list, 'resources/licenses.json is stale: run `npm run licenses`').toEqual(fresh);
  });

  it('lists every production dependency, as shipped in node_modules, with its licence', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(pkg.dependencies)) {
      const entry = list.packages.find((p) => p.name === name && p.via.includes('node_modules'));
      expect(entry, name).toBeDefined();
      expect(entry?.license, name).not.toBe('UNKNOWN');
    }
  });

  it('lists the libraries bundled into the renderer', () => {
    for (const name of ['vue', 'pinia', 'vue-router', 'vue-i18n', '@tanstack/vue-virtual', 'pdfjs-dist', 'utif2', 'zod']) {
      expect(list.packages.find((p) => p.name === name)?.via, name).toContain('renderer');
    }
    // pdf.js's Node-only require() of @napi-rs/canvas (through createRequire) is not bundled.
    expect(list.packages.some((p) => p.name.startsWith('@napi-rs/'))).toBe(false);
    // Build tools and test libraries are not part of the app.
    for (const name of ['electron', 'electron-builder', 'vitest', 'typescript', '@vue/test-utils', 'playwright-core']) {
      expect(
        list.packages.some((p) => p.name === name),
        name,
      ).toBe(false);
    }
  });

  it('is sorted, and every licence text is referenced once stored', () => {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...list.packages].sort((a, b) => cmp(a.name, b.name) || cmp(a.version, b.version));
    expect(list.packages).toEqual(sorted);
    const ids = list.packages.map((p) => `${p.name}@${p.version}`);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set(list.packages.flatMap((p) => (p.textId ? [p.textId] : [])));
    expect(Object.keys(list.texts).sort()).toEqual([...used].sort());
    expect(list.texts[list.packages.find((p) => p.name === 'vue')!.textId!]).toMatch(/MIT License/);
  });
});

function write(root: string, rel: string, content: string | object) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

describe('bundled packages (import graph)', () => {
  it('follows the renderer from index.html into node_modules, the bundler’s way', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'licenses-'));
    temps.push(root);
    write(root, 'package.json', { name: 'x', version: '1.0.0', dependencies: { srv: '1' } });
    write(root, 'renderer/index.html', '<script type="module" src="./src/main.ts"></script>');
    write(root, 'renderer/src/main.ts', "import { a } from 'esm-a';\nimport type { T } from 'types-only';\nimport './View.vue';\n");
    write(root, 'renderer/src/View.vue', '<template><p/></template>\n<script setup lang="ts">\nimport b from \'cjs-b\';\n</script>\n');
    write(root, 'electron/main/index.ts', "import srv from 'srv';\nimport inl from 'inlined';\nexport { srv, inl };\n");
    // esm-a: browser condition → browser.mjs, which is ESM: its require() is Node's and not followed
    write(root, 'node_modules/esm-a/package.json', { name: 'esm-a', version: '1.0.0', exports: { '.': { browser: './browser.mjs', node: './node.mjs' } } });
    write(root, 'node_modules/esm-a/browser.mjs', "import 'esm-dep';\nconst require = globalThis.r;\nexport const a = () => require('node-only');\n");
    write(root, 'node_modules/esm-a/node.mjs', "import 'never';\n");
    write(root, 'node_modules/esm-dep/package.json', { name: 'esm-dep', version: '2.0.0', module: 'index.mjs' });
    write(root, 'node_modules/esm-dep/index.mjs', 'export {};\n');
    // cjs-b: CommonJS, its require() is bundled
    write(root, 'node_modules/cjs-b/package.json', { name: 'cjs-b', version: '1.0.0', main: 'lib' });
    write(root, 'node_modules/cjs-b/lib/index.js', "module.exports = require('cjs-c');\n");
    write(root, 'node_modules/cjs-c/package.json', { name: 'cjs-c', version: '3.0.0' });
    write(root, 'node_modules/cjs-c/index.js', 'module.exports = 1;\n');
    for (const name of ['srv', 'inlined', 'types-only', 'node-only', 'never']) {
      write(root, `node_modules/${name}/package.json`, { name, version: '1.0.0' });
      write(root, `node_modules/${name}/index.js`, 'module.exports = 1;\n');
    }
    const found = [...bundledPackages(root, new Set(['srv'])).entries()].map(([id, v]) => `${id} ${[...v.via].join('+')}`).sort();
    expect(found).toEqual(['cjs-b@1.0.0 renderer', 'cjs-c@3.0.0 renderer', 'esm-a@1.0.0 renderer', 'esm-dep@2.0.0 renderer', 'inlined@1.0.0 main']);
  });

  it('reads LICENSE, LICENCE.md or COPYING, normalising line ends', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'licence-text-'));
    temps.push(dir);
    expect(licenseText(dir)).toBeUndefined();
    write(dir, 'LICENCE.md', '\uFEFFMIT License\r\n\r\nCopyright   \r\n');
    expect(licenseText(dir)).toBe('MIT License\n\nCopyright');
    write(dir, 'LICENSE', 'ISC');
    expect(licenseText(dir)).toBe('ISC');
    // "MIT AND OFL-1.1": both texts, as the font's licence must travel with the font.
    write(dir, 'LICENSE_FONT', 'SIL OPEN FONT LICENSE Version 1.1\r\n');
    expect(licenseText(dir, true)).toBe('ISC\n\n---\n\nMIT License\n\nCopyright\n\n---\n\nSIL OPEN FONT LICENSE Version 1.1');
  });

  it('lists the promemoria’s font with its SIL Open Font License beside the package’s MIT', () => {
    const list = JSON.parse(fs.readFileSync(path.join(REPO, LICENSES_FILE), 'utf8')) as LicensesFile;
    const font = list.packages.find((p) => p.name === '@expo-google-fonts/open-sans');
    expect(font?.license).toBe('MIT AND OFL-1.1');
    expect(list.texts[font!.textId!]).toMatch(/^MIT License[\s\S]*SIL OPEN FONT LICENSE Version 1\.1/);
  });
});
