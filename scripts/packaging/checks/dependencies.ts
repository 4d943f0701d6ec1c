import fs from 'node:fs';
import path from 'node:path';
import type { BuilderConfig } from '../builder';
import { findPackageDir, productionClosure, readPackageJson, type ProductionClosure } from '../packages';
import { PLATFORMS, productionDependencies, readJson, relativeTo, type Platform, type Project } from '../project';
import { Check } from '../report';
import type { Shipped, ShippedApp } from '../shipped';

/**
 * Production dependencies installed with their own dependencies, none dev-only, all shipped by
 * electron-builder resolving to the installed versions, native addons unpacked from the asar.
 */
export async function checkDependencies(project: Project, app: ShippedApp): Promise<Check> {
  const check = new Check('dependencies', 'production dependencies');
  if (app.loadProblem) check.problem(app.loadProblem);
  const { root, pkg, config } = project;
  if (!pkg) return check;
  const prodDeps = productionDependencies(pkg);
  const closure = productionClosure(root, Object.keys(prodDeps));
  for (const problem of closureProblems(root, closure)) check.problem(problem);
  if (!app.shipped) return check;
  for (const problem of await layoutProblems(root, app, app.shipped, closure)) check.problem(problem);
  if (config) {
    const native = await nativeAddonProblems(project, config, app);
    for (const problem of native.problems) check.problem(problem);
    if (native.files.length > 0) check.note(`native addons (rebuilt for Electron by npmRebuild, unpacked from the asar): ${native.files.join(', ')}`);
    const sharp = await sharpProblems(project, config, app);
    for (const problem of sharp.problems) check.problem(problem);
    for (const note of sharp.notes) check.note(note);
  }
  check.summary =
    `${Object.keys(prodDeps).length} dependencies → ${closure.packages.length} installed packages; ` +
    `electron-builder ships ${app.layout.size} module folders, each dependency resolving to the installed version`;
  return check;
}

/** Dependencies missing from node_modules, or installed only as dev dependencies. */
function closureProblems(root: string, closure: ProductionClosure): string[] {
  const problems: string[] = [];
  for (const m of closure.missing) {
    problems.push(
      m.neededBy === 'package.json'
        ? `${m.name} is in package.json dependencies but not installed in node_modules (run npm ci).`
        : `${m.name}, a ${m.kind} of ${m.neededBy}, is not installed where Node would find it (from ${relativeTo(root, m.from)}).`,
    );
  }
  const lock = readJson<{ packages?: Record<string, { dev?: boolean }> }>(path.join(root, 'package-lock.json'));
  for (const p of closure.packages) {
    if (lock?.packages?.[p.relDir]?.dev === true) {
      problems.push(`${p.name} (${p.relDir}) is needed by ${p.neededBy} but package-lock.json marks it dev-only: \`npm ci --omit=dev\` would not install it.`);
    }
  }
  return problems;
}

/** Installed packages the builder would not ship, or that would resolve differently in the packaged layout. */
async function layoutProblems(root: string, app: ShippedApp, shipped: Shipped[], closure: ProductionClosure): Promise<string[]> {
  const problems: string[] = [];
  const shippedIds = new Set(shipped.map((m) => `${m.name}@${m.version}`));
  for (const p of closure.packages) {
    if (!shippedIds.has(`${p.name}@${p.version}`)) {
      problems.push(`electron-builder would not ship ${p.name}@${p.version} (${p.relDir}), needed by ${p.neededBy}.`);
    }
  }
  // In the packaged layout, each module's dependencies must resolve (Node's lookup up the
  // node_modules chain) to the same version as in the installed tree.
  for (const module of app.layout.values()) {
    const own = readPackageJson(module.dir);
    const required = [
      ...Object.keys(own.dependencies ?? {}),
      ...Object.keys(own.peerDependencies ?? {}).filter((d) => own.peerDependenciesMeta?.[d]?.optional !== true),
    ];
    for (const dep of required) {
      const installedDir = findPackageDir(dep, module.dir, root);
      if (!installedDir) continue; // reported by closureProblems as missing
      const want = readPackageJson(installedDir).version;
      const found = app.lookup(module.destination, dep);
      if (!found) problems.push(`in the packaged app, ${module.destination} would not find its dependency ${dep}.`);
      else if (found.version !== want) {
        problems.push(`in the packaged app, ${module.destination} would load ${dep}@${found.version} (${found.destination}) instead of ${want}.`);
      }
    }
    problems.push(...(await app.entryProblems(module, '.', ['node', 'require'])));
  }
  return problems;
}

/**
 * sharp's prebuilt parts (#14), per target (Windows x64, Linux x64): the addon package and, on
 * Linux, the libvips package it loads by a path on disk (on Windows the DLLs sit beside the addon).
 * Optional dependencies: npm installs only the build machine's own, so the other target's are noted.
 */
export const SHARP_TARGETS: Record<Platform, readonly string[]> = {
  linux: ['@img/sharp-linux-x64', '@img/sharp-libvips-linux-x64'],
  win: ['@img/sharp-win32-x64'],
};

const HOST_PLATFORM: Platform | null = process.platform === 'win32' ? 'win' : process.platform === 'linux' ? 'linux' : null;

/** Every file of sharp's packages for each target shipped and unpacked from the asar, or named. */
async function sharpProblems(project: Project, config: BuilderConfig, app: ShippedApp): Promise<{ problems: string[]; notes: string[] }> {
  const problems: string[] = [];
  const notes: string[] = [];
  if (![...app.layout.values()].some((m) => m.name === 'sharp')) return { problems, notes };
  for (const platform of PLATFORMS) {
    const unpacked = project.builder.asarUnpackFilter(project.root, config, platform);
    const shipped: string[] = [];
    for (const name of SHARP_TARGETS[platform]) {
      const module = [...app.layout.values()].find((m) => m.name === name);
      if (!module) {
        const why = `${platform}: sharp's ${name} is not installed here, so the ${platform} x64 app would decode no image`;
        if (platform === HOST_PLATFORM) problems.push(`${why} (run npm ci).`);
        else notes.push(`${why}: build the ${platform} package where npm installs it (npm ci on ${platform} x64, as the desktop workflow does).`);
        continue;
      }
      // The files the OS loader opens: the addon, libvips and, on Windows, the DLLs beside them.
      const files = [...(await app.moduleFiles(module, platform))].filter((f) => /\.(node|so(\.\d+)*|dll)$/.test(f));
      if (files.length === 0) problems.push(`${platform}: ${module.destination} ships no native library (.node, .so, .dll).`);
      for (const file of files) {
        const appPath = `${module.destination}/${file}`;
        if (!unpacked(appPath)) problems.push(`${platform}: ${appPath} is inside the asar: sharp loads it from disk (add it to asarUnpack).`);
      }
      shipped.push(`${module.destination} (${files.join(', ')})`);
    }
    if (shipped.length > 0) notes.push(`${platform}: sharp's native parts unpacked from the asar: ${shipped.join(', ')}`);
  }
  return { problems, notes };
}

/** The only native SQLite module the app may ship. */
const ENCRYPTING_SQLITE = 'better-sqlite3-multiple-ciphers';

/** Native addons: each .node file unpacked from the asar, present for every package with a binding.gyp, one SQLite (the encrypting one). */
async function nativeAddonProblems(project: Project, config: BuilderConfig, app: ShippedApp): Promise<{ problems: string[]; files: string[] }> {
  const problems: string[] = [];
  const files: string[] = [];
  for (const platform of PLATFORMS) {
    const unpacked = project.builder.asarUnpackFilter(project.root, config, platform);
    for (const module of app.layout.values()) {
      for (const file of await app.moduleFiles(module, platform)) {
        if (!file.endsWith('.node')) continue;
        const appPath = `${module.destination}/${file}`;
        if (platform === 'linux') files.push(appPath);
        if (!unpacked(appPath)) problems.push(`${platform}: native addon ${appPath} is not matched by asarUnpack.`);
      }
    }
  }
  // One SQLite in the app, the encrypting one (#12): the database is SQLCipher-encrypted through
  // better-sqlite3-multiple-ciphers; a plain SQLite addon beside it would be a second native build
  // to rebuild and ship, and a way to open the database without the cipher.
  const sqliteAddons = [...app.layout.values()].filter((m) => /sqlite/i.test(m.name) && fs.existsSync(path.join(m.dir, 'binding.gyp')));
  for (const module of sqliteAddons) {
    if (module.name !== ENCRYPTING_SQLITE) {
      problems.push(`${module.destination} is a native SQLite module besides ${ENCRYPTING_SQLITE}: the app must ship one SQLite, the encrypting one.`);
    }
  }
  // A package with a binding.gyp is a native addon: its compiled .node file must be in the app.
  for (const module of app.layout.values()) {
    if (!fs.existsSync(path.join(module.dir, 'binding.gyp'))) continue;
    for (const platform of PLATFORMS) {
      if (![...(await app.moduleFiles(module, platform))].some((f) => f.endsWith('.node'))) {
        problems.push(`${platform}: ${module.destination} is a native addon but no .node file of it is in the app.`);
      }
    }
  }
  return { problems, files };
}
