import type { BuilderConfig } from '../builder';
import { BUNDLES, PLATFORMS, message, type Platform, type Project } from '../project';
import { Check } from '../report';

/** The builder's `files` take all of out/main, out/preload, out/renderer and package.json, nothing else. */
export function checkFiles(project: Project): Check {
  const check = new Check('files', 'files in the app (builder `files`)');
  for (const bundle of BUNDLES) {
    if ((project.outFiles.get(bundle) ?? []).length === 0) check.problem(`${bundle} is empty or missing: run \`electron-vite build\` first.`);
  }
  const needed = [...[...project.outFiles.values()].flat().filter((f) => !f.endsWith('.map')), 'package.json'];
  const { config } = project;
  if (!config) {
    check.problem('skipped: the configuration did not load.');
    return check;
  }
  const counts: string[] = [];
  for (const platform of PLATFORMS) {
    const included = platformFiles(check, project, config, platform);
    if (!included) continue;
    for (const problem of filesProblems(included, needed, project.pkg?.main)) check.problem(`${platform}: ${problem}`);
    counts.push(`${platform} ${included.size}`);
  }
  check.summary = `${needed.length} files needed (out/main, out/preload, out/renderer, package.json), all in the app (${counts.join(', ')})`;
  return check;
}

function platformFiles(check: Check, { root, builder }: Project, config: BuilderConfig, platform: Platform): Set<string> | undefined {
  try {
    return new Set(builder.appFiles(root, config, platform));
  } catch (error) {
    check.problem(`${platform}: electron-builder cannot apply the files patterns: ${message(error)}`);
    return undefined;
  }
}

/** What one platform's app lacks or has too many of. */
function filesProblems(included: Set<string>, needed: string[], mainEntry: string | undefined): string[] {
  const problems: string[] = [];
  const left = needed.filter((f) => !included.has(f));
  if (left.length > 0) problems.push(`the files patterns leave out ${left.length} file(s) the app needs: ${firstFew(left)}`);
  if (mainEntry && !included.has(mainEntry.replace(/^\.\//, ''))) problems.push(`the "main" entry ${mainEntry} is not in the app.`);
  const extra = [...included].filter((f) => f !== 'package.json' && !BUNDLES.some((b) => f.startsWith(`${b}/`)));
  if (extra.length > 0) problems.push(`the files patterns also ship ${extra.length} file(s) outside out/: ${firstFew(extra)}`);
  return problems;
}

function firstFew(files: string[]): string {
  return `${files.slice(0, 8).join(', ')}${files.length > 8 ? ', …' : ''}`;
}
