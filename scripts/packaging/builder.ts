import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// electron-builder's own code, used without building: its configuration loader and validator
// (JSON schema scheme.json + extra rules), its package.json metadata check, its `files` /
// `asarUnpack` matchers and node_modules copier, and its production-dependency collector
// (`npm list --omit dev`). These are internal modules of app-builder-lib (pinned with
// electron-builder in package-lock.json); `loadBuilder` fails with a clear message if they move.

/** The electron-builder configuration as loaded (YAML → object); only the fields read here are typed. */
export interface BuilderConfig {
  appId?: string;
  productName?: string;
  electronVersion?: string;
  directories?: { output?: string; buildResources?: string; app?: string };
  files?: unknown;
  asar?: unknown;
  asarUnpack?: string | string[];
  icon?: string;
  win?: PlatformConfig;
  linux?: PlatformConfig;
  mac?: PlatformConfig;
  nsis?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface PlatformConfig {
  icon?: string;
  files?: unknown;
  asarUnpack?: string | string[];
  target?: unknown;
  [key: string]: unknown;
}

/** A stat-like object the way electron-builder's filters read it. */
export interface FilterStat {
  isDirectory(): boolean;
  isSymbolicLink?(): boolean;
  moduleFullFilePath?: string;
}

export type FileFilter = (file: string, stat: FilterStat) => boolean;

interface FileMatcher {
  patterns: string[];
  from: string;
  macroExpander: (s: string) => string;
  isEmpty(): boolean;
  createFilter(): FileFilter;
}

interface NodeModuleInfo {
  name: string;
  version: string;
  dir: string;
  dependencies?: NodeModuleInfo[];
}

interface Internals {
  version: string;
  config: {
    getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
  };
  packageMetadata: { checkMetadata(metadata: object, devMetadata: object, appPackageFile: string, devAppPackageFile: string): void };
  fileMatcher: {
    excludedExts: string;
    FileMatcher: new (from: string, to: string, macroExpander: (s: string) => string, patterns?: unknown) => FileMatcher;
    getMainFileMatchers(
      appDir: string,
      destination: string,
      macroExpander: (s: string) => string,
      platformSpecificBuildOptions: object,
      platformPackager: object,
      outDir: string,
      isElectronCompile: boolean,
    ): FileMatcher[];
    getNodeModuleFileMatcher(
      appDir: string,
      destination: string,
      macroExpander: (s: string) => string,
      platformSpecificBuildOptions: object,
      packager: object,
    ): FileMatcher;
    getFileMatchers(config: object, name: string, defaultDestination: string, options: object): FileMatcher[] | null;
  };
  copyHelper: {
    NodeModuleCopyHelper: new (
      matcher: FileMatcher,
      packager: object,
    ) => { collectNodeModules(moduleInfo: NodeModuleInfo, excludedExts: string[], destination: string): Promise<string[]> };
  };
  collector: {
    PM: { NPM: string };
    getCollectorByPackageManager(
      pm: string,
      rootDir: string,
      tmp: unknown,
    ): { getNodeModules(o: { packageName: string }): Promise<{ nodeModules: NodeModuleInfo[] }> };
  };
  builderUtil: {
    DebugLogger: new (enabled?: boolean) => unknown;
    TmpDir: new (name: string) => { cleanup(): Promise<void> };
    log: { stream: { write(text: string): unknown } };
  };
}

export interface Builder {
  version: string;
  /** Loads the configuration file the way `electron-builder --config <file>` does (including `extends`). */
  loadConfig(projectDir: string, configFile: string): Promise<BuilderConfig>;
  /** electron-builder's own validation: throws its "Invalid configuration object…" error. */
  validate(config: BuilderConfig): Promise<void>;
  /** electron-builder's package.json check (name, version, electron only in devDependencies…). */
  checkMetadata(packageJson: object, packageFile: string): void;
  /** The files of the project folder electron-builder puts in the app (relative, '/' separators). */
  appFiles(projectDir: string, config: BuilderConfig, platform: 'win' | 'linux'): string[];
  /** The packages electron-builder ships in node_modules (its `npm list --omit dev` collector), by real path. */
  shippedModules(projectDir: string, packageName: string): Promise<Array<{ name: string; version: string; dir: string; destination: string }>>;
  /** The files of one shipped module electron-builder copies (relative to the module folder). */
  moduleFiles(
    projectDir: string,
    config: BuilderConfig,
    platform: 'win' | 'linux',
    module: { name: string; version: string; dir: string; destination: string },
  ): Promise<string[]>;
  /** Whether a path of the app (relative, e.g. node_modules/better-sqlite3/build/Release/x.node) is asar-unpacked by `asarUnpack`. */
  asarUnpackFilter(projectDir: string, config: BuilderConfig, platform: 'win' | 'linux'): (relPath: string) => boolean;
  /** Runs `fn` with electron-builder's log lines captured instead of printed. */
  quietly<T>(fn: () => Promise<T>): Promise<{ value: T; log: string[] }>;
}

const identity = (s: string) => s;
const DESTINATION = path.sep === '/' ? '/app' : 'C:\\app';

/** electron-builder as installed under `toolsRoot` (the repository, whose devDependencies include it). */
export function loadBuilder(toolsRoot: string): Builder {
  const internals = loadInternals(toolsRoot);
  const { config: configLib, builderUtil } = internals;
  return {
    version: internals.version,
    loadConfig: async (projectDir, configFile) => configLib.getConfig(projectDir, path.resolve(projectDir, configFile), null),
    // validateConfiguration mutates nothing we rely on, but keep the caller's object intact.
    validate: async (config) => configLib.validateConfiguration(structuredClone(config), new builderUtil.DebugLogger(false)),
    checkMetadata: (packageJson, packageFile) => internals.packageMetadata.checkMetadata(packageJson, packageJson, packageFile, packageFile),
    appFiles: (projectDir, config, platform) => appFiles(internals, projectDir, config, platform),
    shippedModules: (projectDir, packageName) => shippedModules(internals, projectDir, packageName),
    moduleFiles: (projectDir, config, platform, module) => moduleFiles(internals, projectDir, config, platform, module),
    asarUnpackFilter: (projectDir, config, platform) => asarUnpackFilter(internals, projectDir, config, platform),
    quietly: (fn) => quietly(builderUtil.log, fn),
  };
}

function loadInternals(toolsRoot: string): Internals {
  try {
    const fromProject = createRequire(path.join(toolsRoot, 'package.json'));
    const fromBuilder = createRequire(fromProject.resolve('electron-builder/package.json'));
    const libDir = path.dirname(fromBuilder.resolve('app-builder-lib/package.json'));
    const fromLib = createRequire(path.join(libDir, 'package.json'));
    const lib = (rel: string) => fromLib(path.join(libDir, rel)) as unknown;
    const internals: Internals = {
      version: (JSON.parse(fs.readFileSync(path.join(libDir, 'package.json'), 'utf8')) as { version: string }).version,
      config: lib('out/util/config/config.js') as Internals['config'],
      packageMetadata: lib('out/util/packageMetadata.js') as Internals['packageMetadata'],
      fileMatcher: lib('out/fileMatcher.js') as Internals['fileMatcher'],
      copyHelper: lib('out/util/NodeModuleCopyHelper.js') as Internals['copyHelper'],
      collector: lib('out/node-module-collector/index.js') as Internals['collector'],
      builderUtil: fromLib('builder-util') as Internals['builderUtil'],
    };
    for (const [name, fn] of [
      ['getConfig', internals.config.getConfig],
      ['validateConfiguration', internals.config.validateConfiguration],
      ['checkMetadata', internals.packageMetadata.checkMetadata],
      ['getMainFileMatchers', internals.fileMatcher.getMainFileMatchers],
      ['getNodeModuleFileMatcher', internals.fileMatcher.getNodeModuleFileMatcher],
      ['NodeModuleCopyHelper', internals.copyHelper.NodeModuleCopyHelper],
      ['getCollectorByPackageManager', internals.collector.getCollectorByPackageManager],
    ] as const) {
      if (typeof fn !== 'function') throw new Error(`${name} not found`);
    }
    return internals;
  } catch (error) {
    throw new Error(
      `Cannot load electron-builder's internals from ${toolsRoot}/node_modules (${(error as Error).message}). ` +
        'Run `npm ci`; if electron-builder was upgraded, update scripts/packaging/builder.ts.',
      { cause: error },
    );
  }
}

/** The packager "info" object electron-builder's matchers read, with only what they use. */
function fakeInfo(internals: Internals, projectDir: string, config: BuilderConfig) {
  return {
    projectDir,
    buildResourcesDir: path.resolve(projectDir, config.directories?.buildResources ?? 'build'),
    isPrepackedAppAsar: false,
    areNodeModulesHandledExternally: false,
    config,
    debugLogger: new internals.builderUtil.DebugLogger(false),
    appInfo: { type: 'module' },
    getWorkspaceRoot: async () => projectDir,
  };
}

/** As app-builder-lib's getNodeModuleExcludedExts. */
function excludedExts(internals: Internals, config: BuilderConfig, platform: 'win' | 'linux'): string[] {
  const result = ['.o', '.obj', ...internals.fileMatcher.excludedExts.split(',').map((e) => `.${e}`)];
  if (config.includePdb !== true) result.push('.pdb');
  if (platform !== 'win') result.push('.dll', '.exe');
  return result;
}

function platformOptionsOf(config: BuilderConfig, platform: 'win' | 'linux'): PlatformConfig {
  return (config[platform] as PlatformConfig | undefined) ?? {};
}

function appFiles(internals: Internals, projectDir: string, config: BuilderConfig, platform: 'win' | 'linux'): string[] {
  const root = path.resolve(projectDir);
  const info = fakeInfo(internals, root, config);
  const outDir = path.resolve(root, config.directories?.output ?? 'dist');
  const matchers = internals.fileMatcher.getMainFileMatchers(root, DESTINATION, identity, platformOptionsOf(config, platform), { info, config }, outDir, false);
  const main = matchers[0];
  if (!main || main.from !== root) return [];
  const filter = main.createFilter();
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue;
      if (!filter(abs, { isDirectory: () => isDir })) continue;
      if (isDir) walk(abs);
      else files.push(path.relative(root, abs).split(path.sep).join('/'));
    }
  };
  walk(root);
  return files;
}

type ShippedModule = { name: string; version: string; dir: string; destination: string };

async function shippedModules(internals: Internals, projectDir: string, packageName: string): Promise<ShippedModule[]> {
  const tmp = new internals.builderUtil.TmpDir('packaging-check');
  try {
    const collector = internals.collector.getCollectorByPackageManager(internals.collector.PM.NPM, path.resolve(projectDir), tmp);
    const { nodeModules } = await collector.getNodeModules({ packageName });
    const out: ShippedModule[] = [];
    const add = (list: NodeModuleInfo[] | undefined, parent: string) => {
      for (const m of list ?? []) {
        const destination = `${parent}/${m.name}`;
        out.push({ name: m.name, version: m.version, dir: fs.realpathSync(m.dir), destination });
        add(m.dependencies, `${destination}/node_modules`);
      }
    };
    add(nodeModules, 'node_modules');
    return out;
  } finally {
    await tmp.cleanup();
  }
}

async function moduleFiles(
  internals: Internals,
  projectDir: string,
  config: BuilderConfig,
  platform: 'win' | 'linux',
  module: ShippedModule,
): Promise<string[]> {
  const { fileMatcher } = internals;
  const root = path.resolve(projectDir);
  const info = fakeInfo(internals, root, config);
  const moduleMatcher = fileMatcher.getNodeModuleFileMatcher(root, DESTINATION, identity, platformOptionsOf(config, platform), info);
  const destination = path.join(DESTINATION, module.destination);
  const matcher = new fileMatcher.FileMatcher(module.dir, destination, identity, moduleMatcher.patterns);
  const copier = new internals.copyHelper.NodeModuleCopyHelper(matcher, info);
  const files = await copier.collectNodeModules(
    { name: module.name, version: module.version, dir: module.dir },
    excludedExts(internals, config, platform),
    module.destination.split('/').join(path.sep),
  );
  return files.map((f) => path.relative(module.dir, f).split(path.sep).join('/')).sort();
}

function asarUnpackFilter(internals: Internals, projectDir: string, config: BuilderConfig, platform: 'win' | 'linux'): (relPath: string) => boolean {
  const root = path.resolve(projectDir);
  const matchers = internals.fileMatcher.getFileMatchers(config, 'asarUnpack', DESTINATION, {
    macroExpander: identity,
    customBuildOptions: platformOptionsOf(config, platform),
    globalOutDir: path.resolve(root, config.directories?.output ?? 'dist'),
    defaultSrc: root,
  });
  const filter = matchers?.[0]?.createFilter();
  if (!filter) return () => false;
  return (relPath) => filter(path.join(root, relPath), { isDirectory: () => false, moduleFullFilePath: relPath.split('/').join(path.sep) });
}

// The terminal colour codes electron-builder writes around its log lines.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

async function quietly<T>(log: Internals['builderUtil']['log'], fn: () => Promise<T>): Promise<{ value: T; log: string[] }> {
  const lines: string[] = [];
  const stream = log.stream;
  let current = '';
  log.stream = {
    write(text: string) {
      current += text;
      const parts = current.split('\n');
      current = parts.pop() ?? '';
      lines.push(...parts.map((l) => l.replace(ANSI_COLOUR, '').trim()).filter(Boolean));
      return true;
    },
  };
  try {
    const value = await fn();
    return { value, log: lines };
  } finally {
    if (current.trim()) lines.push(current.trim());
    log.stream = stream;
  }
}
