import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './senderPolicy';

const policy = { indexFileUrl: 'file:///opt/Cassetto%20Desk/resources/app.asar/out/renderer/index.html' };

describe('isTrustedSender', () => {
  it('accepts the app page in the main frame, with or without a hash route', () => {
    expect(isTrustedSender(policy.indexFileUrl, true, policy)).toBe(true);
    expect(isTrustedSender(`${policy.indexFileUrl}#/clienti`, true, policy)).toBe(true);
  });
  it('refuses subframes, other files, other schemes and look-alikes', () => {
    expect(isTrustedSender(policy.indexFileUrl, false, policy)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', true, policy)).toBe(false);
    expect(isTrustedSender('file:///opt/Cassetto%20Desk/resources/app.asar/out/renderer/index.html.evil', true, policy)).toBe(false);
    expect(isTrustedSender('https://example.com/out/renderer/index.html', true, policy)).toBe(false);
    expect(isTrustedSender('file://remote-host/opt/Cassetto%20Desk/resources/app.asar/out/renderer/index.html', true, policy)).toBe(false);
    expect(isTrustedSender(undefined, true, policy)).toBe(false);
    expect(isTrustedSender('::not a url', true, policy)).toBe(false);
  });
  it('accepts the dev server origin only when one is configured', () => {
    const dev = { ...policy, devServerUrl: 'http://localhost:5173' };
    expect(isTrustedSender('http://localhost:5173/#/', true, dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, policy)).toBe(false);
  });
});
