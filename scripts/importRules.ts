import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

// The layering of DESIGN §3 as data: which folders and packages each layer may import.
// Imports only point downward: main/host/cli → core → db → common; renderer/preload → common.

export interface Layer {
  name: string;
  /** Folder (relative to the repo root, '/' separators). */
  dir: string;
  /** Layers whose files this one may import (itself included implicitly). */
  mayImport: string[];
  /** npm packages (or node builtins, as 'node:') this layer must never import. */
  forbiddenPackages: string[];
  /** When set, the only packages this layer may import (an allow-list: a new dependency must be added here on purpose). */
  allowedPackages?: string[];
}

const NODE = 'node:';
const UI_PACKAGES = ['vue', 'pinia', 'vue-router', 'vue-i18n'];
const SERVER_PACKAGES = [
  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  'kysely',
  'fastify',
  '@fastify/static',
  '@fastify/swagger',
  'fastify-type-provider-zod',
];

export const LAYERS: Layer[] = [
  {
    name: 'common',
    dir: 'electron/common',
    mayImport: [],
    forbiddenPackages: [NODE, 'electron', ...SERVER_PACKAGES, ...UI_PACKAGES],
    allowedPackages: ['zod', 'date-fns', '@date-fns/tz', 'vitest'],
  },
  { name: 'db', dir: 'db', mayImport: ['common'], forbiddenPackages: ['electron', ...UI_PACKAGES] },
  { name: 'core', dir: 'electron/core', mayImport: ['db', 'common'], forbiddenPackages: ['electron', ...UI_PACKAGES] },
  // The shell, the host and the CLI may embed the sandbox (the demo/training service) in-process.
  { name: 'host', dir: 'electron/host', mayImport: ['core', 'db', 'common', 'sandbox'], forbiddenPackages: ['electron', ...UI_PACKAGES] },
  { name: 'cli', dir: 'electron/cli', mayImport: ['core', 'db', 'common', 'sandbox'], forbiddenPackages: ['electron', ...UI_PACKAGES] },
  { name: 'main', dir: 'electron/main', mayImport: ['core', 'db', 'common', 'sandbox'], forbiddenPackages: [...UI_PACKAGES] },
  {
    name: 'preload',
    dir: 'electron/preload',
    mayImport: ['common'],
    forbiddenPackages: [NODE, ...SERVER_PACKAGES, ...UI_PACKAGES],
    allowedPackages: ['electron'],
  },
  {
    name: 'renderer',
    dir: 'renderer',
    mayImport: ['common'],
    forbiddenPackages: [NODE, 'electron', ...SERVER_PACKAGES],
    allowedPackages: [
      'vue',
      'pinia',
      'vue-router',
      'vue-i18n',
      'zod',
      'date-fns',
      '@date-fns/tz',
      '@tanstack/vue-virtual',
      'pdfjs-dist',
      'utif2',
      'echarts',
      'vue-echarts',
      'vitest',
      '@vue/test-utils',
    ],
  },
  { name: 'sandbox', dir: 'sandbox', mayImport: ['common'], forbiddenPackages: ['electron', ...UI_PACKAGES] },
];

/**
 * Path aliases: `@common/x` is electron/common/x. Only the renderer's bundler (and vitest) resolves
 * them — Node code run by tsx or bundled for main has no such alias, so other layers use relative paths.
 */
export const ALIASES: Record<string, { dir: string; layers: string[] }> = {
  '@common': { dir: 'electron/common', layers: ['renderer'] },
};

/** The repo-relative path an aliased specifier stands for ('@common/model' → 'electron/common/model'), or undefined. */
export function resolveAlias(specifier: string): { target: string; alias: string } | undefined {
  for (const [alias, { dir }] of Object.entries(ALIASES)) {
    if (specifier === alias) return { target: dir, alias };
    if (specifier.startsWith(`${alias}/`)) return { target: path.posix.normalize(`${dir}${specifier.slice(alias.length)}`), alias };
  }
  return undefined;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}

const IMPORT_RE =
  /(?:^|[^\w.])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|(?:^|[^\w.])(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;

export function importsOf(source: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const match of source.matchAll(IMPORT_RE)) {
    const specifier = match[1] ?? match[2];
    if (!specifier) continue;
    const line = source.slice(0, match.index).split('\n').length;
    found.push({ specifier, line });
  }
  return found;
}

function layerOf(relPath: string): Layer | undefined {
  return LAYERS.find((l) => relPath === l.dir || relPath.startsWith(`${l.dir}/`));
}

function packageName(specifier: string): string {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')) return NODE;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Checks one file's imports; `relFile` is relative to the repo root with '/' separators. */
export function checkFile(relFile: string, source: string): Violation[] {
  const layer = layerOf(relFile);
  if (!layer) return [];
  const violations: Violation[] = [];
  for (const { specifier, line } of importsOf(source)) {
    const aliased = resolveAlias(specifier);
    const aliasLayers = aliased ? (ALIASES[aliased.alias]?.layers ?? []) : [];
    if (aliased && !aliasLayers.includes(layer.name)) {
      const reason = `${layer.name} cannot resolve ${aliased.alias} (only ${aliasLayers.join(', ')} can): use a relative path`;
      violations.push({ file: relFile, line, specifier, reason });
      continue;
    }
    if (specifier.startsWith('.') || aliased) {
      const target = aliased?.target ?? path.posix.normalize(path.posix.join(path.posix.dirname(relFile), specifier));
      const targetLayer = layerOf(target);
      if (!targetLayer || targetLayer === layer) continue; // package.json, shared config…
      if (!layer.mayImport.includes(targetLayer.name)) {
        violations.push({ file: relFile, line, specifier, reason: `${layer.name} must not import ${targetLayer.name}` });
      }
      continue;
    }
    if (specifier.startsWith('/')) continue; // vite public assets
    const pkg = packageName(specifier);
    if (layer.forbiddenPackages.includes(pkg)) {
      violations.push({ file: relFile, line, specifier, reason: `${layer.name} must not import ${pkg === NODE ? 'Node built-ins' : pkg}` });
    } else if (layer.allowedPackages && !layer.allowedPackages.includes(pkg)) {
      violations.push({ file: relFile, line, specifier, reason: `${layer.name} may only import ${layer.allowedPackages.join(', ')} (not ${pkg})` });
    }
  }
  return violations;
}

export function checkTree(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const layer of LAYERS) {
    const dir = path.join(root, layer.dir);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (!/\.(ts|vue|mts|js|mjs)$/.test(file) || file.includes('node_modules')) continue;
      const rel = `${layer.dir}/${file.split(path.sep).join('/')}`;
      violations.push(...checkFile(rel, fs.readFileSync(path.join(root, rel), 'utf8')));
    }
  }
  return violations;
}
