/**
 * Hosts the UI may open in the user's browser: Microsoft's and Pulumi's portals and docs.
 * Data, not logic, so both the Electron shell and the browser-served dashboard read one list.
 */
export const externalLinkHosts = [
  'portal.azure.com',
  'entra.microsoft.com',
  'learn.microsoft.com',
  'graph.microsoft.com',
  'developer.microsoft.com',
  'app.pulumi.com',
  'www.pulumi.com',
  'pulumi.com',
] as const;

/** True when `raw` is an https URL to one of the allowed hosts, with no embedded credentials. */
export function isAllowedExternalLink(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return (externalLinkHosts as readonly string[]).includes(url.hostname.toLowerCase());
}
