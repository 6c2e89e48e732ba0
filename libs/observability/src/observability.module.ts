import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CorrelationMiddleware } from './correlation';
import { ApiExceptionFilter } from './errors.filter';
import { HealthController, HealthRegistry } from './health';
import { HttpMetricsMiddleware, Metrics, MetricsController } from './metrics';
import { APP_CONFIG } from './config';
import { MethodNotAllowedMiddleware } from './method-not-allowed';
import { ShutdownSteps } from './shutdown';

/** Health, metrics, correlation ids, the error filter and the validated config, for one service. */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(config: object): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController, MetricsController],
      providers: [
        HealthRegistry,
        Metrics,
        ShutdownSteps,
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
      exports: [HealthRegistry, Metrics, ShutdownSteps, APP_CONFIG],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware, HttpMetricsMiddleware, MethodNotAllowedMiddleware).forRoutes('*');
  }
}
