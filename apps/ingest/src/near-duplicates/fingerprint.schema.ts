import { mongo, Schema } from 'mongoose';

export const FINGERPRINTS = 'fingerprints';

/** A story's MinHash as stored, keyed like the story, with the ingest process that wrote it. */
export interface FingerprintDoc {
  _id: string;
  /**
   * The 64 hashes packed little-endian, 4 bytes each: one binary value is far cheaper to encode and store
   * than an array of 64 numbers. Earlier releases wrote the array, which is still read.
   */
  signature: mongo.Binary | Buffer | number[];
  /** Which ingest process wrote it: each follows the others' writes (FingerprintIndex). */
  writer: string;
  updatedAt: Date;
}

export const fingerprintSchema = new Schema<FingerprintDoc>(
  {
    _id: { type: String, required: true },
    signature: Buffer,
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
