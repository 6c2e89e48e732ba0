import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { sendBytes } from './send-bytes';

/** A rendered answer with what conditional GET needs. */
export interface Representation {
  body: Buffer;
  type: string;
  etag: string;
  lastModified: Date;
}

export function represent(text: string, type: string, lastModified: Date): Representation {
  const body = Buffer.from(text);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, type, etag, lastModified };
}

/** True when the client's copy is current: If-None-Match wins; If-Modified-Since counts only without it (RFC 9110). */
export function notModified(req: Request, rep: Representation): boolean {
  const inm = req.header('if-none-match');
  if (inm !== undefined)
    return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === rep.etag || t.trim() === '*');
  const ims = Date.parse(req.header('if-modified-since') ?? '');
  return !Number.isNaN(ims) && Math.floor(rep.lastModified.getTime() / 1000) * 1000 <= ims;
}

/** Sends a representation, or 304 when the client already holds it. */
export function sendConditional(req: Request, res: Response, rep: Representation, cacheControl: string): void {
  res.setHeader('ETag', rep.etag);
  res.setHeader('Last-Modified', rep.lastModified.toUTCString());
  res.setHeader('Cache-Control', cacheControl);
  if (notModified(req, rep)) {
    res.status(304).end();
    return;
  }
  sendBytes(res, 200, rep.type, rep.body);
}
