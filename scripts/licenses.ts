// `npm run licenses`: writes resources/licenses.json, the licences of every third-party package the
// desktop app carries:
//   node_modules  the production dependencies, transitively (shipped as they are in app.asar)
//   renderer      packages whose code the renderer bundle contains (vue, pinia, pdf.js, …)
//   main          packages the main/preload bundles inline (devDependencies they import, if any)
//   build         the bundler's own run-time helpers (vite's preload helper, rolldown's runtime)
// Bundled packages are found by following the import graph from the bundles' entries (main,
// preload, renderer/index.html) through the project's sources into node_modules, resolving each
// import the way the bundler does (browser conditions for the renderer). Output is deterministic:
// packages sorted by name and version, identical licence texts stored once (keyed by a hash).
// scripts/licenses.test.ts fails when the committed file differs from what this generates.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuiltin, isRelativeOrAbsolute, isUrl, moduleReferences, packageNameOf, subpathOf, vueScript } from './packaging/imports';
import { resolveAlias } from './importRules';
import { findPackageDir, productionClosure, readPackageJson, resolveEntry, toPosix, type PackageJson } from './packaging/packages';

export type Via = 'node_modules' | 'main' | 'renderer' | 'build';

export interface LicenseEntry {
  name: string;
  version: string;
  /** SPDX expression from package.json ("UNKNOWN" when it has none). */
  license: string;
  via: Via[];
  repository?: string;
  /** Key into `texts` (a hash of the text), when the package has a licence file. */
  textId?: string;
}

export interface LicensesFile {
  generatedBy: string;
  packages: LicenseEntry[];
  texts: Record<string, string>;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LICENSES_FILE = 'resources/licenses.json';

/** The entry points of the three bundles (as in electron.vite.config.ts). */
const ENTRIES: Array<{ via: 'main' | 'renderer'; file: string }> = [
  { via: 'main', file: 'electron/main/index.ts' },
  { via: 'main', file: 'electron/preload/index.ts' },
  { via: 'renderer', file: 'renderer/index.html' },
];
/** Code the bundler itself writes into the bundles. */
const BUILD_RUNTIME = ['vite', 'rolldown', '@vitejs/plugin-vue'];

const CONDITIONS = {
  // Vite's defaults for a browser build, and Node's for the main process.
  renderer: ['browser', 'module', 'import', 'production', 'default'],
  main: ['node', 'import', 'module', 'default'],
} as const;

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.vue', '.mts', '.js', '.mjs', '.cjs', '.json'];
const PARSED = /\.(ts|tsx|mts|cts|js|mjs|cjs|vue)$/;

function isFile(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

/** A relative import of a source file: exact, with an extension, `.js` written for `.ts`, or a folder's index. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier.split('?')[0] ?? specifier);
  const candidates = [base, ...SOURCE_EXTENSIONS.map((e) => base + e)];
  if (/\.(js|mjs|cjs)$/.test(base)) candidates.push(base.replace(/\.(m|c)?js$/, '.ts'), base.replace(/\.(m|c)?js$/, '.mts'));
  candidates.push(...SOURCE_EXTENSIONS.map((e) => path.join(base, `index${e}`)));
  return candidates.find(isFile);
}

/** A package's file for the renderer: "exports" with browser conditions, else `browser` / `module` / `main`. */
function rendererEntry(dir: string, pkg: PackageJson & { browser?: unknown; module?: string }, subpath: string): string | undefined {
  if (pkg.exports !== undefined) return resolveEntry(dir, pkg, subpath, CONDITIONS.renderer);
  if (subpath === '.') {
    const field = typeof pkg.browser === 'string' ? pkg.browser : (pkg.module ?? pkg.main);
    return resolveEntry(dir, { main: field }, '.', CONDITIONS.renderer);
  }
  return resolveEntry(dir, {}, subpath, CONDITIONS.renderer);
}

function browserMapsToFalse(pkg: { browser?: unknown }, specifier: string): boolean {
  return !!pkg.browser && typeof pkg.browser === 'object' && (pkg.browser as Record<string, unknown>)[specifier] === false;
}

interface PackageRef {
  name: string;
  version: string;
  dir: string;
}

/**
 * Packages whose code ends up in the bundles: follows imports from the entries through project
 * files and into node_modules (for the main bundle, production dependencies stay external).
 */
export function bundledPackages(root: string, prodDeps: Set<string>): Map<string, { ref: PackageRef; via: Set<'main' | 'renderer'> }> {
  const found = new Map<string, { ref: PackageRef; via: Set<'main' | 'renderer'> }>();
  const seen = new Set<string>();
  const queue: Array<{ file: string; via: 'main' | 'renderer' }> = [];

  for (const entry of ENTRIES) {
    const file = path.join(root, entry.file);
    if (!fs.existsSync(file)) continue;
    if (file.endsWith('.html')) {
      const html = fs.readFileSync(file, 'utf8');
      for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
        const target = resolveRelative(file, m[1] ?? '');
        if (target) queue.push({ file: target, via: entry.via });
      }
    } else queue.push({ file, via: entry.via });
  }

  while (queue.length > 0) {
    const { file, via } = queue.shift()!;
    const key = `${via}:${file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!PARSED.test(file)) continue;
    const raw = fs.readFileSync(file, 'utf8');
    const source = file.endsWith('.vue') ? vueScript(raw) : raw;
    const inNodeModules = file.split(path.sep).includes('node_modules');
    const owner = inNodeModules ? ownerPackage(file) : undefined;
    const { references, esm } = moduleReferences(source, file.endsWith('.vue') ? `${file}.ts` : file, { skipTypeOnly: true });
    for (const ref of references) {
      const spec = ref.specifier;
      // In an ES module, require() is Node's own (createRequire, guarded by "is this Node?"): the bundler leaves it alone.
      if (esm && ref.kind === 'require') continue;
      if (isUrl(spec) || spec.startsWith('virtual:') || spec.startsWith('\0')) continue;
      if (isRelativeOrAbsolute(spec)) {
        const target = resolveRelative(file, spec);
        if (target) queue.push({ file: target, via });
        continue;
      }
      // The renderer's `@common/x` (electron.vite.config.ts) is a project folder, not a package.
      const aliased = via === 'renderer' ? resolveAlias(spec) : undefined;
      if (aliased) {
        const target = resolveRelative(path.join(root, 'package.json'), `./${aliased.target}`);
        if (target) queue.push({ file: target, via });
        continue;
      }
      if (isBuiltin(spec) || spec === 'electron' || spec.startsWith('electron/')) continue;
      if (owner && browserMapsToFalse(owner.pkg, spec) && via === 'renderer') continue;
      const name = packageNameOf(spec);
      if (!name) continue;
      // The main and preload bundles leave production dependencies as imports (electron-vite's externalizeDeps).
      if (via === 'main' && !inNodeModules && prodDeps.has(name)) continue;
      const dir = findPackageDir(name, path.dirname(file), root);
      if (!dir) continue; // an optional import that is not installed (guarded at run time)
      const pkg = readPackageJson(dir) as PackageJson & { browser?: unknown; module?: string };
      const id = `${pkg.name ?? name}@${pkg.version ?? '0.0.0'}`;
      const entry = found.get(id) ?? { ref: { name: pkg.name ?? name, version: pkg.version ?? '0.0.0', dir }, via: new Set<'main' | 'renderer'>() };
      entry.via.add(via);
      found.set(id, entry);
      const subpath = subpathOf(spec);
      const target =
        via === 'renderer'
          ? rendererEntry(dir, pkg, subpath)
          : resolveEntry(dir, pkg, subpath, ref.kind === 'require' ? ['node', 'require', 'default'] : CONDITIONS.main);
      if (target) queue.push({ file: path.join(dir, target), via });
    }
  }
  return found;
}

const ownerCache = new Map<string, { dir: string; pkg: PackageJson & { browser?: unknown } } | undefined>();
/** The package a file of node_modules belongs to (nearest package.json with a name). */
function ownerPackage(file: string): { dir: string; pkg: PackageJson & { browser?: unknown } } | undefined {
  let dir = path.dirname(file);
  const visited: string[] = [];
  while (path.basename(dir) !== 'node_modules' && dir !== path.dirname(dir)) {
    if (ownerCache.has(dir)) return ownerCache.get(dir);
    visited.push(dir);
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      const pkg = JSON.parse(fs.readFileSync(pj, 'utf8')) as PackageJson & { browser?: unknown };
      if (pkg.name) {
        const owner = { dir, pkg };
        for (const v of visited) ownerCache.set(v, owner);
        return owner;
      }
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

function spdx(pkg: PackageJson): string {
  const { license, licenses } = pkg;
  if (typeof license === 'string' && license.trim()) return license.trim();
  if (license && typeof license === 'object' && license.type) return license.type;
  if (Array.isArray(licenses) && licenses.length > 0) {
    const types = licenses.map((l) => (typeof l === 'string' ? l : (l.type ?? '?')));
    return types.length === 1 ? types[0]! : `(${types.join(' OR ')})`;
  }
  return 'UNKNOWN';
}

function repositoryOf(pkg: PackageJson): string | undefined {
  const repo = pkg.repository;
  const url = typeof repo === 'string' ? repo : repo?.url;
  if (!url) return undefined;
  if (/^[\w.-]+\/[\w.-]+$/.test(url)) return `https://github.com/${url}`;
  if (url.startsWith('github:')) return `https://github.com/${url.slice('github:'.length)}`;
  return url
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/\.git$/, '');
}

const LICENSE_FILE = /^(licen[sc]e|copying)([-._].*)?$/i;

/** The package's licence file, if any (LICENSE, LICENCE, COPYING, with or without an extension). */
export function licenseText(dir: string, conjunctive = false): string | undefined {
  const files = fs
    .readdirSync(dir)
    .filter((f) => LICENSE_FILE.test(f) && isFile(path.join(dir, f)))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  // Under "A AND B" both licences apply (e.g. a package's MIT code and its fonts' OFL): every file is kept.
  const texts = (conjunctive ? files : files.slice(0, 1)).map((file) =>
    fs
      .readFileSync(path.join(dir, file), 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trim(),
  );
  return texts.filter(Boolean).join('\n\n---\n\n') || undefined;
}

/** Builds the licence list of the project at `root` (nothing is written). */
export function collectLicenses(root: string = REPO): LicensesFile {
  const pkg = readPackageJson(root);
  const prodDeps = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]);
  const entries = new Map<string, { ref: PackageRef; via: Set<Via> }>();
  const add = (ref: PackageRef, via: Via) => {
    const id = `${ref.name}@${ref.version}`;
    const entry = entries.get(id) ?? { ref, via: new Set<Via>() };
    entry.via.add(via);
    entries.set(id, entry);
  };

  for (const p of productionClosure(root, [...prodDeps]).packages) add(p, 'node_modules');
  for (const { ref, via } of bundledPackages(root, prodDeps).values()) for (const v of via) add(ref, v);
  for (const name of BUILD_RUNTIME) {
    const dir = findPackageDir(name, root, root);
    if (!dir) continue;
    const own = readPackageJson(dir);
    add({ name: own.name ?? name, version: own.version ?? '0.0.0', dir }, 'build');
  }

  const texts: Record<string, string> = {};
  const packages: LicenseEntry[] = [];
  const order: Via[] = ['node_modules', 'main', 'renderer', 'build'];
  for (const { ref, via } of entries.values()) {
    const own = readPackageJson(ref.dir);
    const entry: LicenseEntry = { name: ref.name, version: ref.version, license: spdx(own), via: order.filter((v) => via.has(v)) };
    const repository = repositoryOf(own);
    if (repository) entry.repository = repository;
    const text = licenseText(ref.dir, / AND /.test(entry.license));
    if (text) {
      const key = createHash('sha256').update(text).digest('hex').slice(0, 12);
      texts[key] = text;
      entry.textId = key;
    }
    packages.push(entry);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  packages.sort((a, b) => cmp(a.name, b.name) || cmp(a.version, b.version));
  const sortedTexts = Object.fromEntries(
    Object.keys(texts)
      .sort()
      .map((k) => [k, texts[k]!]),
  );
  return { generatedBy: 'npm run licenses (scripts/licenses.ts)', packages, texts: sortedTexts };
}

export function serialize(list: LicensesFile): string {
  return `${JSON.stringify(list, null, 1)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const list = collectLicenses(REPO);
  const file = path.join(REPO, LICENSES_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serialize(list));
  const count = (via: Via) => list.packages.filter((p) => p.via.includes(via)).length;
  const withoutText = list.packages.filter((p) => !p.textId).length;
  console.log(
    `${toPosix(LICENSES_FILE)}: ${list.packages.length} packages (${count('node_modules')} in node_modules, ${count('renderer')} in the renderer bundle, ` +
      `${count('main')} in the main bundle, ${count('build')} build helpers), ${Object.keys(list.texts).length} distinct licence texts, ${withoutText} packages without a licence file.`,
  );
}
