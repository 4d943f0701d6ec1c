import path from 'node:path';
import { checkTree } from './importRules';

const violations = checkTree(path.resolve(import.meta.dirname, '..'));
for (const v of violations) console.error(`${v.file}:${v.line}  ${v.specifier}  — ${v.reason}`);
if (violations.length > 0) {
  console.error(`import direction check: ${violations.length} violation(s)`);
  process.exit(1);
}
console.log('import direction check: ok');
