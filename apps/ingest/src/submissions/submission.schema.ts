import { addOutbox, OutboxFields } from '@broadsheet/messaging';
import { Schema } from 'mongoose';
import type { Story, SubmissionRecord } from './submission';

export const STORIES = 'stories';
export const SUBMISSIONS = 'submissions';

/** The latest accepted version of each story as stored, keyed by `source:externalId`. */
export interface StoryDoc extends OutboxFields, Omit<Story, 'articleKey'> {
  _id: string;
}

/** One attempt to submit a story as stored, with the outbox of its rejection event if any. */
export interface SubmissionDoc extends OutboxFields, Omit<SubmissionRecord, 'id'> {
  _id: string;
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
    sanitizerRemoved: Number,
    flash: Boolean,
    possibleDuplicateOf: [{ _id: false, articleKey: String, similarity: Number }],
  },
  { collection: SUBMISSIONS, versionKey: false },
);
/**
 * An index earlier releases kept for a story's attempts by article key, which no query reads: records
 * are read by id. It cost every record a second index entry.
 */
export const RETIRED_RECORD_INDEX = 'articleKey_1_receivedAt_-1';
addOutbox(submissionSchema);
