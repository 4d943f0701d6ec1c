// What `import … from 'electron'` gives the built main bundle under the shell harness: the fake
// Electron the test installed (fakeElectron.ts). A name the shell imports and the fake lacks is a
// link error naming it, never a silent undefined.
const fake = globalThis.__cassettoFakeElectron;
if (!fake) throw new Error('shell harness: install the fake Electron before loading the main bundle');

export const {
  app,
  BrowserWindow,
  clipboard,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  webContents,
} = fake;
export default fake;
