import fs from 'node:fs';
import path from 'node:path';
import type { Builder, BuilderConfig } from './builder';
import { listFiles, toPosix, type PackageJson } from './packages';

// What the packaging checks read, gathered once by checkPackaging: the project folder, its
// package.json, the builder configuration and the files of the build.

export const PLATFORMS = ['win', 'linux'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const BUNDLES = ['out/main', 'out/preload', 'out/renderer'] as const;
export type Bundle = (typeof BUNDLES)[number];
/** The script files of a bundle (the rest is HTML, styles, images and source maps). */
export const CODE = /\.(js|mjs|cjs)$/;

export interface Project {
  /** The project folder, as a real path. */
  root: string;
  builder: Builder;
  /** Undefined when package.json is missing or not JSON (the configuration check says so). */
  pkg: PackageJson | undefined;
  /** Undefined when the configuration did not load (the configuration check says so). */
  config: BuilderConfig | undefined;
  /** The files of each bundle folder, as 'out/main/index.js'. */
  outFiles: Map<Bundle, string[]>;
}

export function listBundles(root: string): Map<Bundle, string[]> {
  return new Map(BUNDLES.map((bundle) => [bundle, listFiles(path.join(root, bundle)).map((f) => `${bundle}/${f}`)]));
}

/** What `npm ci --omit=dev` installs from package.json: dependencies and optionalDependencies. */
export function productionDependencies(pkg: PackageJson | undefined): Record<string, string> {
  return { ...(pkg?.optionalDependencies ?? {}), ...(pkg?.dependencies ?? {}) };
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A path of the project for messages: relative to root, '/' separators. */
export function relativeTo(root: string, abs: string): string {
  return toPosix(path.relative(root, abs));
}
