import fs from 'node:fs';
import path from 'node:path';
import type { Project } from '../project';
import { Check } from '../report';

/** package.json "main" names a file of the build. */
export function checkMainEntry({ root, pkg }: Project): Check {
  const check = new Check('main', 'package.json "main"');
  const mainEntry = pkg?.main;
  if (!mainEntry) check.problem('package.json has no "main".');
  else if (!fs.existsSync(path.join(root, mainEntry))) check.problem(`"main" is ${mainEntry}, which does not exist: run \`electron-vite build\` first.`);
  else check.summary = mainEntry;
  return check;
}
