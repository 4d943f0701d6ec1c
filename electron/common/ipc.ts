// Names shared by the Electron main process and the preload.
export const IPC_INVOKE_CHANNEL = 'cassetto:invoke';
export const IPC_EVENT_CHANNEL = 'cassetto:event';
/** `window.cassetto`: the only thing the preload exposes. */
export const BRIDGE_KEY = 'cassetto';
