import { Schema } from 'mongoose';
import type { Source } from './source';

export const SOURCES = 'sources';

/** A registered source as stored; it announces nothing, so it has no outbox. */
export interface SourceDoc extends Omit<Source, 'id'> {
  _id: string;
}

export const sourceSchema = new Schema<SourceDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    defaultCategory: String,
    autoPublish: { type: Boolean, required: true },
    feedUrl: String,
    pollIntervalSeconds: { type: Number, required: true },
    keys: [{ _id: false, id: String, hash: String, createdAt: Date, revokedAt: Date }],
    poll: { type: Object, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: SOURCES, versionKey: false },
);
// The API key guard finds a source by the hash of the key it was sent.
sourceSchema.index({ 'keys.hash': 1 });
// The poller finds the feeds that are due.
sourceSchema.index({ 'poll.nextPollAt': 1 });
