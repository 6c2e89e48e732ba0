import { DynamicModule, Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@broadsheet/observability';
import { Meilisearch } from 'meilisearch';
import { createMeili, INDEX_PREFIX, MEILI, registerMeiliHealth } from './meili';

export interface SearchOptions {
  url: string;
  /** The key this service uses: search-only for readers, an admin key for the indexer. */
  apiKey: string;
  indexPrefix: string;
  /** Requests over a keep-alive http agent instead of fetch (delivery's reader searches). */
  keepAlive?: boolean;
}

/** The service's Meilisearch client and index prefix, reported to `/health/ready`. */
@Global()
@Module({})
export class SearchModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(MEILI) private readonly meili: Meilisearch,
  ) {}

  static forRoot(options: SearchOptions): DynamicModule {
    return {
      module: SearchModule,
      providers: [
        { provide: MEILI, useValue: createMeili(options.url, options.apiKey, undefined, options.keepAlive) },
        { provide: INDEX_PREFIX, useValue: options.indexPrefix },
      ],
      exports: [MEILI, INDEX_PREFIX],
    };
  }

  onModuleInit(): void {
    registerMeiliHealth(this.health, this.meili);
  }
}
