// `npm run check:packaging` (after `electron-vite build`): fails when `npm run package` would build an
// app that breaks, without building it (these machines cannot download Electron). Checks:
//   configuration  electron-builder's own validation of build/electron-builder.yml and package.json
//   main entry     package.json "main" exists in the build
//   files          the builder's `files` take all of out/main, out/preload, out/renderer and package.json, nothing else
//   imports        every module the main and preload bundles load at run time is a builtin, electron or
//                  a production dependency that electron-builder ships (entry file included)
//   dependencies   production dependencies installed with their own dependencies, none dev-only,
//                  all shipped, native addons unpacked from the asar
//   renderer       no Node, Electron or bare import, no require(), in out/renderer
//   icons          build/icon.png 1024×1024, build/icon.ico with a 256 image, build/icons set
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilder, type Builder, type BuilderConfig } from './packaging/builder';
import { isBuiltin, isRelativeOrAbsolute, isUrl, moduleReferences, packageNameOf, subpathOf } from './packaging/imports';
import { findPackageDir, listFiles, productionClosure, readPackageJson, resolveEntry, type PackageJson } from './packaging/packages';

export type CheckId = 'configuration' | 'main' | 'files' | 'imports' | 'dependencies' | 'renderer' | 'icons';

export interface CheckResult {
  id: CheckId;
  title: string;
  ok: boolean;
  /** One line on what was checked, when it passed. */
  summary: string;
  problems: string[];
  notes: string[];
}

export interface PackagingReport {
  ok: boolean;
  root: string;
  configFile: string;
  builderVersion: string;
  checks: CheckResult[];
}

export interface PackagingCheckOptions {
  /** The project folder (package.json, out/, node_modules/, build/). Default: this repository. */
  root?: string;
  /** The electron-builder configuration, relative to root. Default: build/electron-builder.yml. */
  configFile?: string;
  /** Where electron-builder itself is installed. Default: this repository. */
  toolsRoot?: string;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PLATFORMS = ['win', 'linux'] as const;
const BUNDLES = ['out/main', 'out/preload', 'out/renderer'] as const;
const CODE = /\.(js|mjs|cjs)$/;
/** What a sandboxed preload may require (Electron's preload polyfills). */
const SANDBOXED_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

interface Shipped {
  name: string;
  version: string;
  dir: string;
  destination: string;
}

class Check implements CheckResult {
  problems: string[] = [];
  notes: string[] = [];
  summary = '';
  constructor(
    readonly id: CheckId,
    readonly title: string,
  ) {}
  get ok() {
    return this.problems.length === 0;
  }
  problem(text: string) {
    this.problems.push(text);
  }
  note(text: string) {
    this.notes.push(text);
  }
  toJSON(): CheckResult {
    return { id: this.id, title: this.title, ok: this.ok, summary: this.summary, problems: this.problems, notes: this.notes };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function pngSize(file: string): { width: number; height: number } | undefined {
  const data = fs.readFileSync(file);
  if (data.length < 24 || data.toString('latin1', 1, 4) !== 'PNG' || data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The images of an .ico file: their sizes and whether each is a PNG or a BMP (DIB). */
export function icoImages(data: Buffer): Array<{ size: number; format: 'png' | 'bmp' }> | undefined {
  if (data.length < 6 || data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) return undefined;
  const count = data.readUInt16LE(4);
  const images: Array<{ size: number; format: 'png' | 'bmp' }> = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    if (at + 16 > data.length) return undefined;
    const size = data.readUInt8(at) || 256;
    const length = data.readUInt32LE(at + 8);
    const offset = data.readUInt32LE(at + 12);
    if (offset + length > data.length) return undefined;
    const isPng = data.toString('latin1', offset + 1, offset + 4) === 'PNG';
    if (!isPng && data.readUInt32LE(offset) !== 40) return undefined;
    images.push({ size, format: isPng ? 'png' : 'bmp' });
  }
  return images;
}

/** Runs every check; never throws for a problem of the project (that goes in the report). */
export async function checkPackaging(options: PackagingCheckOptions = {}): Promise<PackagingReport> {
  const root = fs.realpathSync(path.resolve(options.root ?? REPO));
  const configFile = options.configFile ?? 'build/electron-builder.yml';
  const builder = loadBuilder(options.toolsRoot ?? REPO);
  const checks: Check[] = [];
  const add = (id: CheckId, title: string) => {
    const check = new Check(id, title);
    checks.push(check);
    return check;
  };
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');

  const packageFile = path.join(root, 'package.json');
  const pkg = readJson<PackageJson & { name?: string; main?: string }>(packageFile);

  // ── configuration ──────────────────────────────────────────────────────────────────────────
  const configuration = add('configuration', 'electron-builder configuration');
  let config: BuilderConfig | undefined;
  if (!pkg) configuration.problem('package.json is missing or not valid JSON.');
  if (!fs.existsSync(path.join(root, configFile))) configuration.problem(`${configFile} does not exist.`);
  else {
    try {
      const loaded = await builder.quietly(() => builder.loadConfig(root, configFile));
      config = loaded.value;
      await builder.validate(config);
    } catch (error) {
      configuration.problem(`electron-builder ${builder.version} refuses ${configFile}: ${message(error)}`);
    }
  }
  if (pkg) {
    try {
      const { log } = await builder.quietly(async () => builder.checkMetadata(structuredClone(pkg), packageFile));
      for (const line of log) configuration.note(`electron-builder: ${line.replace(/^[•⨯]\s*/, '')}`);
    } catch (error) {
      configuration.problem(`electron-builder refuses package.json: ${message(error)}`);
    }
  }
  if (config) {
    const electron = readJson<{ version?: string }>(path.join(root, 'node_modules/electron/package.json'));
    if (!config.electronVersion) configuration.problem('electronVersion is not set (electron-builder would have to guess it).');
    else if (!electron?.version) configuration.problem('node_modules/electron is not installed: cannot compare electronVersion.');
    else if (electron.version !== config.electronVersion) {
      configuration.problem(`electronVersion ${config.electronVersion} differs from the installed electron ${electron.version}.`);
    }
    if (pkg?.dependencies && 'electron' in pkg.dependencies) configuration.problem('electron is in dependencies; it belongs in devDependencies.');
    configuration.summary = `valid for electron-builder ${builder.version}; app ${config.appId ?? '?'} "${config.productName ?? pkg?.name}" ${pkg?.version ?? ''}, Electron ${config.electronVersion ?? '?'}`;
  }

  // ── main entry ─────────────────────────────────────────────────────────────────────────────
  const mainCheck = add('main', 'package.json "main"');
  const mainEntry = pkg?.main;
  if (!mainEntry) mainCheck.problem('package.json has no "main".');
  else if (!fs.existsSync(path.join(root, mainEntry))) mainCheck.problem(`"main" is ${mainEntry}, which does not exist: run \`electron-vite build\` first.`);
  else mainCheck.summary = mainEntry;

  // ── files ──────────────────────────────────────────────────────────────────────────────────
  const filesCheck = add('files', 'files in the app (builder `files`)');
  const outFiles = new Map<string, string[]>();
  for (const bundle of BUNDLES) {
    const files = listFiles(path.join(root, bundle)).map((f) => `${bundle}/${f}`);
    outFiles.set(bundle, files);
    if (files.length === 0) filesCheck.problem(`${bundle} is empty or missing: run \`electron-vite build\` first.`);
  }
  const needed = [...[...outFiles.values()].flat().filter((f) => !f.endsWith('.map')), 'package.json'];
  if (config) {
    const counts: string[] = [];
    for (const platform of PLATFORMS) {
      let included: Set<string>;
      try {
        included = new Set(builder.appFiles(root, config, platform));
      } catch (error) {
        filesCheck.problem(`${platform}: electron-builder cannot apply the files patterns: ${message(error)}`);
        continue;
      }
      const left = needed.filter((f) => !included.has(f));
      if (left.length > 0) {
        filesCheck.problem(`${platform}: the files patterns leave out ${left.length} file(s) the app needs: ${left.slice(0, 8).join(', ')}${left.length > 8 ? ', …' : ''}`);
      }
      if (mainEntry && !included.has(mainEntry.replace(/^\.\//, ''))) filesCheck.problem(`${platform}: the "main" entry ${mainEntry} is not in the app.`);
      const extra = [...included].filter((f) => f !== 'package.json' && !BUNDLES.some((b) => f.startsWith(`${b}/`)));
      if (extra.length > 0) {
        filesCheck.problem(`${platform}: the files patterns also ship ${extra.length} file(s) outside out/: ${extra.slice(0, 8).join(', ')}${extra.length > 8 ? ', …' : ''}`);
      }
      counts.push(`${platform} ${included.size}`);
    }
    filesCheck.summary = `${needed.length} files needed (out/main, out/preload, out/renderer, package.json), all in the app (${counts.join(', ')})`;
  } else filesCheck.problem('skipped: the configuration did not load.');

  // ── shipped node_modules (electron-builder's collector) ────────────────────────────────────
  const dependencies = add('dependencies', 'production dependencies');
  let shipped: Shipped[] | undefined;
  /** The packaged app's node_modules layout: destination (e.g. node_modules/a/node_modules/b) → module. */
  const layout = new Map<string, Shipped>();
  if (pkg) {
    try {
      shipped = await builder.shippedModules(root, pkg.name ?? 'app');
      for (const m of shipped) layout.set(m.destination, m);
    } catch (error) {
      dependencies.problem(`electron-builder cannot list the production node_modules (npm list --omit dev): ${message(error).split('\n')[0]}`);
    }
  }
  const moduleFilesCache = new Map<string, Set<string>>();
  const moduleFiles = async (module: Shipped, platform: (typeof PLATFORMS)[number]) => {
    const key = `${platform}:${module.destination}`;
    let files = moduleFilesCache.get(key);
    if (!files) {
      files = new Set(config ? await builder.moduleFiles(root, config, platform, module) : []);
      moduleFilesCache.set(key, files);
    }
    return files;
  };
  /** Problems with a shipped module's entry file: left out by the patterns or electron-builder's exclusions. */
  const entryProblems = async (module: Shipped, subpath: string, conditions: readonly string[]) => {
    const out: string[] = [];
    const entry = resolveEntry(module.dir, readPackageJson(module.dir), subpath, conditions);
    if (!entry || !config) return out;
    for (const platform of PLATFORMS) {
      if (!(await moduleFiles(module, platform)).has(entry)) {
        out.push(`${platform}: ${module.destination}/${entry} is left out of the app by the files patterns or electron-builder's node_modules exclusions`);
      }
    }
    return out;
  };

  // ── imports of the main and preload bundles ────────────────────────────────────────────────
  const imports = add('imports', 'run-time imports of the main and preload bundles');
  const prodDeps = { ...(pkg?.optionalDependencies ?? {}), ...(pkg?.dependencies ?? {}) };
  const devDeps = pkg?.devDependencies ?? {};
  const importedPackages = new Map<string, string>();
  let bundleFiles = 0;
  for (const bundle of ['out/main', 'out/preload'] as const) {
    for (const file of outFiles.get(bundle) ?? []) {
      if (!CODE.test(file)) continue;
      bundleFiles++;
      const abs = path.join(root, file);
      const { references, dynamic } = moduleReferences(fs.readFileSync(abs, 'utf8'), file);
      for (const d of dynamic) imports.note(`${file}:${d.line}: ${d.kind}(${d.text}) is computed at run time and cannot be checked.`);
      for (const ref of references) {
        const where = `${file}:${ref.line}`;
        const spec = ref.specifier;
        if (bundle === 'out/preload' && !SANDBOXED_PRELOAD_MODULES.has(spec) && !isRelativeOrAbsolute(spec)) {
          imports.problem(`${where}: the sandboxed preload requires "${spec}"; it may load only electron, events, timers and url.`);
          continue;
        }
        if (isBuiltin(spec) || spec === 'electron' || spec.startsWith('electron/')) continue;
        if (isUrl(spec)) {
          imports.problem(`${where}: imports the URL "${spec}".`);
          continue;
        }
        if (isRelativeOrAbsolute(spec)) {
          const target = path.resolve(path.dirname(abs), spec);
          if (!target.startsWith(path.join(root, 'out') + path.sep) || !fs.existsSync(target)) {
            imports.problem(`${where}: "${spec}" is not a file of the build.`);
          }
          continue;
        }
        const name = packageNameOf(spec)!;
        if (!(name in prodDeps)) {
          imports.problem(
            name in devDeps
              ? `${where}: imports "${spec}", but ${name} is a devDependency: move it to dependencies (or let the bundler inline it).`
              : `${where}: imports "${spec}", but ${name} is not in package.json dependencies.`,
          );
          continue;
        }
        importedPackages.set(name, where);
        const dir = findPackageDir(name, root, root);
        if (!dir) {
          imports.problem(`${where}: imports "${spec}", but ${name} is not installed in node_modules.`);
          continue;
        }
        const conditions = ref.kind === 'require' ? ['node', 'require'] : ['node', 'import'];
        const entry = resolveEntry(dir, readPackageJson(dir), subpathOf(spec), conditions);
        if (!entry) {
          imports.problem(`${where}: "${spec}" does not resolve to a file of ${name} (exports/main).`);
          continue;
        }
        if (!shipped) continue;
        const module = layout.get(`node_modules/${name}`);
        if (!module) imports.problem(`${where}: imports "${spec}", but electron-builder would not ship node_modules/${name}.`);
        else for (const p of await entryProblems(module, subpathOf(spec), conditions)) imports.problem(`${where}: ${p}`);
      }
    }
  }
  imports.summary = `${bundleFiles} bundle file(s); packages loaded at run time: ${[...importedPackages.keys()].sort().join(', ') || 'none'}`;

  // ── production dependency closure ──────────────────────────────────────────────────────────
  if (pkg) {
    const closure = productionClosure(root, Object.keys(prodDeps));
    for (const m of closure.missing) {
      dependencies.problem(
        m.neededBy === 'package.json'
          ? `${m.name} is in package.json dependencies but not installed in node_modules (run npm ci).`
          : `${m.name}, a ${m.kind} of ${m.neededBy}, is not installed where Node would find it (from ${rel(m.from)}).`,
      );
    }
    const lock = readJson<{ packages?: Record<string, { dev?: boolean }> }>(path.join(root, 'package-lock.json'));
    for (const p of closure.packages) {
      if (lock?.packages?.[p.relDir]?.dev === true) {
        dependencies.problem(`${p.name} (${p.relDir}) is needed by ${p.neededBy} but package-lock.json marks it dev-only: \`npm ci --omit=dev\` would not install it.`);
      }
    }
    if (shipped) {
      const shippedIds = new Set(shipped.map((m) => `${m.name}@${m.version}`));
      for (const p of closure.packages) {
        if (!shippedIds.has(`${p.name}@${p.version}`)) dependencies.problem(`electron-builder would not ship ${p.name}@${p.version} (${p.relDir}), needed by ${p.neededBy}.`);
      }
      // In the packaged layout, each module's dependencies must resolve (Node's lookup up the
      // node_modules chain) to the same version as in the installed tree.
      for (const module of layout.values()) {
        const own = readPackageJson(module.dir);
        const required = [
          ...Object.keys(own.dependencies ?? {}),
          ...Object.keys(own.peerDependencies ?? {}).filter((d) => own.peerDependenciesMeta?.[d]?.optional !== true),
        ];
        for (const dep of required) {
          const installedDir = findPackageDir(dep, module.dir, root);
          if (!installedDir) continue; // reported above as missing
          const want = readPackageJson(installedDir).version;
          const found = lookupInLayout(layout, module.destination, dep);
          if (!found) dependencies.problem(`in the packaged app, ${module.destination} would not find its dependency ${dep}.`);
          else if (found.version !== want) {
            dependencies.problem(`in the packaged app, ${module.destination} would load ${dep}@${found.version} (${found.destination}) instead of ${want}.`);
          }
        }
        for (const problem of await entryProblems(module, '.', ['node', 'require'])) dependencies.problem(problem);
      }
      if (config) {
        const nativeFiles: string[] = [];
        for (const platform of PLATFORMS) {
          const unpacked = builder.asarUnpackFilter(root, config, platform);
          for (const module of layout.values()) {
            for (const file of await moduleFiles(module, platform)) {
              if (!file.endsWith('.node')) continue;
              const appPath = `${module.destination}/${file}`;
              if (platform === 'linux') nativeFiles.push(appPath);
              if (!unpacked(appPath)) dependencies.problem(`${platform}: native addon ${appPath} is not matched by asarUnpack.`);
            }
          }
        }
        // A package with a binding.gyp is a native addon: its compiled .node file must be in the app.
        for (const module of layout.values()) {
          if (!fs.existsSync(path.join(module.dir, 'binding.gyp'))) continue;
          for (const platform of PLATFORMS) {
            if (![...(await moduleFiles(module, platform))].some((f) => f.endsWith('.node'))) {
              dependencies.problem(`${platform}: ${module.destination} is a native addon but no .node file of it is in the app.`);
            }
          }
        }
        if (nativeFiles.length > 0) dependencies.note(`native addons (rebuilt for Electron by npmRebuild, unpacked from the asar): ${nativeFiles.join(', ')}`);
      }
      dependencies.summary = `${Object.keys(prodDeps).length} dependencies → ${closure.packages.length} installed packages; electron-builder ships ${layout.size} module folders, each dependency resolving to the installed version`;
    }
  }

  // ── renderer ───────────────────────────────────────────────────────────────────────────────
  const renderer = add('renderer', 'renderer bundle has no Node or Electron import');
  let rendererFiles = 0;
  for (const file of outFiles.get('out/renderer') ?? []) {
    if (!CODE.test(file)) continue;
    rendererFiles++;
    const { references, dynamic } = moduleReferences(fs.readFileSync(path.join(root, file), 'utf8'), file);
    for (const ref of references) {
      const where = `${file}:${ref.line}`;
      const spec = ref.specifier;
      if (ref.kind === 'require') renderer.problem(`${where}: require("${spec}") — the renderer has no require.`);
      else if (isBuiltin(spec)) renderer.problem(`${where}: imports the Node built-in "${spec}".`);
      else if (spec === 'electron' || spec.startsWith('electron/')) renderer.problem(`${where}: imports "${spec}" — the renderer talks to the main process only through the preload.`);
      else if (!isRelativeOrAbsolute(spec) && !isUrl(spec)) renderer.problem(`${where}: imports the bare module "${spec}", which a browser cannot resolve.`);
    }
    for (const d of dynamic) if (d.kind === 'require') renderer.problem(`${file}:${d.line}: require(${d.text}) — the renderer has no require.`);
  }
  renderer.summary = `${rendererFiles} script file(s), only relative imports`;

  // ── icons ──────────────────────────────────────────────────────────────────────────────────
  const icons = add('icons', 'icons (npm run icons)');
  const buildDir = config?.directories?.buildResources ?? 'build';
  const png = path.join(root, buildDir, 'icon.png');
  const size = fs.existsSync(png) ? pngSize(png) : undefined;
  if (!size) icons.problem(`${buildDir}/icon.png is missing or not a PNG (run npm run icons).`);
  else if (size.width < 512 || size.width !== size.height) icons.problem(`${buildDir}/icon.png is ${size.width}×${size.height}; it must be square and at least 512 (1024 is generated).`);
  const icoFile = path.join(root, buildDir, 'icon.ico');
  const ico = fs.existsSync(icoFile) ? icoImages(fs.readFileSync(icoFile)) : undefined;
  if (!ico) icons.problem(`${buildDir}/icon.ico is missing or not a valid icon file (run npm run icons).`);
  else if (!ico.some((i) => i.size === 256)) icons.problem(`${buildDir}/icon.ico has no 256×256 image (Windows installers need one).`);
  for (const [where, icon] of [
    ['icon', config?.icon],
    ['win.icon', config?.win?.icon],
    ['linux.icon', config?.linux?.icon],
    ['nsis.installerIcon', config?.nsis?.installerIcon],
  ] as const) {
    if (typeof icon !== 'string') continue;
    const candidates = [path.join(root, icon), path.join(root, buildDir, icon)];
    if (!candidates.some((c) => fs.existsSync(c))) icons.problem(`${where} is ${icon}, which does not exist.`);
  }
  const linuxIcons = config?.linux?.icon;
  if (typeof linuxIcons === 'string' && fs.existsSync(path.join(root, linuxIcons)) && fs.statSync(path.join(root, linuxIcons)).isDirectory()) {
    const set = fs.readdirSync(path.join(root, linuxIcons)).filter((f) => /^\d+x\d+\.png$/.test(f));
    if (!set.includes('256x256.png')) icons.problem(`${linuxIcons} has no 256x256.png.`);
  }
  if (ico && size) icons.summary = `icon.png ${size.width}×${size.height}; icon.ico ${ico.map((i) => i.size).join('/')}`;

  const order: CheckId[] = ['configuration', 'main', 'files', 'imports', 'dependencies', 'renderer', 'icons'];
  checks.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { ok: checks.every((c) => c.ok), root, configFile, builderVersion: builder.version, checks: checks.map((c) => c.toJSON()) };
}

/** Node's lookup in the packaged layout: `<dest>/node_modules/<name>`, then each enclosing package's, then the top. */
function lookupInLayout(layout: Map<string, Shipped>, destination: string, name: string): Shipped | undefined {
  let current = destination;
  for (;;) {
    const found = layout.get(current ? `${current}/node_modules/${name}` : `node_modules/${name}`);
    if (found) return found;
    if (!current) return undefined;
    const cut = current.lastIndexOf('/node_modules/');
    current = cut >= 0 ? current.slice(0, cut) : '';
    if (current === 'node_modules') current = '';
  }
}

export function formatReport(report: PackagingReport): string {
  const lines = [`Packaging check — ${report.configFile}, electron-builder ${report.builderVersion}`];
  for (const check of report.checks) {
    lines.push(`  ${check.ok ? '✔' : '✖'} ${check.title}${check.ok && check.summary ? `: ${check.summary}` : ''}`);
    for (const p of check.problems) lines.push(`      ✖ ${p}`);
    for (const n of check.notes) lines.push(`      · ${n}`);
  }
  const problems = report.checks.reduce((n, c) => n + c.problems.length, 0);
  lines.push(report.ok ? 'Packaging check passed.' : `Packaging check failed: ${problems} problem(s).`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  checkPackaging({ root: flag('--root'), configFile: flag('--config') })
    .then((report) => {
      console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
      process.exit(report.ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(`Packaging check could not run: ${message(error)}`);
      process.exit(2);
    });
}
