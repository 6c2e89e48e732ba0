import { ErrorDetail, PossibleDuplicate } from '@broadsheet/contracts';

/** How a story arrived: one by one over HTTP, in a batch, from Kafka, or from a polled feed. */
export type Channel = 'http' | 'batch' | 'kafka' | 'feed';

export type SubmissionStatus = 'accepted' | 'duplicate' | 'updated' | 'rejected';

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

/** What deduplication needs to know of the story held. */
export type StoryVersion = Pick<Story, 'articleKey' | 'revision' | 'contentHash'>;

/** One attempt to submit a story, whatever came of it: what `GET /v1/submissions/:id` shows. */
export interface SubmissionRecord {
  id: string;
  source: string;
  channel: Channel;
  status: SubmissionStatus;
  articleKey?: string;
  externalId?: string;
  revision?: number;
  reasons: ErrorDetail[];
  receivedAt: Date;
  /** Elements and attributes the body sanitizer removed from what was sent. */
  sanitizerRemoved?: number;
  /** An agency flash: a headline with no body. */
  flash?: boolean;
  /** Recent stories this one nearly repeats. */
  possibleDuplicateOf?: PossibleDuplicate[];
}
