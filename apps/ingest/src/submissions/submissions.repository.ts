import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DomainError, DomainEvent } from '@broadsheet/contracts';
import { OutboxStore, withoutOutbox } from '@broadsheet/messaging';
import { dropRetiredIndex, MONGO_CONNECTION } from '@broadsheet/persistence';
import { Collection, Connection } from 'mongoose';
import { Story, StoryVersion, SubmissionRecord } from './submission';
import { toStoryDoc, toStoryVersion, toSubmissionDoc, toSubmissionRecord } from './submission.mapper';
import {
  RETIRED_RECORD_INDEX,
  STORIES,
  StoryDoc,
  storySchema,
  SUBMISSIONS,
  SubmissionDoc,
  submissionSchema,
} from './submission.schema';

/** Ingest's stories and submission records in Mongo. Writes that announce something carry their events (outbox). */
@Injectable()
export class SubmissionsRepository implements OnModuleInit {
  private readonly stories: Collection<StoryDoc>;
  private readonly submissions: Collection<SubmissionDoc>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly outbox: OutboxStore,
  ) {
    // Registering the models creates their indexes; writes go through the outbox store.
    connection.model<StoryDoc>('Story', storySchema);
    connection.model<SubmissionDoc>('Submission', submissionSchema);
    this.stories = connection.collection<StoryDoc>(STORIES);
    this.submissions = connection.collection<SubmissionDoc>(SUBMISSIONS);
  }

  onModuleInit(): Promise<void> {
    return dropRetiredIndex(this.submissions, RETIRED_RECORD_INDEX);
  }

  async findStory(articleKey: string): Promise<StoryVersion | null> {
    const doc = await this.stories.findOne({ _id: articleKey }, { projection: { revision: 1, contentHash: 1 } });
    return doc ? toStoryVersion(doc) : null;
  }

  /** The held versions of many stories in one query (a batch). */
  async findStories(articleKeys: string[]): Promise<Map<string, StoryVersion>> {
    const docs = await this.stories
      .find({ _id: { $in: articleKeys } }, { projection: { revision: 1, contentHash: 1 } })
      .toArray();
    return new Map(docs.map((d) => [d._id, toStoryVersion(d)]));
  }

  /** First versions of many stories, each with its event, in one round trip: the keys already held, and those refused. */
  insertStories(
    items: Array<{ story: Story; event: DomainEvent }>,
  ): Promise<{ held: Set<string>; failed: Map<string, DomainError> }> {
    return this.outbox.insertMany(
      this.stories,
      items.map(({ story, event }) => ({ doc: toStoryDoc(story), events: [event] })),
    );
  }

  /** Many records in one round trip, each with the events it announces (a Kafka rejection's). */
  async recordSubmissions(records: Array<{ record: SubmissionRecord; events: DomainEvent[] }>): Promise<void> {
    await this.outbox.insertMany(
      this.submissions,
      records.map(({ record, events }) => ({ doc: toSubmissionDoc(record), events })),
    );
  }

  /** First version of a story with its event; false if another submission created it first. */
  insertStory(story: Story, event: DomainEvent): Promise<boolean> {
    return this.outbox.insert(this.stories, toStoryDoc(story), [event]);
  }

  /** A changed version, only if nobody moved the story past `expectedRevision` meanwhile. */
  async updateStory(
    articleKey: string,
    expectedRevision: number,
    changes: Pick<Story, 'revision' | 'contentHash' | 'updatedAt'>,
    event: DomainEvent,
  ): Promise<boolean> {
    const written = await this.outbox.update(
      this.stories,
      { _id: articleKey, revision: expectedRevision },
      { $set: changes },
      [event],
    );
    return written !== null;
  }

  async recordSubmission(record: SubmissionRecord, events: DomainEvent[] = []): Promise<void> {
    await this.outbox.insert(this.submissions, toSubmissionDoc(record), events);
  }

  async findSubmission(id: string): Promise<SubmissionRecord | null> {
    const doc = await this.submissions.findOne({ _id: id }, { projection: withoutOutbox });
    return doc ? toSubmissionRecord(doc) : null;
  }
}
