// `npm run check:packaging` (after `electron-vite build`): fails when `npm run package` would build an
// app that breaks, without building it (these machines cannot download Electron). Checks:
//   configuration  electron-builder's own validation of build/electron-builder.yml and package.json
//   fuses          electronFuses sets every fuse the app needs (scripts/packaging/checks/fuses.ts) to its value
//   main entry     package.json "main" exists in the build
//   files          the builder's `files` take all of out/main, out/preload, out/renderer and package.json, nothing else
//   imports        every module the main and preload bundles load at run time is a builtin, electron or
//                  a production dependency that electron-builder ships (entry file included)
//   dependencies   production dependencies installed with their own dependencies, none dev-only,
//                  all shipped, native addons unpacked from the asar
//   renderer       no Node, Electron or bare import, no require(), in out/renderer
//   icons          build/icon.png 1024×1024, build/icon.ico with a 256 image, build/icons set
// Each check is a function of its own in scripts/packaging/checks/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilder } from './packaging/builder';
import { checkConfiguration } from './packaging/checks/configuration';
import { checkDependencies } from './packaging/checks/dependencies';
import { checkFiles } from './packaging/checks/files';
import { checkFuses } from './packaging/checks/fuses';
import { checkIcons } from './packaging/checks/icons';
import { checkImports } from './packaging/checks/imports';
import { checkMainEntry } from './packaging/checks/main';
import { checkRenderer } from './packaging/checks/renderer';
import type { PackageJson } from './packaging/packages';
import { listBundles, message, readJson, type Project } from './packaging/project';
import type { PackagingReport } from './packaging/report';
import { ShippedApp } from './packaging/shipped';

export type { CheckId, CheckResult, PackagingReport } from './packaging/report';

export interface PackagingCheckOptions {
  /** The project folder (package.json, out/, node_modules/, build/). Default: this repository. */
  root?: string;
  /** The electron-builder configuration, relative to root. Default: build/electron-builder.yml. */
  configFile?: string;
  /** Where electron-builder itself is installed. Default: this repository. */
  toolsRoot?: string;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs every check; never throws for a problem of the project (that goes in the report). */
export async function checkPackaging(options: PackagingCheckOptions = {}): Promise<PackagingReport> {
  const root = fs.realpathSync(path.resolve(options.root ?? REPO));
  const configFile = options.configFile ?? 'build/electron-builder.yml';
  const builder = loadBuilder(options.toolsRoot ?? REPO);
  const pkg = readJson<PackageJson>(path.join(root, 'package.json'));
  const configuration = await checkConfiguration(root, configFile, builder, pkg);
  const project: Project = { root, builder, pkg, config: configuration.config, outFiles: listBundles(root) };
  const main = checkMainEntry(project);
  const files = checkFiles(project);
  // The imports and dependencies checks share the builder's view of the shipped node_modules.
  const app = await ShippedApp.load(project);
  const imports = await checkImports(project, app);
  const dependencies = await checkDependencies(project, app);
  const checks = [configuration.check, checkFuses(project), main, files, imports, dependencies, checkRenderer(project), checkIcons(project)];
  return { ok: checks.every((c) => c.ok), root, configFile, builderVersion: builder.version, checks: checks.map((c) => c.toJSON()) };
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
