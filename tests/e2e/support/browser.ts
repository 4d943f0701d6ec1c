import { chromium, type Browser } from 'playwright-core';

// Flags that work on the build machines (no GPU, closed network); no --user-data-dir with launch().
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Operators' PCs are Italian: date inputs and number formats as they see them.
  '--lang=it-IT',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}
