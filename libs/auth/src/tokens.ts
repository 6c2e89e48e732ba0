import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

export const Roles = ['writer', 'editor', 'admin'] as const;
export type Role = (typeof Roles)[number];

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  roles: z.array(z.enum(Roles)).min(1),
});
export type Principal = z.infer<typeof claimsSchema>;

export const TOKEN_ISSUER = 'broadsheet';

/** Mints an HS256 token; used by `npm start` for the demo editor and by tests. */
export function signToken(secret: string, principal: Principal, ttlSeconds = 12 * 3600): string {
  return jwt.sign({ roles: principal.roles, name: principal.name }, secret, {
    algorithm: 'HS256',
    subject: principal.sub,
    issuer: TOKEN_ISSUER,
    expiresIn: ttlSeconds,
  });
}

/** Verifies signature, issuer, expiry and claims; anything wrong is UNAUTHORIZED. */
export function verifyToken(secret: string, token: string): Principal {
  let payload: unknown;
  try {
    payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: TOKEN_ISSUER });
  } catch (error) {
    throw new DomainError(ErrorCodes.Unauthorized, `invalid token: ${(error as Error).message}`);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new DomainError(ErrorCodes.Unauthorized, 'token lacks subject or roles');
  return claims.data;
}
