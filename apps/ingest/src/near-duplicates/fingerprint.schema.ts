import { Schema } from 'mongoose';

export const FINGERPRINTS = 'fingerprints';

/** A story's MinHash as stored, keyed like the story, with the ingest process that wrote it. */
export interface FingerprintDoc {
  _id: string;
  signature: number[];
  /** Which ingest process wrote it: each follows the others' writes (FingerprintIndex). */
  writer: string;
  updatedAt: Date;
}

export const fingerprintSchema = new Schema<FingerprintDoc>(
  {
    _id: { type: String, required: true },
    signature: [Number],
    writer: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: FINGERPRINTS, versionKey: false },
);
// Loading the window at start and following other processes' writes; lookups by band happen in memory.
fingerprintSchema.index({ updatedAt: 1 });

/**
 * The index lookups used before bands moved to memory: 32 multikey entries per story, the most expensive
 * write ingest made (each a DocumentDB RUM entry with its own WAL). Dropped where it still exists.
 */
export const RETIRED_BAND_INDEX = 'bands_1_updatedAt_-1';
