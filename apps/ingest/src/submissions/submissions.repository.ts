import { Inject, Injectable } from '@nestjs/common';
import { DomainEvent } from '@broadsheet/contracts';
import { toOutboxEntry, withOutbox } from '@broadsheet/messaging';
import { isDuplicateKey, KeyedSerializer, MONGO_CONNECTION, withId } from '@broadsheet/persistence';
import { Collection, Connection, Model } from 'mongoose';
import { STORIES, StoryDoc, storySchema, SubmissionDoc, submissionSchema } from './submission.schema';

export type Story = Pick<StoryDoc, '_id' | 'revision' | 'contentHash'>;
export type SubmissionRecord = ReturnType<typeof withId<SubmissionDoc>>;
type NewSubmission = Omit<SubmissionDoc, keyof import('@broadsheet/messaging').OutboxFields>;

/** The only place ingest touches Mongo. */
@Injectable()
export class SubmissionsRepository {
  private readonly stories: Collection<StoryDoc>;
  private readonly submissions: Collection<SubmissionDoc>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    /** Conditional writes per document, one at a time, shared with the outbox relay (see KeyedSerializer). */
    private readonly writes: KeyedSerializer,
  ) {
    // Registering the models creates their indexes; writes go through the driver for atomic outbox pushes.
    connection.model<StoryDoc>('Story', storySchema);
    const submissions: Model<SubmissionDoc> = connection.model<SubmissionDoc>('Submission', submissionSchema);
    this.stories = connection.collection<StoryDoc>(STORIES);
    this.submissions = submissions.collection as unknown as Collection<SubmissionDoc>;
  }

  async findStory(articleKey: string): Promise<Story | null> {
    return this.stories.findOne({ _id: articleKey }, { projection: { revision: 1, contentHash: 1 } });
  }

  /** First version of a story with its event; false if another submission created it first. */
  async insertStory(story: Omit<StoryDoc, 'outbox' | 'outboxPending'>, event: DomainEvent): Promise<boolean> {
    try {
      await this.stories.insertOne({ ...story, outbox: [toOutboxEntry(event)], outboxPending: true });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** A changed version, only if nobody moved the story past `expectedRevision` meanwhile. */
  async updateStory(
    articleKey: string,
    expectedRevision: number,
    changes: Pick<StoryDoc, 'revision' | 'contentHash' | 'updatedAt'>,
    event: DomainEvent,
  ): Promise<boolean> {
    const result = await this.writes.run(`${STORIES}/${articleKey}`, () =>
      this.stories.updateOne({ _id: articleKey, revision: expectedRevision }, withOutbox({ $set: changes }, [event])),
    );
    return result.matchedCount === 1;
  }

  async recordSubmission(record: NewSubmission, events: DomainEvent[] = []): Promise<void> {
    const outbox = events.map(toOutboxEntry);
    await this.submissions.insertOne({ ...record, outbox, outboxPending: outbox.length > 0 });
  }

  async findSubmission(id: string): Promise<SubmissionRecord | null> {
    const doc = await this.submissions.findOne({ _id: id }, { projection: { outbox: 0 } });
    return doc ? withId(doc) : null;
  }
}
