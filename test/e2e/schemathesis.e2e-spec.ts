import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  editorToken,
  PlatformSecrets,
  serviceNames,
  ServiceProcess,
  startPlatform,
  testContext,
} from '@broadsheet/testing';

/** Examples per operation: small in CI, more when SCHEMATHESIS_EXAMPLES asks (e.g. 200 locally). */
const examples = Number(process.env.SCHEMATHESIS_EXAMPLES ?? 15);
const script = path.resolve(__dirname, '../../tools/bin/schemathesis.sh');
const config = path.resolve(__dirname, 'schemathesis.toml');

/** Runs the pinned schemathesis (installed into the cache on first use); its whole report comes back. */
function schemathesis(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Its example database and reports go to a scratch directory, never into the checkout.
    const cwd = mkdtempSync(path.join(tmpdir(), 'schemathesis-'));
    const child = spawn(script, args, { cwd, env: { ...process.env, NO_COLOR: '1', COLUMNS: '160' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

/**
 * Its report, with the "==== 1 warning in 51.90s ====" rule lines recast: they have pytest's shape, and a CI
 * log reader that knows pytest took such a line for a run that executed no test.
 */
function withoutRunnerClosingLines(output: string): string {
  return output.replace(/^=+ (.*?)(?: in [\d.]+s)? =+$/gm, 'schemathesis: $1');
}

/** schemathesis against each running service's own OpenAPI document, every check, with valid credentials. */
describe('schemathesis against every service', () => {
  let svc: Record<string, ServiceProcess>;
  let secrets: PlatformSecrets;

  beforeAll(async () => {
    // Install (or find) the tool before the services start, so its first download is not on their clock.
    expect((await schemathesis(['--version'])).code).toBe(0);
    const ctx = testContext('schemathesis');
    ({ secrets, svc } = await startPlatform(ctx, serviceNames));
  }, 600_000);

  afterAll(async () => {
    await Promise.all(Object.values(svc ?? {}).map((s) => s.stop()));
  });

  it.each(serviceNames)(
    '%s: no check fails',
    async (name) => {
      const { code, output } = await schemathesis([
        '--config-file',
        config,
        'run',
        `${svc[name]!.url}/docs-json`,
        '--checks',
        'all',
        '--max-examples',
        String(examples),
        // One worker: hypothesis' source inspection is not thread-safe here (a spurious "AST recursion depth" error).
        '--workers',
        '1',
        '--request-timeout',
        '10',
        '--header',
        `Authorization: Bearer ${editorToken(secrets, ['editor', 'admin'])}`,
        '--header',
        `X-Api-Key: ${secrets.sourceApiKey}`,
      ]);
      process.stdout.write(`--- schemathesis ${name}\n${withoutRunnerClosingLines(output)}\n`);
      expect({ code, failures: output.match(/^.*(FAILED|ERROR|Failed|Error).*$/gm) ?? [] }).toMatchObject({ code: 0 });
    },
    900_000,
  );
});
