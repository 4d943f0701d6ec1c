import type { BuilderConfig } from './builder';
import { readPackageJson, resolveEntry } from './packages';
import { PLATFORMS, message, type Platform, type Project } from './project';

// The node_modules of the packaged app as electron-builder's collector lays them out, shared by the
// imports and dependencies checks (listing a module's files through the builder is slow: cached).

export interface Shipped {
  name: string;
  version: string;
  dir: string;
  destination: string;
}

export class ShippedApp {
  /** The packaged app's node_modules layout: destination (e.g. node_modules/a/node_modules/b) → module. */
  readonly layout = new Map<string, Shipped>();
  private readonly filesCache = new Map<string, Set<string>>();

  private constructor(
    private readonly root: string,
    private readonly config: BuilderConfig | undefined,
    private readonly builder: Project['builder'],
    /** Undefined when there is no package.json or the collector failed (see loadProblem). */
    readonly shipped: Shipped[] | undefined,
    /** Why the collector failed, for the dependencies check. */
    readonly loadProblem?: string,
  ) {
    for (const m of shipped ?? []) this.layout.set(m.destination, m);
  }

  static async load(project: Project): Promise<ShippedApp> {
    const { root, config, builder, pkg } = project;
    if (!pkg) return new ShippedApp(root, config, builder, undefined);
    try {
      return new ShippedApp(root, config, builder, await builder.shippedModules(root, pkg.name ?? 'app'));
    } catch (error) {
      const problem = `electron-builder cannot list the production node_modules (npm list --omit dev): ${message(error).split('\n')[0]}`;
      return new ShippedApp(root, config, builder, undefined, problem);
    }
  }

  /** The files of a module the builder copies into the app for a platform (none without a configuration). */
  async moduleFiles(module: Shipped, platform: Platform): Promise<Set<string>> {
    const key = `${platform}:${module.destination}`;
    let files = this.filesCache.get(key);
    if (!files) {
      files = new Set(this.config ? await this.builder.moduleFiles(this.root, this.config, platform, module) : []);
      this.filesCache.set(key, files);
    }
    return files;
  }

  /** Problems with a shipped module's entry file: left out by the patterns or electron-builder's exclusions. */
  async entryProblems(module: Shipped, subpath: string, conditions: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    const entry = resolveEntry(module.dir, readPackageJson(module.dir), subpath, conditions);
    if (!entry || !this.config) return out;
    for (const platform of PLATFORMS) {
      if (!(await this.moduleFiles(module, platform)).has(entry)) {
        out.push(`${platform}: ${module.destination}/${entry} is left out of the app by the files patterns or electron-builder's node_modules exclusions`);
      }
    }
    return out;
  }

  /** Node's lookup in the packaged layout: `<dest>/node_modules/<name>`, then each enclosing package's, then the top. */
  lookup(destination: string, name: string): Shipped | undefined {
    let current = destination;
    for (;;) {
      const found = this.layout.get(current ? `${current}/node_modules/${name}` : `node_modules/${name}`);
      if (found) return found;
      if (!current) return undefined;
      const cut = current.lastIndexOf('/node_modules/');
      current = cut >= 0 ? current.slice(0, cut) : '';
      if (current === 'node_modules') current = '';
    }
  }
}
