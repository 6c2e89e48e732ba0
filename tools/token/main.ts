import { jwtSecretSchema, signToken } from '@broadsheet/auth';
import { parseTokenArgs, usage, UsageError } from './args';

/** `npm run token`: prints a token for the desk, signed with the local JWT_SECRET. */
function main(argv: string[], env: NodeJS.ProcessEnv): string {
  const args = parseTokenArgs(argv);
  const secret = jwtSecretSchema.safeParse(env.JWT_SECRET);
  if (!secret.success) throw new UsageError('set JWT_SECRET (at least 16 characters) to the secret the services use');
  return signToken(secret.data, { sub: args.sub, roles: args.roles }, args.ttlSeconds);
}

try {
  process.stdout.write(`${main(process.argv.slice(2), process.env)}\n`);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n${usage}\n`);
  process.exitCode = 2;
}
