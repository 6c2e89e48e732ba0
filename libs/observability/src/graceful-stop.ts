import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { HealthRegistry } from './health';
import { closeAfterAnswer, closeHttp, runPhase, ShutdownConfig, ShutdownSteps, sleep } from './shutdown';

/**
 * SIGTERM (and SIGINT) stop the service in this order, within SHUTDOWN_GRACE_MS: readiness turns false
 * and stays so for SHUTDOWN_DRAIN_MS while load balancers take the pod out; then the HTTP server stops
 * accepting and finishes its requests while the consumers stop fetching and commit what they handled;
 * then the outbox relays send what is left; then connections close. Past the grace the process exits
 * anyway (code 1): what was not sent stays in the outbox and what was not committed is redelivered.
 */
export function stopGracefullyOnSignals(app: INestApplication, config: ShutdownConfig): void {
  const health = app.get(HealthRegistry);
  app.use(closeAfterAnswer(() => health.isStopping));
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    stopping ??= stop(app, config, signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function stop(app: INestApplication, config: ShutdownConfig, signal: NodeJS.Signals): Promise<void> {
  const logger = new Logger('Shutdown');
  const started = Date.now();
  const deadline = started + config.SHUTDOWN_GRACE_MS;
  const overrun = setTimeout(() => {
    logger.error(`stop took longer than SHUTDOWN_GRACE_MS (${config.SHUTDOWN_GRACE_MS} ms): exiting now`);
    process.exit(1);
  }, config.SHUTDOWN_GRACE_MS);
  logger.log(`${signal}: readiness off, draining for ${config.SHUTDOWN_DRAIN_MS} ms`);
  app.get(HealthRegistry).stop();
  await sleep(Math.min(config.SHUTDOWN_DRAIN_MS, deadline - Date.now()));
  const steps = app.get(ShutdownSteps);
  // Work still arriving is refused from here; the connections close once the work taken is finished.
  await Promise.all([closeHttp(app.getHttpServer() as Server, deadline), runPhase(steps.intake, deadline, logger)]);
  logger.log('intake stopped: flushing');
  await runPhase(steps.flush, deadline, logger);
  await app.close();
  clearTimeout(overrun);
  logger.log(`stopped in ${Date.now() - started} ms`);
  process.exit(0);
}
