import type { Session } from 'electron';
import { isAppOrigin, type SenderPolicy } from './senderPolicy';

// Web permissions: none, except writing plain text to the clipboard (the promemoria e-mail's
// «Copia») for the app's own top-level page. Camera, microphone, notifications prompts,
// geolocation, USB/HID/serial, screen capture… are refused without a prompt.
const ALLOWED: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** `url`: the requesting frame's URL, or its origin when Electron gives no URL (some checks). */
export function isPermissionAllowed(permission: string, url: string | undefined, isMainFrame: boolean, policy: SenderPolicy): boolean {
  return ALLOWED.has(permission) && isMainFrame && isAppOrigin(url, policy);
}

export function lockPermissions(session: Session, policy: SenderPolicy): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, policy));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame, policy);
  });
  session.setDevicePermissionHandler(() => false);
}
