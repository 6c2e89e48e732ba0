import type { Response } from 'express';
import { HTML_TYPE, sendBytes } from '../http/send-bytes';

/**
 * The pages' Content-Security-Policy: the one same-origin stylesheet, images from the site or any https
 * host (story pictures live on agencies' servers), forms posting only here, and no script at all (the
 * JSON-LD block is data, which browsers never run).
 */
export const pagePolicy = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sends a rendered page with its policy (replacing the API's, which forbids stylesheets). */
export function sendPage(res: Response, status: number, html: string | Buffer, cacheControl: string): void {
  res.setHeader('Content-Security-Policy', pagePolicy);
  res.setHeader('Cache-Control', cacheControl);
  sendBytes(res, status, HTML_TYPE, typeof html === 'string' ? Buffer.from(html) : html);
}
