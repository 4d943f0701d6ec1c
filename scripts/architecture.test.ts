import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ARCHITECTURE.md quotes real code as its worked example; each excerpt names its file with
// a first line `// file: <path>`. The excerpt must still stand in that file (white space aside),
// so the page cannot drift from the code it teaches.

const ROOT = path.resolve(import.meta.dirname, '..');
const DOC = path.join(ROOT, 'docs/ARCHITECTURE.md');

interface Excerpt {
  file: string;
  code: string;
}

function excerptsOf(markdown: string): Excerpt[] {
  const found: Excerpt[] = [];
  for (const match of markdown.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const lines = match[1]!.split('\n').map((l) => l.trim());
    const header = /^\/\/ file: (\S+)$/.exec(lines[0] ?? '');
    if (header) found.push({ file: header[1]!, code: lines.slice(1).join('\n') });
  }
  return found;
}

const squash = (text: string) => text.replace(/\s+/g, '');

describe('docs/ARCHITECTURE.md', () => {
  const excerpts = excerptsOf(fs.readFileSync(DOC, 'utf8'));

  it('quotes the worked example from the code: table, handler, store and screen', () => {
    expect(excerpts.map((e) => e.file)).toEqual([
      'electron/common/commands/table.ts',
      'electron/core/handlers/revisione.ts',
      'electron/core/store/cambiamenti.ts',
      'renderer/src/stores/revisione.ts',
    ]);
  });

  it.each(excerptsOf(fs.readFileSync(DOC, 'utf8')).map((e) => [e.file, e] as const))('its excerpt of %s matches the file', (_file, excerpt) => {
    const source = fs.readFileSync(path.join(ROOT, excerpt.file), 'utf8');
    expect(squash(source)).toContain(squash(excerpt.code));
  });

  it('notices an excerpt that no longer matches', () => {
    const source = fs.readFileSync(path.join(ROOT, 'electron/core/handlers/revisione.ts'), 'utf8');
    expect(squash(source)).not.toContain(squash('const visti = ctx.store.transaction(() => ctx.store.cambiamenti.segnaVisti(ids));'));
  });
});
