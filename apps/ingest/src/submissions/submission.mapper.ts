import { OutboxFields } from '@broadsheet/messaging';
import { Story, StoryVersion, SubmissionRecord } from './submission';
import { StoryDoc, SubmissionDoc } from './submission.schema';

type Stored<T> = Omit<T, keyof OutboxFields>;

export function toStoryVersion(doc: Pick<StoryDoc, '_id' | 'revision' | 'contentHash'>): StoryVersion {
  return { articleKey: doc._id, revision: doc.revision, contentHash: doc.contentHash };
}

export function toStoryDoc({ articleKey, ...fields }: Story): Stored<StoryDoc> {
  return { _id: articleKey, ...fields };
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
    sanitizerRemoved: doc.sanitizerRemoved,
    flash: doc.flash,
    possibleDuplicateOf: doc.possibleDuplicateOf?.map(({ articleKey, similarity }) => ({ articleKey, similarity })),
  };
}

export function toSubmissionDoc({ id, ...fields }: SubmissionRecord): Stored<SubmissionDoc> {
  return { _id: id, ...fields };
}
