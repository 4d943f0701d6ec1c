import type { Browser, Page } from 'playwright-core';
import { useFixture } from '../../../electron/common/testing/fixture';
import { launchChromium } from './browser';
import { startHostProcess, type HostOptions, type HostProcess } from './host';

export interface AppSession {
  host: HostProcess;
  browser: Browser;
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** The app as an operator meets it: the host (with its embedded sandbox) and an Italian Chromium page on it. */
export async function openApp(hostArgs: string[] = [], viewport = { width: 1366, height: 900 }, options: HostOptions = {}): Promise<AppSession> {
  const host = await startHostProcess(hostArgs, options);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport, locale: 'it-IT', timezoneId: 'Europe/Rome', acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(host.pageUrl);
  // The router settles its first navigation (it asks the core where to start: Da fare, the first
  // run or the restore page) before a test moves on; until then the address is a bare '#/'.
  await page.waitForFunction(() => location.hash.startsWith('#/') && location.hash.length > 2);
  return {
    host,
    browser,
    page,
    errors,
    stop: async (stopOptions?: { keepData?: boolean }) => {
      await browser.close();
      await host.stop(stopOptions);
    },
  };
}

/** The app of a test file as `useApp` opens it: the session without `stop` (useApp stops it). */
export type OpenApp = Omit<AppSession, 'stop'>;

/**
 * Registers, in the file or `describe` it is called in, `openApp(hostArgs, viewport, options)`
 * before the tests and its stop after them. The object returned reads the open session.
 */
export function useApp(hostArgs: string[] = [], viewport?: { width: number; height: number }, options: HostOptions = {}): OpenApp {
  return useFixture({ what: 'useApp: the app', scope: 'suite', open: () => openApp(hostArgs, viewport, options), close: (session) => session.stop() }, [
    'host',
    'browser',
    'page',
    'errors',
  ]);
}
