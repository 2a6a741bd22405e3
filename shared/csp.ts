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
