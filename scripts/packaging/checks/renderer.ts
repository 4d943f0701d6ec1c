import fs from 'node:fs';
import path from 'node:path';
import { isBuiltin, isRelativeOrAbsolute, isUrl, moduleReferences } from '../imports';
import { CODE, type Project } from '../project';
import { Check } from '../report';

/** No Node, Electron or bare import and no require() in out/renderer: it runs in a browser page. */
export function checkRenderer({ root, outFiles }: Project): Check {
  const check = new Check('renderer', 'renderer bundle has no Node or Electron import');
  let rendererFiles = 0;
  for (const file of outFiles.get('out/renderer') ?? []) {
    if (!CODE.test(file)) continue;
    rendererFiles++;
    const { references, dynamic } = moduleReferences(fs.readFileSync(path.join(root, file), 'utf8'), file);
    for (const ref of references) {
      const where = `${file}:${ref.line}`;
      const spec = ref.specifier;
      if (ref.kind === 'require') check.problem(`${where}: require("${spec}") — the renderer has no require.`);
      else if (isBuiltin(spec)) check.problem(`${where}: imports the Node built-in "${spec}".`);
      else if (spec === 'electron' || spec.startsWith('electron/')) {
        check.problem(`${where}: imports "${spec}" — the renderer talks to the main process only through the preload.`);
      } else if (!isRelativeOrAbsolute(spec) && !isUrl(spec)) check.problem(`${where}: imports the bare module "${spec}", which a browser cannot resolve.`);
    }
    for (const d of dynamic) if (d.kind === 'require') check.problem(`${file}:${d.line}: require(${d.text}) — the renderer has no require.`);
  }
  check.summary = `${rendererFiles} script file(s), only relative imports`;
  return check;
}
