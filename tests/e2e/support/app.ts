import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startHostProcess, type HostProcess } from './host';

export interface AppSession {
  host: HostProcess;
  browser: Browser;
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  stop(): Promise<void>;
}

/** The app as an operator meets it: the host (with its embedded sandbox) and an Italian Chromium page on it. */
export async function openApp(hostArgs: string[] = [], viewport = { width: 1366, height: 900 }, options: { demo?: boolean } = {}): Promise<AppSession> {
  const host = await startHostProcess(hostArgs, options);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport, locale: 'it-IT', timezoneId: 'Europe/Rome', acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(host.pageUrl);
  return {
    host,
    browser,
    page,
    errors,
    stop: async () => {
      await browser.close();
      await host.stop();
    },
  };
}
