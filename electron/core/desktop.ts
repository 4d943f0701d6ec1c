// What only the Electron shell can do for the core: native dialogs and the system viewer.
// The browser host and the CLI pass none, and the commands that need it say so in Italian.

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface DesktopShell {
  /** The native "Apri" dialog; the chosen absolute paths, [] when cancelled. */
  chooseFiles(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[]>;
  /** Opens a file with the operating system's default application. */
  openPath(file: string): Promise<void>;
}
