// Which renderer frames may call the command table over IPC (after VS Code's validatedIpcMain):
// only the app's own top-level page — cassetto://app/index.html in production, the dev server's
// origin in development. Parsed with URL, never compared as raw prefixes; file:// is never trusted.

export interface SenderPolicy {
  /** The custom scheme's origin the built renderer is served from (cassetto://app). */
  appOrigin: string;
  /** electron-vite's dev server origin, when running in development. */
  devServerUrl?: string;
}

/** What Electron tells about the frame that sent a message (WebFrameMain). */
export interface SenderFrame {
  url: string | undefined;
  /** The frame's security origin, when Electron gives it: must agree with its URL. */
  origin?: string | undefined;
  isMainFrame: boolean;
}

/** scheme://host[:port] of a URL, also for custom schemes (where Node's URL.origin is 'null'). */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/** Whether `url` (a page URL or a bare origin) belongs to the app's origin, or to the dev server's when there is one. */
export function isAppOrigin(url: string | undefined, policy: SenderPolicy): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  const origin = originOf(parsed);
  return origin === originOf(new URL(policy.appOrigin)) || (policy.devServerUrl !== undefined && origin === originOf(new URL(policy.devServerUrl)));
}

export function isTrustedSender(frame: SenderFrame, policy: SenderPolicy): boolean {
  if (!frame.isMainFrame || !frame.url) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const origin = originOf(url);
  if (frame.origin !== undefined && frame.origin.toLowerCase() !== origin) return false;
  if (policy.devServerUrl && origin === originOf(new URL(policy.devServerUrl))) return true;
  return origin === originOf(new URL(policy.appOrigin)) && url.pathname === '/index.html';
}
