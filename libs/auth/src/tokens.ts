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

/**
 * Verifies signature, issuer, expiry and claims; anything wrong is UNAUTHORIZED. During a key rotation
 * `secrets` holds the current secret and the previous one: a token signed with either passes.
 */
export function verifyToken(secrets: string | readonly string[], token: string): Principal {
  const payload = verifiedPayload(typeof secrets === 'string' ? [secrets] : secrets, token);

  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new DomainError(ErrorCodes.Unauthorized, 'token lacks subject or roles');
  return claims.data;
}

function verifiedPayload(secrets: readonly string[], token: string): unknown {
  let failure: unknown;
  for (const secret of secrets) {
    try {
      return jwt.verify(token, secret, { algorithms: ['HS256'], issuer: TOKEN_ISSUER });
    } catch (error) {
      // A bad signature may be the other secret's; any other failure (expiry, issuer) is the same with both.
      failure ??= error;
      if (!(error instanceof jwt.JsonWebTokenError) || error.message !== 'invalid signature') failure = error;
    }
  }
  throw new DomainError(ErrorCodes.Unauthorized, `invalid token: ${(failure as Error).message}`);
}
