import fs from 'node:fs';
import path from 'node:path';
import { isBuiltin, isRelativeOrAbsolute, isUrl, moduleReferences, packageNameOf, subpathOf, type ModuleReference } from '../imports';
import { findPackageDir, readPackageJson, resolveEntry } from '../packages';
import { CODE, productionDependencies, type Project } from '../project';
import { Check } from '../report';
import type { ShippedApp } from '../shipped';

/** What a sandboxed preload may require (Electron's preload polyfills). */
const SANDBOXED_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

interface Scope {
  project: Project;
  app: ShippedApp;
  prodDeps: Record<string, string>;
  devDeps: Record<string, string>;
  /** Package name → the last place importing it; the summary lists the names. */
  importedPackages: Map<string, string>;
}

/**
 * Every module the main and preload bundles load at run time is a builtin, electron or a
 * production dependency that electron-builder ships (entry file included).
 */
export async function checkImports(project: Project, app: ShippedApp): Promise<Check> {
  const check = new Check('imports', 'run-time imports of the main and preload bundles');
  const scope: Scope = {
    project,
    app,
    prodDeps: productionDependencies(project.pkg),
    devDeps: project.pkg?.devDependencies ?? {},
    importedPackages: new Map(),
  };
  let bundleFiles = 0;
  for (const bundle of ['out/main', 'out/preload'] as const) {
    for (const file of project.outFiles.get(bundle) ?? []) {
      if (!CODE.test(file)) continue;
      bundleFiles++;
      const abs = path.join(project.root, file);
      const { references, dynamic } = moduleReferences(fs.readFileSync(abs, 'utf8'), file);
      for (const d of dynamic) check.note(`${file}:${d.line}: ${d.kind}(${d.text}) is computed at run time and cannot be checked.`);
      for (const ref of references) {
        const where = `${file}:${ref.line}`;
        const spec = ref.specifier;
        if (bundle === 'out/preload' && !SANDBOXED_PRELOAD_MODULES.has(spec) && !isRelativeOrAbsolute(spec)) {
          check.problem(`${where}: the sandboxed preload requires "${spec}"; it may load only electron, events, timers and url.`);
          continue;
        }
        for (const problem of await referenceProblems(scope, abs, where, ref)) check.problem(problem);
      }
    }
  }
  check.summary = `${bundleFiles} bundle file(s); packages loaded at run time: ${[...scope.importedPackages.keys()].sort().join(', ') || 'none'}`;
  return check;
}

async function referenceProblems(scope: Scope, abs: string, where: string, ref: ModuleReference): Promise<string[]> {
  const spec = ref.specifier;
  if (isBuiltin(spec) || spec === 'electron' || spec.startsWith('electron/')) return [];
  if (isUrl(spec)) return [`${where}: imports the URL "${spec}".`];
  if (isRelativeOrAbsolute(spec)) {
    const { root } = scope.project;
    const target = path.resolve(path.dirname(abs), spec);
    const inBuild = target.startsWith(path.join(root, 'out') + path.sep) && fs.existsSync(target);
    return inBuild ? [] : [`${where}: "${spec}" is not a file of the build.`];
  }
  return packageProblems(scope, where, ref);
}

/** A bare import: a production dependency, installed, whose entry file resolves and is shipped. */
async function packageProblems(scope: Scope, where: string, ref: ModuleReference): Promise<string[]> {
  const { project, app } = scope;
  const spec = ref.specifier;
  const name = packageNameOf(spec)!;
  if (!(name in scope.prodDeps)) {
    return [
      name in scope.devDeps
        ? `${where}: imports "${spec}", but ${name} is a devDependency: move it to dependencies (or let the bundler inline it).`
        : `${where}: imports "${spec}", but ${name} is not in package.json dependencies.`,
    ];
  }
  scope.importedPackages.set(name, where);
  const dir = findPackageDir(name, project.root, project.root);
  if (!dir) return [`${where}: imports "${spec}", but ${name} is not installed in node_modules.`];
  const conditions = ref.kind === 'require' ? ['node', 'require'] : ['node', 'import'];
  const entry = resolveEntry(dir, readPackageJson(dir), subpathOf(spec), conditions);
  if (!entry) return [`${where}: "${spec}" does not resolve to a file of ${name} (exports/main).`];
  if (!app.shipped) return [];
  const module = app.layout.get(`node_modules/${name}`);
  if (!module) return [`${where}: imports "${spec}", but electron-builder would not ship node_modules/${name}.`];
  return (await app.entryProblems(module, subpathOf(spec), conditions)).map((problem) => `${where}: ${problem}`);
}
