import { describe, expect, it } from 'vitest';

import { isAllowedExternalLink } from '../../shared/external-links';
import { insecureUrlReason, isLoopbackHost } from '../../shared/net';

describe('address rules', () => {
  it('knows loopback names', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '[::1]', '::1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['128.0.0.1', '127.0.0.1.nip.io', '10.0.0.1', '0.0.0.0', 'example.com', '127.0.0.256'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('allows credentials over https anywhere and over http only to loopback', () => {
    expect(insecureUrlReason('https://graph.microsoft.com')).toBeNull();
    expect(insecureUrlReason('http://127.0.0.1:3000')).toBeNull();
    expect(insecureUrlReason('http://api.pulumi.com')).toMatch(/plain HTTP/);
    expect(insecureUrlReason('ftp://x')).toMatch(/scheme/);
    expect(insecureUrlReason('https://user:pw@graph.microsoft.com')).toMatch(/credentials/);
    expect(insecureUrlReason('not a url')).toMatch(/not a valid URL/);
  });

  it('opens external links only to allowlisted https hosts', () => {
    expect(isAllowedExternalLink('https://portal.azure.com/#view/x')).toBe(true);
    expect(isAllowedExternalLink('https://www.pulumi.com/docs/')).toBe(true);
    expect(isAllowedExternalLink('http://portal.azure.com/')).toBe(false);
    expect(isAllowedExternalLink('https://portal.azure.com.evil.test/')).toBe(false);
    expect(isAllowedExternalLink('https://evil@portal.azure.com/')).toBe(false);
    expect(isAllowedExternalLink('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalLink('file:///etc/passwd')).toBe(false);
  });
});
