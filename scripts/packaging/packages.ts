import fs from 'node:fs';
import path from 'node:path';

// Installed packages as Node sees them: where a name resolves from a folder, what its entry file is,
// and the closure of production dependencies (dependencies, installed optionalDependencies and
// required peerDependencies), read from each package's own package.json.

export interface PackageJson {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: Array<string | { type?: string }>;
  main?: string;
  exports?: unknown;
  type?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  repository?: string | { url?: string };
}

export function readPackageJson(dir: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Node's lookup: `<dir>/node_modules/<name>` from `fromDir` up to `root` (never above it). */
export function findPackageDir(name: string, fromDir: string, root: string): string | undefined {
  const top = path.resolve(root);
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (dir === top) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir || !parent.startsWith(top)) return undefined;
    dir = parent;
  }
}

function resolveTarget(target: unknown, conditions: readonly string[], star?: string): string | undefined {
  if (typeof target === 'string') return star === undefined ? target : target.replaceAll('*', star);
  if (Array.isArray(target)) {
    for (const t of target) {
      const found = resolveTarget(t, conditions, star);
      if (found) return found;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (key === 'default' || conditions.includes(key)) {
        const found = resolveTarget(value, conditions, star);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function firstExisting(dir: string, candidates: string[]): string | undefined {
  for (const c of candidates) {
    const file = path.join(dir, c);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return toPosix(path.relative(dir, file));
  }
  return undefined;
}

/**
 * The file (relative to the package folder) that `<name><subpath>` loads, following "exports" with
 * `conditions` (Node's rules: first matching key in object order), else "main" / the bare path.
 */
export function resolveEntry(pkgDir: string, pkg: PackageJson, subpath: string, conditions: readonly string[]): string | undefined {
  const exp = pkg.exports;
  if (exp !== undefined && exp !== null) {
    const isSubpathMap = typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
    const map = (isSubpathMap ? exp : { '.': exp }) as Record<string, unknown>;
    let target: string | undefined;
    if (subpath in map) target = resolveTarget(map[subpath], conditions);
    else {
      // Pattern keys ("./*", "./build/*.mjs"): the longest prefix wins.
      const patterns = Object.keys(map)
        .filter((k) => k.includes('*'))
        .sort((a, b) => b.indexOf('*') - a.indexOf('*'));
      for (const key of patterns) {
        const [prefix = '', suffix = ''] = key.split('*');
        if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= prefix.length + suffix.length) {
          target = resolveTarget(map[key], conditions, subpath.slice(prefix.length, subpath.length - suffix.length));
          break;
        }
      }
    }
    return target ? firstExisting(pkgDir, [target]) : undefined;
  }
  if (subpath === '.') {
    const main = pkg.main ?? 'index.js';
    return firstExisting(pkgDir, [main, `${main}.js`, `${main}.json`, `${main}/index.js`, 'index.js']);
  }
  return firstExisting(pkgDir, [subpath, `${subpath}.js`, `${subpath}.json`, `${subpath}/index.js`]);
}

export interface ShippedPackage {
  name: string;
  version: string;
  /** Real path of the package folder. */
  dir: string;
  /** The folder relative to the project root, '/' separators (e.g. node_modules/fastify). */
  relDir: string;
  /** Who pulls it in: "package.json" for a direct dependency, else the first dependent package found. */
  neededBy: string;
}

export interface MissingDependency {
  name: string;
  neededBy: string;
  kind: 'dependency' | 'peerDependency';
  /** The dependent package's folder, from which the name was looked up. */
  from: string;
}

export interface ProductionClosure {
  packages: ShippedPackage[];
  missing: MissingDependency[];
}

/**
 * Every package reachable from `names` (looked up from the project root) through dependencies,
 * installed optionalDependencies and non-optional peerDependencies. Sorted by folder.
 */
export function productionClosure(root: string, names: string[]): ProductionClosure {
  const byDir = new Map<string, ShippedPackage>();
  const missing: MissingDependency[] = [];
  const queue: Array<{ name: string; from: string; neededBy: string; kind: MissingDependency['kind'] | 'optional' }> = names.map((name) => ({
    name,
    from: root,
    neededBy: 'package.json',
    kind: 'dependency',
  }));
  while (queue.length > 0) {
    const item = queue.shift()!;
    const dir = findPackageDir(item.name, item.from, root);
    if (!dir) {
      if (item.kind !== 'optional') missing.push({ name: item.name, neededBy: item.neededBy, kind: item.kind, from: item.from });
      continue;
    }
    if (byDir.has(dir)) continue;
    const pkg = readPackageJson(dir);
    const name = pkg.name ?? item.name;
    byDir.set(dir, { name, version: pkg.version ?? '0.0.0', dir, relDir: toPosix(path.relative(fs.realpathSync(root), dir)), neededBy: item.neededBy });
    const by = `${name}@${pkg.version ?? '?'}`;
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push({ name: dep, from: dir, neededBy: by, kind: 'dependency' });
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, neededBy: by, kind: 'optional' });
    // An optional peer is used only when the app installs it itself (then it is in some dependencies list).
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) {
      if (pkg.peerDependenciesMeta?.[dep]?.optional !== true) queue.push({ name: dep, from: dir, neededBy: by, kind: 'peerDependency' });
    }
  }
  const packages = [...byDir.values()].sort((a, b) => (a.relDir < b.relDir ? -1 : a.relDir > b.relDir ? 1 : 0));
  return { packages, missing };
}

/** Every file under `dir` (relative, '/' separators, sorted), skipping folders for which `skip` says so. */
export function listFiles(dir: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skip(childRel)) walk(childRel);
      } else if (entry.isFile()) out.push(childRel);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}
