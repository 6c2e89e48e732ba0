import type { Response } from 'express';

/**
 * Sends bytes prepared once (cached JSON, a rendered page, a feed) as they are: `res.send` would encode
 * the string again and hash the whole body for an ETag on every request, which on the hot paths costs
 * more than everything else delivery does.
 */
export function sendBytes(res: Response, status: number, type: string, body: Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';
