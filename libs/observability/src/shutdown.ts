import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { z } from 'zod';

/** Settings of a graceful stop, part of every service's config (see baseConfigSchema). */
export const shutdownConfigSchema = z.object({
  /** Longest a stop may take after SIGTERM; keep it below Kubernetes' terminationGracePeriodSeconds (30 s). */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
  /** How long readiness reads false before intake stops, so load balancers take the pod out first. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
});
export type ShutdownConfig = z.infer<typeof shutdownConfigSchema>;

/** One step of a stop; it should be done by `deadline` (epoch ms). */
export type StopStep = (deadline: number) => Promise<void>;

/**
 * The stop order, filled in by the parts that take or send work: `intake` steps (Kafka consumers) run
 * with the HTTP server's close, then `flush` steps (outbox relays) send what intake left behind. Only
 * then do the connections close (Nest's shutdown hooks).
 */
@Injectable()
export class ShutdownSteps {
  readonly intake = new Map<string, StopStep>();
  readonly flush = new Map<string, StopStep>();

  onIntake(name: string, step: StopStep): void {
    this.intake.set(name, step);
  }

  onFlush(name: string, step: StopStep): void {
    this.flush.set(name, step);
  }
}

/** Runs each step of a phase at once; a failing step is logged, the others go on. */
export async function runPhase(steps: Map<string, StopStep>, deadline: number, logger: Logger): Promise<void> {
  await Promise.all(
    [...steps].map(async ([name, step]) => {
      try {
        await step(deadline);
      } catch (error) {
        logger.warn(`stop step ${name} failed: ${String(error)}`);
      }
    }),
  );
}

/**
 * Stops accepting connections, lets requests in flight finish (keep-alive connections close after
 * their answer, see `closeAfterAnswer`), and cuts what is still open at the deadline.
 */
export async function closeHttp(server: Server, deadline: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
  try {
    await Promise.race([closed, late]);
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
    server.closeAllConnections();
  }
}

/** Express middleware: once stopping, answers carry `Connection: close` so clients do not reuse the socket. */
export function closeAfterAnswer(stopping: () => boolean) {
  return (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void): void => {
    if (stopping()) res.setHeader('Connection', 'close');
    next();
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
