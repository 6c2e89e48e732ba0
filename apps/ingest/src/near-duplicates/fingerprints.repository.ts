import { Inject, Injectable } from '@nestjs/common';
import { dropRetiredIndex, isDuplicateKey, MONGO_CONNECTION } from '@broadsheet/persistence';
import { Collection, Connection } from 'mongoose';
import { endianness } from 'node:os';
import { FINGERPRINTS, FingerprintDoc, fingerprintSchema, RETIRED_BAND_INDEX } from './fingerprint.schema';

/** A story version's MinHash: what near-duplicate lookups compare. */
export interface Fingerprint {
  articleKey: string;
  signature: number[];
  /** When this version came in: lookups compare only recent stories. */
  updatedAt: Date;
}

/**
 * Fingerprints in the store: written once per story version and read back only to fill the in-memory
 * index (at start, and to follow what other ingest processes wrote), so the store keeps one index on
 * `updatedAt` and no lookup index.
 */
@Injectable()
export class FingerprintsRepository {
  private readonly fingerprints: Collection<FingerprintDoc>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    connection.model<FingerprintDoc>('Fingerprint', fingerprintSchema);
    this.fingerprints = connection.collection<FingerprintDoc>(FINGERPRINTS);
  }

  /** The newest `limit` fingerprints written since `since`, newest first. */
  async newest(since: Date, limit: number): Promise<Fingerprint[]> {
    const docs = await this.fingerprints
      .find({ updatedAt: { $gte: since } }, { projection: { signature: 1, updatedAt: 1 } })
      .sort({ updatedAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map(toFingerprint);
  }

  /** What ingest processes other than `writer` wrote since `since`. */
  async writtenSince(since: Date, writer: string): Promise<Fingerprint[]> {
    const docs = await this.fingerprints
      .find({ updatedAt: { $gte: since }, writer: { $ne: writer } }, { projection: { signature: 1, updatedAt: 1 } })
      .toArray();
    return docs.map(toFingerprint);
  }

  /**
   * New stories' fingerprints go in with one unordered insert (an upsert is a slower write per document on
   * FerretDB); any already held (a version replacing an earlier one) are replaced.
   */
  async save(fingerprints: Fingerprint[], writer: string): Promise<void> {
    if (fingerprints.length === 0) return;
    const docs = fingerprints.map(({ articleKey, signature, updatedAt }) => ({
      _id: articleKey,
      signature: packed(signature),
      updatedAt,
      writer,
    }));
    try {
      await this.fingerprints.insertMany(docs, { ordered: false });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.fingerprints.bulkWrite(
        docs.map(({ _id, ...fields }) => ({ replaceOne: { filter: { _id }, replacement: fields, upsert: true } })),
        { ordered: false },
      );
    }
  }

  /** Drops the lookup index of the releases that looked bands up in the store, where it is still there. */
  dropRetiredBandIndex(): Promise<void> {
    return dropRetiredIndex(this.fingerprints, RETIRED_BAND_INDEX);
  }
}

function toFingerprint(doc: Pick<FingerprintDoc, '_id' | 'signature' | 'updatedAt'>): Fingerprint {
  return { articleKey: doc._id, signature: unpacked(doc.signature), updatedAt: doc.updatedAt };
}

/** Little-endian whatever the machine: replicas on different hardware read each other's fingerprints. */
const bigEndian = endianness() === 'BE';

function packed(signature: readonly number[]): Buffer {
  const bytes = Buffer.from(Uint32Array.from(signature).buffer);
  return bigEndian ? bytes.swap32() : bytes;
}

function unpacked(stored: FingerprintDoc['signature'] | undefined): number[] {
  if (stored === undefined || Array.isArray(stored)) return stored ?? [];
  const view = Buffer.isBuffer(stored) ? stored : stored.buffer;
  // A copy of its own (not from Buffer's shared pool): aligned for Uint32Array, and swappable.
  const bytes = Buffer.alloc(view.length - (view.length % 4));
  bytes.set(view.subarray(0, bytes.length));
  return Array.from(new Uint32Array((bigEndian ? bytes.swap32() : bytes).buffer, 0, bytes.length / 4));
}
