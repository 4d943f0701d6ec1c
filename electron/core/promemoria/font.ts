import fs from 'node:fs';
import { createRequire } from 'node:module';

// The promemoria embeds Open Sans (SIL Open Font License 1.1), a TrueType font with the whole of
// Latin-1 and Latin Extended: «Proprietà», «martedì», «è» print as written, whatever fonts the
// client's PC has. The files come from the production dependency @expo-google-fonts/open-sans,
// read at run time from node_modules: under plain Node (host, CLI, tests) as in the packaged app,
// where electron-builder ships the package inside app.asar (Electron's fs reads from it).
// The literal require.resolve() calls let `npm run check:packaging` prove the files are shipped.

export type Peso = 'normale' | 'grassetto';

/**
 * The files' paths. `require` is a parameter, not a module-level name: the main bundle already
 * declares a top-level `require` (electron-vite's ESM shim), and a second one would not load.
 */
function fontFiles(require: NodeJS.Require): Record<Peso, () => string> {
  return {
    normale: () => require.resolve('@expo-google-fonts/open-sans/400Regular/OpenSans_400Regular.ttf'),
    grassetto: () => require.resolve('@expo-google-fonts/open-sans/700Bold/OpenSans_700Bold.ttf'),
  };
}

const FILE = fontFiles(createRequire(import.meta.url));

const cache = new Map<Peso, Uint8Array>();

/** The font's bytes, read once per process. */
export function fontPromemoria(peso: Peso): Uint8Array {
  let bytes = cache.get(peso);
  if (!bytes) {
    bytes = new Uint8Array(fs.readFileSync(FILE[peso]()));
    cache.set(peso, bytes);
  }
  return bytes;
}
