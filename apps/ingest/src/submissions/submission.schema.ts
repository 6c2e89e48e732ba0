import { ErrorDetail } from '@broadsheet/contracts';
import { addOutbox, OutboxFields } from '@broadsheet/messaging';
import { Schema } from 'mongoose';

export const STORIES = 'stories';
export const SUBMISSIONS = 'submissions';

/** The latest accepted version of each story, keyed by `source:externalId`. */
export interface StoryDoc extends OutboxFields {
  _id: string;
  source: string;
  externalId: string;
  revision: number;
  contentHash: string;
  updatedAt: Date;
}

export type SubmissionStatus = 'accepted' | 'duplicate' | 'updated' | 'rejected';

/** One attempt to submit a story, whatever came of it: what `GET /v1/submissions/:id` shows. */
export interface SubmissionDoc extends OutboxFields {
  _id: string;
  source: string;
  channel: 'http' | 'kafka';
  status: SubmissionStatus;
  articleKey?: string;
  externalId?: string;
  revision?: number;
  reasons: ErrorDetail[];
  receivedAt: Date;
}

export const storySchema = new Schema<StoryDoc>(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true },
    externalId: { type: String, required: true },
    revision: { type: Number, required: true },
    contentHash: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: STORIES, versionKey: false },
);
addOutbox(storySchema);

export const submissionSchema = new Schema<SubmissionDoc>(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true },
    channel: { type: String, required: true },
    status: { type: String, required: true },
    articleKey: String,
    externalId: String,
    revision: Number,
    reasons: [{ _id: false, path: String, message: String }],
    receivedAt: { type: Date, required: true },
  },
  { collection: SUBMISSIONS, versionKey: false },
);
// A source's history of one story: the attempts for an article key, newest first.
submissionSchema.index({ articleKey: 1, receivedAt: -1 });
addOutbox(submissionSchema);
