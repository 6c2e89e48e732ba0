import { addOutbox, OutboxFields } from '@broadsheet/messaging';
import { Schema } from 'mongoose';
import type { Fingerprint, Story, SubmissionRecord } from './submission';

export const STORIES = 'stories';
export const SUBMISSIONS = 'submissions';
export const FINGERPRINTS = 'fingerprints';

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

/** The fingerprint of each story's latest version, keyed like the story. */
export interface FingerprintDoc extends Omit<Fingerprint, 'articleKey'> {
  _id: string;
}

export const fingerprintSchema = new Schema<FingerprintDoc>(
  {
    _id: { type: String, required: true },
    signature: [Number],
    bands: [String],
    updatedAt: { type: Date, required: true },
  },
  { collection: FINGERPRINTS, versionKey: false },
);
// Near-duplicate lookup: recent stories sharing a MinHash band with a new one.
fingerprintSchema.index({ bands: 1, updatedAt: -1 });

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
// A source's history of one story: the attempts for an article key, newest first.
submissionSchema.index({ articleKey: 1, receivedAt: -1 });
addOutbox(submissionSchema);
