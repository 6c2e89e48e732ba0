import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { ApiErrors, replyJsonSchema } from '@broadsheet/observability';
import { z } from 'zod';
import { ServiceStatus, ServiceStatusReader } from './service-status';

const statusReplySchema = replyJsonSchema(
  z.object({
    service: z.string(),
    at: z.string().describe('When the state was read.'),
    consumer: z
      .object({
        group: z.string(),
        partitions: z.array(
          z.object({
            topic: z.string(),
            partition: z.number().int(),
            committed: z.string().nullable().describe('Next offset the group reads; null before its first commit.'),
            end: z.string().describe("The partition's end offset."),
            lag: z.number().int().describe('Messages not yet handled.'),
          }),
        ),
      })
      .nullable()
      .describe('Consumer group position per partition; null when the service consumes nothing.'),
    contentLog: z
      .array(z.object({ partition: z.number().int(), lastApplied: z.string().nullable() }))
      .nullable()
      .describe('Offset of the last content-log message applied, per partition; null when not a reader.'),
    outbox: z
      .array(
        z.object({
          collection: z.string(),
          pendingDocuments: z.number().int(),
          pendingEntries: z.number().int(),
          oldestPendingAt: z.string().nullable(),
          oldestPendingAgeSeconds: z.number().nullable(),
        }),
      )
      .describe('Outbox backlog per collection; empty when the service publishes nothing.'),
    deadLetters: z.array(z.object({ topic: z.string(), count: z.number().int() })),
    figures: z.record(z.string(), z.union([z.number(), z.string()])).describe('Service-specific counts.'),
  }),
);

/** The operator's view of one service (admin-role JWT); `npm run admin -- status` gathers all four. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/status')
@UseGuards(JwtGuard)
@RequireRoles('admin')
export class StatusController {
  constructor(@Inject(ServiceStatusReader) private readonly status: ServiceStatusReader) {}

  @Get()
  @ApiOperation({ summary: 'Consumer lag, outbox backlog, dead letters and service figures, read now' })
  @ApiOkResponse({ description: "This service's state.", schema: statusReplySchema })
  @ApiErrors(401, 403)
  read(): Promise<ServiceStatus> {
    return this.status.read();
  }
}
