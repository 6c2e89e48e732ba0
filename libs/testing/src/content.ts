import { ArticleContent, EventCatalog, EventTypes, makeEnvelope, PublicArticle } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';

/** A public article snapshot; override what the test is about. */
export function aPublicArticle(overrides: Partial<PublicArticle> = {}): PublicArticle {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    slug: `budget-approved-${id.slice(0, 8)}`,
    status: 'published',
    headline: 'Parliament approves the national budget',
    summary: 'Lawmakers voted after a long night.',
    body: '<p>The lower house approved the budget.</p>',
    bylines: ['Mariam Ahmadi'],
    category: 'politics',
    categoryLabel: 'Politics',
    tags: ['budget'],
    language: 'en',
    images: [],
    publishedAt: '2026-11-28T08:00:00.000Z',
    updatedAt: '2026-11-28T08:00:00.000Z',
    ...overrides,
  };
}

/** One content-log state of an article at a version. */
export function aContent(version: number, overrides: Partial<PublicArticle> = {}): ArticleContent {
  return { version, article: aPublicArticle(overrides) };
}

/** A submission as an internal service sends it over Kafka (`ingest.submissions.v1`). */
export function submissionMessage(submission: object, correlationId: string = randomUUID()): string {
  return JSON.stringify(
    makeEnvelope({
      type: EventTypes.SubmissionReceived,
      source: '/wire-bridge',
      subject: `wire:${(submission as { externalId: string }).externalId}`,
      dataschema: EventCatalog[EventTypes.SubmissionReceived].dataschema,
      correlationId,
      data: { source: 'wire', submission },
    }),
  );
}
