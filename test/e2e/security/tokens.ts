import { Role, TOKEN_ISSUER } from '@broadsheet/auth';
import jwt from 'jsonwebtoken';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens a hostile client could present, each wrong in one way; every one must be a 401. */
export function forgedTokens(secret: string, roles: Role[]): Record<string, string> {
  const claims = { sub: 'mallory', roles };
  const now = Math.floor(Date.now() / 1000);
  const signed = (payload: object, options: jwt.SignOptions = {}, key = secret): string =>
    jwt.sign(payload, key, { algorithm: 'HS256', issuer: TOKEN_ISSUER, ...options });
  return {
    expired: signed({ ...claims, iat: now - 7200, exp: now - 3600 }),
    'not valid yet': signed({ ...claims, nbf: now + 3600 }, { expiresIn: 7200 }),
    'wrong issuer': signed(claims, { issuer: 'someone-else', expiresIn: 600 }),
    'no issuer': jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: 600 }),
    'wrong signature': signed(claims, { expiresIn: 600 }, 'not-the-platform-secret-at-all'),
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: TOKEN_ISSUER, exp: now + 600 })}.`,
    'another algorithm (HS512, right secret)': signed(claims, { algorithm: 'HS512', expiresIn: 600 }),
    'no roles': signed({ sub: 'mallory' }, { expiresIn: 600 }),
    'an unknown role': signed({ sub: 'mallory', roles: ['superuser'] }, { expiresIn: 600 }),
    'not a JWT': 'not-a-token',
  };
}
