import { Controller, Get, Header, Injectable, NestMiddleware } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from './openapi';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, with default Node metrics and the platform's own. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly messagesConsumed = new Counter({
    name: 'kafka_messages_consumed_total',
    help: 'Kafka messages handled, by topic and outcome (ok, retried, dead_lettered, tombstone: a compaction marker on the content log, skipped)',
    labelNames: ['topic', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly stalledPartitions = new Gauge({
    name: 'kafka_consumer_stalled_partitions',
    help: 'Consumed partitions waiting for a dependency to come back (1 while stalled), by group, topic and partition',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [this.registry],
  });
  readonly outboxPublished = new Counter({
    name: 'outbox_events_published_total',
    help: 'Outbox entries published to Kafka, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });
  readonly outboxRefused = new Counter({
    name: 'outbox_events_refused_total',
    help: 'Outbox entries Kafka refused for good (e.g. MESSAGE_TOO_LARGE), moved to outboxRejected for an operator, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of this process (text exposition format)' })
  @ApiResponse({
    status: 200,
    description: 'Prometheus text format 0.0.4.',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiErrors()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

/** Times every HTTP request by its route pattern (not its URL, to keep label cardinality bounded). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ route, status: String(res.statusCode) });
    });
    next();
  }
}
