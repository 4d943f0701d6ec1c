import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './appProtocol';
import { isTrustedSender } from './senderPolicy';

const policy = { appOrigin: APP_ORIGIN };
const INDEX = 'cassetto://app/index.html';
const top = (url: string | undefined, origin?: string) => ({ url, isMainFrame: true, ...(origin === undefined ? {} : { origin }) });

describe('isTrustedSender', () => {
  it('accepts the app page of the custom scheme in the main frame, with or without a hash route', () => {
    expect(isTrustedSender(top(INDEX), policy)).toBe(true);
    expect(isTrustedSender(top(`${INDEX}#/clienti`), policy)).toBe(true);
    expect(isTrustedSender(top(`${INDEX}#/clienti`, 'cassetto://app'), policy)).toBe(true);
  });
  it('refuses the old file:// page: a file on the disk is not the app any more', () => {
    expect(isTrustedSender(top('file:///opt/Cassetto%20Desk/resources/app.asar/out/renderer/index.html'), policy)).toBe(false);
  });
  it('refuses subframes, other hosts, other pages, other schemes, credentials and look-alikes', () => {
    expect(isTrustedSender({ url: INDEX, isMainFrame: false }, policy)).toBe(false);
    expect(isTrustedSender(top('cassetto://evil/index.html'), policy)).toBe(false);
    expect(isTrustedSender(top('cassetto://app.evil/index.html'), policy)).toBe(false);
    expect(isTrustedSender(top('cassetto://app:81/index.html'), policy)).toBe(false);
    expect(isTrustedSender(top('cassetto://user:pw@app/index.html'), policy)).toBe(false);
    expect(isTrustedSender(top('cassetto://app/assets/evil.svg'), policy)).toBe(false);
    expect(isTrustedSender(top('cassetto://app/index.html.evil'), policy)).toBe(false);
    expect(isTrustedSender(top('cassettox://app/index.html'), policy)).toBe(false);
    expect(isTrustedSender(top('https://app/index.html'), policy)).toBe(false);
    expect(isTrustedSender(top(undefined), policy)).toBe(false);
    expect(isTrustedSender(top('::not a url'), policy)).toBe(false);
  });
  it('refuses a frame whose security origin disagrees with its URL (an opaque or foreign origin)', () => {
    expect(isTrustedSender(top(INDEX, 'null'), policy)).toBe(false);
    expect(isTrustedSender(top(INDEX, 'https://example.com'), policy)).toBe(false);
  });
  it('accepts the dev server origin only when one is configured', () => {
    const dev = { ...policy, devServerUrl: 'http://localhost:5173' };
    expect(isTrustedSender(top('http://localhost:5173/#/'), dev)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5174/'), dev)).toBe(false);
    expect(isTrustedSender(top('http://localhost:5173/'), policy)).toBe(false);
    expect(isTrustedSender(top(INDEX), dev)).toBe(true);
  });
});
