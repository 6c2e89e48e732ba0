import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { StatusFigures } from '@broadsheet/messaging';
import { MONGO_CONNECTION } from '@broadsheet/persistence';
import { articleIndexName, INDEX_PREFIX, MEILI } from '@broadsheet/search';
import { Meilisearch } from 'meilisearch';
import { Connection } from 'mongoose';
import { READ_ARTICLES } from '../articles/read-model.schema';
import { filterOf } from '../search/search.service';

/**
 * Adds to the admin status what readers can reach two ways: published articles in the read model and
 * the documents search shows (counted with delivery's own search key and its filter). The two must match.
 */
@Injectable()
export class ReadModelFigures implements OnModuleInit {
  constructor(
    private readonly figures: StatusFigures,
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(MEILI) private readonly meili: Meilisearch,
    @Inject(INDEX_PREFIX) private readonly prefix: string,
  ) {}

  onModuleInit(): void {
    this.figures.register('publishedArticles', () =>
      this.connection.collection(READ_ARTICLES).countDocuments({ status: 'published' }),
    );
    // The index keeps unpublished and killed articles hidden (their version guards replays): count what search shows.
    this.figures.register('searchableDocuments', async () => {
      const index = this.meili.index(articleIndexName(this.prefix));
      const answer = await index.search('', { filter: filterOf({}), hitsPerPage: 0, page: 1 });
      return answer.totalHits;
    });
  }
}
