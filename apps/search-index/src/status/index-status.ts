import { Injectable } from '@nestjs/common';
import { settingsVersion } from '@broadsheet/search';
import { heldSettingsVersion, IndexSetup } from '../indexing/index-setup';
import { ReindexService } from '../reindex/reindex.service';
import { ContentLog, PartitionPosition } from './content-log';

export interface IndexStatus {
  index: string;
  documents: number;
  searchable: number;
  isIndexing: boolean;
  settingsVersion: string | null;
  codeSettingsVersion: string;
  partitions: PartitionPosition[];
  reindex: { id: string; state: string } | null;
}

/** The live index as an operator sees it: size, settings version, and how far it has applied the log. */
@Injectable()
export class IndexStatusReader {
  constructor(
    private readonly setup: IndexSetup,
    private readonly log: ContentLog,
    private readonly reindex: ReindexService,
  ) {}

  async read(): Promise<IndexStatus> {
    const live = this.setup.live;
    const [stats, visible, held, partitions] = await Promise.all([
      live.getStats(),
      // The documents route counts exactly; a search's estimate stops at pagination.maxTotalHits.
      live.getDocuments({ filter: 'visible = true', limit: 1, fields: ['id'] }),
      heldSettingsVersion(live),
      this.log.positions(this.log.liveGroup),
    ]);
    const running = this.reindex.current();
    return {
      index: live.uid,
      documents: stats.numberOfDocuments,
      searchable: visible.total,
      isIndexing: stats.isIndexing,
      settingsVersion: held,
      codeSettingsVersion: settingsVersion,
      partitions,
      reindex: running ? { id: running.counters.id, state: running.counters.state } : null,
    };
  }
}
