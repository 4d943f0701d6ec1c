// Which renderer frames may call the command table over IPC (after VS Code's validatedIpcMain):
// only the app's own top-level page — its exact file URL in production, the dev server's
// origin in development. Parsed with URL, never compared as raw prefixes.

export interface SenderPolicy {
  /** file:// URL of the built renderer's index.html. */
  indexFileUrl: string;
  /** electron-vite's dev server origin, when running in development. */
  devServerUrl?: string;
}

export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean, policy: SenderPolicy): boolean {
  if (!isMainFrame || !frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (policy.devServerUrl) {
    const dev = new URL(policy.devServerUrl);
    if (url.origin === dev.origin) return true;
  }
  const index = new URL(policy.indexFileUrl);
  return url.protocol === 'file:' && url.host === '' && decodeURIComponent(url.pathname) === decodeURIComponent(index.pathname);
}
