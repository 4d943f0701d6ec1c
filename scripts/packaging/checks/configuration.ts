import fs from 'node:fs';
import path from 'node:path';
import type { Builder, BuilderConfig } from '../builder';
import type { PackageJson } from '../packages';
import { message, readJson } from '../project';
import { Check } from '../report';

/**
 * electron-builder's own validation of the configuration file and of package.json, and
 * electronVersion against the installed electron. Returns the configuration when it loaded
 * (even if invalid) for the other checks.
 */
export async function checkConfiguration(
  root: string,
  configFile: string,
  builder: Builder,
  pkg: PackageJson | undefined,
): Promise<{ check: Check; config: BuilderConfig | undefined }> {
  const check = new Check('configuration', 'electron-builder configuration');
  let config: BuilderConfig | undefined;
  if (!pkg) check.problem('package.json is missing or not valid JSON.');
  if (!fs.existsSync(path.join(root, configFile))) check.problem(`${configFile} does not exist.`);
  else {
    try {
      const loaded = await builder.quietly(() => builder.loadConfig(root, configFile));
      config = loaded.value;
      await builder.validate(config);
    } catch (error) {
      check.problem(`electron-builder ${builder.version} refuses ${configFile}: ${message(error)}`);
    }
  }
  if (pkg) {
    try {
      const { log } = await builder.quietly(async () => builder.checkMetadata(structuredClone(pkg), path.join(root, 'package.json')));
      for (const line of log) check.note(`electron-builder: ${line.replace(/^[•⨯]\s*/, '')}`);
    } catch (error) {
      check.problem(`electron-builder refuses package.json: ${message(error)}`);
    }
  }
  if (config) {
    checkElectronVersion(check, root, config, pkg);
    const app = `${config.appId ?? '?'} "${config.productName ?? pkg?.name}" ${pkg?.version ?? ''}`;
    check.summary = `valid for electron-builder ${builder.version}; app ${app}, Electron ${config.electronVersion ?? '?'}`;
  }
  return { check, config };
}

function checkElectronVersion(check: Check, root: string, config: BuilderConfig, pkg: PackageJson | undefined): void {
  const electron = readJson<{ version?: string }>(path.join(root, 'node_modules/electron/package.json'));
  if (!config.electronVersion) check.problem('electronVersion is not set (electron-builder would have to guess it).');
  else if (!electron?.version) check.problem('node_modules/electron is not installed: cannot compare electronVersion.');
  else if (electron.version !== config.electronVersion) {
    check.problem(`electronVersion ${config.electronVersion} differs from the installed electron ${electron.version}.`);
  }
  if (pkg?.dependencies && 'electron' in pkg.dependencies) check.problem('electron is in dependencies; it belongs in devDependencies.');
}
