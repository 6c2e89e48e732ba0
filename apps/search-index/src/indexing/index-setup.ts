import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { HealthRegistry } from '@broadsheet/observability';
import {
  articleIndexName,
  articleIndexSettings,
  INDEX_PREFIX,
  MEILI,
  SearchDocument,
  settingsMatch,
  settingsVersion,
} from '@broadsheet/search';
import { Index, Meilisearch } from 'meilisearch';
import { check, taskWait } from './index-writer';

/**
 * The live index and its settings as code. At start the index is created if missing and given the
 * code's settings unless it already has them (idempotent); until then `/health/ready` answers 503 and
 * live writes wait, so nothing is indexed under settings the code does not hold.
 */
@Injectable()
export class IndexSetup implements OnModuleInit {
  private readonly logger = new Logger(IndexSetup.name);
  readonly live: Index<SearchDocument>;
  private applied = false;
  private lastError = '';

  constructor(
    @Inject(MEILI) private readonly meili: Meilisearch,
    @Inject(INDEX_PREFIX) readonly prefix: string,
    private readonly health: HealthRegistry,
  ) {
    this.live = meili.index<SearchDocument>(articleIndexName(prefix));
  }

  onModuleInit(): void {
    this.health.register('index-settings', () => this.assertApplied());
    void this.applyUntilDone();
  }

  /** Applies the settings, retrying while Meilisearch cannot be reached; resolves once they hold. */
  async applyUntilDone(): Promise<void> {
    for (let attempt = 1; !this.applied; attempt += 1) {
      try {
        await ensureIndex(this.meili, this.live.uid);
        this.applied = true;
        this.logger.log(`index ${this.live.uid} has settings version ${settingsVersion}`);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn(`applying index settings failed (attempt ${attempt}): ${this.lastError}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 200 * 2 ** attempt)));
      }
    }
  }

  /** Throws a retryable error until the settings are applied: a live batch waits (stalls) meanwhile. */
  assertApplied(): Promise<void> {
    if (this.applied) return Promise.resolve();
    return Promise.reject(
      new DomainError(
        ErrorCodes.Unavailable,
        `index settings version ${settingsVersion} not applied yet${this.lastError ? `: ${this.lastError}` : ''}`,
        [],
        true,
      ),
    );
  }
}

/** Creates an index with the code's settings, or brings an existing one to them; a no-op when they hold. */
export async function ensureIndex(meili: Meilisearch, uid: string): Promise<void> {
  check(await meili.createIndex(uid, { primaryKey: 'id' }).waitTask(taskWait), 'create index', [
    'index_already_exists',
  ]);
  const index = meili.index(uid);
  if (settingsMatch(await index.getSettings())) return;
  check(await index.updateSettings(articleIndexSettings).waitTask(taskWait), 'update settings');
}

/** The settings version an index holds: the code's when its settings match, else null. */
export async function heldSettingsVersion(index: Index<SearchDocument>): Promise<string | null> {
  return settingsMatch(await index.getSettings()) ? settingsVersion : null;
}
