/**
 * The dashboard's content security policy, wherever it is served: Electron's response headers, the
 * HTTP server's headers, and the meta tag the renderer build writes into index.html. It needs nothing
 * from anywhere else: same-origin scripts, styles, data and API.
 */
const directives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const contentSecurityPolicy = directives.join('; ');

/** The same policy for a meta tag, which cannot carry frame-ancestors (browsers ignore it there). */
export const metaContentSecurityPolicy = directives
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/**
 * An exported HTML report's policy: nothing may load or run; only its own style block, named by the
 * SHA-256 (base64) of its text, applies.
 */
export const reportContentSecurityPolicy = (styleSha256Base64: string) =>
  `default-src 'none'; style-src 'sha256-${styleSha256Base64}'; img-src data:`;
