import { ArticleFields } from '@broadsheet/contracts';

/** An article on the desk as editorial's use cases see it: no storage fields, `id` rather than `_id`. */
export interface Article extends ArticleFields {
  id: string;
  /** `source:externalId` for stories that came through ingest. */
  articleKey?: string;
  /** Last ingest revision applied, so a redelivered or older wire version is ignored. */
  ingestRevision?: number;
  /** Edit counter: `If-Match` compares against it; the store bumps it with every write. */
  revision: number;
  /** Content-log counter: grows with every event on articles.content.v1. */
  version: number;
  publishedAt?: Date;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a use case may change in one write; the revision is the repository's to bump. */
export type ArticleChanges = Partial<Omit<Article, 'id' | 'revision' | 'createdAt' | 'createdBy'>>;
