import { Controller, Get, HttpStatus, Injectable, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiErrors, replyJsonSchema } from './openapi';
import type { Response } from 'express';

export type HealthCheck = () => Promise<void>;

/** Dependencies register a readiness check here; `/health/ready` runs them all. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private stopping = false;

  /** From SIGTERM on, readiness reads false whatever the checks say, so traffic drains away first. */
  stop(): void {
    this.stopping = true;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async run(timeoutMs = 2_000): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const entries = [...this.checks.entries()];
    const results = await Promise.all(entries.map(([, check]) => settle(check, timeoutMs)));
    const checks = Object.fromEntries(entries.map(([name], i) => [name, results[i] ?? 'unknown']));
    if (this.stopping) return { ready: false, checks: { ...checks, shutdown: 'stopping' } };
    return { ready: results.every((r) => r === 'ok'), checks };
  }
}

async function settle(check: HealthCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([check().then(() => 'ok'), timeout]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

const liveSchema = replyJsonSchema(z.object({ status: z.literal('ok').describe('Always ok.') }));
const readySchema = replyJsonSchema(
  z.object({
    status: z.enum(['ok', 'unavailable']).describe('ok when every check passed.'),
    checks: z.record(z.string(), z.string()).describe('Each dependency: `ok`, or what failed or stalls.'),
  }),
);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ description: 'Always `{ status: "ok" }` while the process serves.', schema: liveSchema })
  @ApiErrors()
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Every dependency answers: Kafka, Mongo, Meilisearch as the service uses them. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every dependency (Kafka, Mongo, Meilisearch as used) answers' })
  @ApiOkResponse({ description: '`{ status: "ok", checks }`, one entry per dependency.', schema: readySchema })
  @ApiResponse({
    status: 503,
    description: '`{ status: "unavailable", checks }` naming what failed or stalls (not the error shape).',
    schema: readySchema,
  })
  @ApiErrors()
  async ready(@Res() res: Response): Promise<void> {
    const { ready, checks } = await this.registry.run();
    res
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ready ? 'ok' : 'unavailable', checks });
  }
}
