import { z } from 'zod';

/** JWT_SECRET in a service's config schema: the HS256 secret editor and admin tokens are signed with. */
export const jwtSecretSchema = z.string().min(16, 'must be at least 16 characters');
