import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { useBodyParsers } from './body-parsing';
import { withErrorComponent } from './openapi';
import { answerClientErrors } from './client-errors';
import { BaseConfig, ConfigError, loadConfig } from './config';
import { stopGracefullyOnSignals } from './graceful-stop';
import { createLogger, JsonLogger } from './logger';
import { securityHeaders } from './security-headers';
import { refuseBadUrlEncoding } from './url-encoding';

export interface ServiceOptions {
  name: string;
  description: string;
  module: Type<unknown> | DynamicModule;
  config: BaseConfig & { PORT: number };
  /** Largest accepted request body, e.g. '1mb'. */
  bodyLimit?: string;
  /** Routes (exact path) whose JSON body has a limit of its own, e.g. a bulk import: `{ '/v1/x/batch': '10mb' }`. */
  routeBodyLimits?: Record<string, string>;
  /** Attaches the Kafka consumer, when the service has one (a @nestjs/microservices strategy). */
  consumer?: (app: INestApplication) => void;
}

/** Starts a service: JSON logs, body limits, error-shaped answers to requests Node's parser refuses, OpenAPI at /docs, graceful stop on SIGTERM, Kafka consumer, HTTP. */
export async function bootstrapService(options: ServiceOptions): Promise<INestApplication> {
  const logger = new JsonLogger(createLogger(options.name, options.config.LOG_LEVEL));
  const app = await NestFactory.create<NestExpressApplication>(options.module, { logger, bodyParser: false });
  answerClientErrors(app.getHttpServer());
  app.use(securityHeaders);
  app.use(refuseBadUrlEncoding);
  useBodyParsers(app, options.bodyLimit ?? '1mb', options.routeBodyLimits);
  app.disable('x-powered-by');
  stopGracefullyOnSignals(app, options.config);
  const doc = new DocumentBuilder()
    .setTitle(`Broadsheet ${options.name}`)
    .setDescription(options.description)
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .build();
  SwaggerModule.setup('docs', app, () => withErrorComponent(SwaggerModule.createDocument(app, doc)), {
    jsonDocumentUrl: 'docs-json',
  });
  if (options.consumer) {
    options.consumer(app);
    await app.startAllMicroservices();
  }
  await app.listen(options.config.PORT, options.config.HOST);
  logger.log(`${options.name} listening on http://${options.config.HOST}:${options.config.PORT}`, 'Bootstrap');
  return app;
}

/** Runs a service's main, turning a configuration error into a readable message and exit code 78. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

export interface ServiceDefinition<C extends BaseConfig & { PORT: number }> {
  name: string;
  description: string;
  configSchema: z.ZodType<C, unknown>;
  module: (config: C) => DynamicModule;
  bodyLimit?: string;
  routeBodyLimits?: Record<string, string>;
  consumer?: (app: INestApplication) => void;
}

/** A service's whole main: validate the environment, then bootstrap. */
export function runService<C extends BaseConfig & { PORT: number }>(def: ServiceDefinition<C>): void {
  runMain(async () => {
    const config = loadConfig(def.configSchema);
    await bootstrapService({ ...def, config, module: def.module(config) });
  });
}
