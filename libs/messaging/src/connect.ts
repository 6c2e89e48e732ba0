import {
  applyDecorators,
  ArgumentsHost,
  Catch,
  Controller,
  INestApplication,
  RpcExceptionFilter,
  UseFilters,
} from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { KafkaEventServer } from './consumer';

/**
 * Nest's default RPC filter replaces any error with `{ status: 'error' }`; the consumer needs the
 * original to tell a retryable failure from a permanent one and to record it in the dead letter.
 */
@Catch()
export class KafkaErrorPassthrough implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Marks a class whose @EventPattern methods consume Kafka topics through KafkaEventServer. */
export const KafkaConsumer = (): ClassDecorator => applyDecorators(Controller(), UseFilters(KafkaErrorPassthrough));

/** Attaches the service's Kafka consumer (its @EventPattern handlers) to a Nest application. */
export function connectKafkaConsumer(app: INestApplication): void {
  app.connectMicroservice({ strategy: app.get(KafkaEventServer) });
}
