import { z } from 'zod';

/** JWT_SECRET in a service's config schema: the HS256 secret editor and admin tokens are signed with. */
export const jwtSecretSchema = z.string().min(16, 'must be at least 16 characters');

/**
 * The secret tokens were signed with before the current one, accepted alongside it while a rotation
 * overlaps (at least the longest token lifetime); unset once the rotation is over.
 */
export const jwtPreviousSecretSchema = jwtSecretSchema.optional();

/** JWT_SECRET and JWT_SECRET_PREVIOUS, to spread into a service's config schema. */
export const jwtSecretsShape = { JWT_SECRET: jwtSecretSchema, JWT_SECRET_PREVIOUS: jwtPreviousSecretSchema };
