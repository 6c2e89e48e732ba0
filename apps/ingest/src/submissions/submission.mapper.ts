import { ErrorDetail } from '@broadsheet/contracts';
import { OutboxFields } from '@broadsheet/messaging';
import { StoryDoc, SubmissionDoc, SubmissionStatus } from './submission.schema';

/** The latest accepted version of a story, as ingest's use cases see it. */
export interface Story {
  /** `source:externalId`. */
  articleKey: string;
  source: string;
  externalId: string;
  revision: number;
  contentHash: string;
  updatedAt: Date;
}

/** One attempt to submit a story, whatever came of it. */
export interface SubmissionRecord {
  id: string;
  source: string;
  channel: 'http' | 'kafka';
  status: SubmissionStatus;
  articleKey?: string;
  externalId?: string;
  revision?: number;
  reasons: ErrorDetail[];
  receivedAt: Date;
}

type Stored<T> = Omit<T, keyof OutboxFields>;

/** What deduplication needs to know of the story held. */
export type StoryVersion = Pick<Story, 'articleKey' | 'revision' | 'contentHash'>;

export function toStoryVersion(doc: Pick<StoryDoc, '_id' | 'revision' | 'contentHash'>): StoryVersion {
  return { articleKey: doc._id, revision: doc.revision, contentHash: doc.contentHash };
}

export function toStoryDoc(story: Story): Stored<StoryDoc> {
  const { articleKey, source, externalId, revision, contentHash, updatedAt } = story;
  return { _id: articleKey, source, externalId, revision, contentHash, updatedAt };
}

/** Stored document → domain: every field named, so nothing the store adds slips through. */
export function toSubmissionRecord(doc: Stored<SubmissionDoc>): SubmissionRecord {
  return {
    id: doc._id,
    source: doc.source,
    channel: doc.channel,
    status: doc.status,
    articleKey: doc.articleKey,
    externalId: doc.externalId,
    revision: doc.revision,
    reasons: doc.reasons,
    receivedAt: doc.receivedAt,
  };
}

export function toSubmissionDoc({ id, ...fields }: SubmissionRecord): Stored<SubmissionDoc> {
  return { _id: id, ...fields };
}
