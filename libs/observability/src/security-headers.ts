import type { NextFunction, Request, Response } from 'express';

/** Every answer is JSON or Prometheus text: nothing may load, run or frame anything. */
const apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The Swagger UI at /docs loads its scripts and styles from the same origin, fetches /docs-json and
 * draws inline styles and data: images; nothing from another origin, no inline script.
 */
const docsPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const fixed: ReadonlyArray<[string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
];

/** The Content-Security-Policy for a request path: the UI's policy under /docs, the API's elsewhere. */
export function contentSecurityPolicy(path: string): string {
  return path === '/docs' || path.startsWith('/docs/') ? docsPolicy : apiPolicy;
}

/**
 * Express middleware setting the security headers on every answer, errors included. A handful of
 * fixed headers needs no dependency (helmet's defaults would also need a /docs exception).
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of fixed) res.setHeader(name, value);
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.path));
  res.removeHeader('X-Powered-By');
  next();
}
