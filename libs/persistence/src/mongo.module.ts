import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@broadsheet/observability';
import mongoose, { Connection } from 'mongoose';

/** Injection token of the service's mongoose connection. */
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');

export interface MongoOptions {
  url: string;
  /** The service's own database: services never share one. */
  dbName: string;
}

/** Opens one connection per service, reports it to `/health/ready`, and closes it on shutdown. */
@Injectable()
class MongoLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('mongo', async () => {
      const db = this.connection.db;
      if (!db) throw new Error('mongo not connected');
      await db.command({ ping: 1 });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({})
export class MongoModule {
  static forRoot(options: MongoOptions): DynamicModule {
    return {
      module: MongoModule,
      providers: [
        {
          provide: MONGO_CONNECTION,
          useFactory: (): Promise<Connection> => openConnection(options),
        },
        MongoLifecycle,
      ],
      exports: [MONGO_CONNECTION],
    };
  }
}

export async function openConnection(options: MongoOptions): Promise<Connection> {
  // autoIndex stays on: each schema lists the indexes its queries need, and they are created at start.
  return mongoose
    .createConnection(options.url, {
      dbName: options.dbName,
      serverSelectionTimeoutMS: 10_000,
      // An absent optional field stays absent instead of becoming null.
      ignoreUndefined: true,
    })
    .asPromise();
}
