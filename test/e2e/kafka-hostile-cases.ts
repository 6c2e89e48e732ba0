import { EventCatalog, EventType, EventTypes, makeEnvelope, Topics } from '@broadsheet/contracts';
import { aPublishedEvent, aSubmission, anIngestedEvent } from '@broadsheet/testing';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Where a hostile message must end: the topic's dead-letter topic (every consumer group once), ingest's
 * rejected topic (a valid envelope whose story is refused), or skipped (a tombstone on the compacted
 * content log is compaction data, not an event: consumers commit past it and count it).
 */
export type Destination = 'dlq' | 'rejected' | 'skipped';

export interface HostileCase {
  name: string;
  key: string | null;
  value: Buffer | string | null;
  expected: Destination;
  /** Matches the dead letter's `dlq-error`, or the rejected event's reason paths joined by commas. */
  reason: RegExp;
}

type Json = Record<string, unknown>;

export const envelopeOf = (type: EventType, subject: string, data: unknown, over: Json = {}): Json => ({
  ...makeEnvelope({
    type,
    source: '/hostile',
    subject,
    dataschema: EventCatalog[type].dataschema,
    correlationId: randomUUID(),
    data,
  }),
  ...over,
});

/** The envelope's text with bytes that are not UTF-8 inside one of its strings. */
function withInvalidUtf8(envelope: Json): Buffer {
  const text = JSON.stringify({ ...envelope, source: '/hostile-MARK' });
  const at = text.indexOf('MARK');
  return Buffer.concat([
    Buffer.from(text.slice(0, at)),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from(text.slice(at + 4)),
  ]);
}

/** What every consumed topic must survive, built around a valid envelope for that topic. */
function commonCases(topic: string, valid: Json, foreign: Json): HostileCase[] {
  const key = String(valid.subject);
  const full = JSON.stringify(valid);
  const dlq = (name: string, value: Buffer | string | null, reason: RegExp): HostileCase => ({
    name,
    key,
    value,
    expected: 'dlq',
    reason,
  });
  const tombstone = topic === Topics.ArticlesContent;
  return [
    dlq('not JSON', 'hello, this is not JSON {', /message is not JSON/),
    dlq('truncated JSON', full.slice(0, Math.floor(full.length / 2)), /message is not JSON/),
    dlq('empty value', '', /message is not JSON/),
    tombstone
      ? { name: 'null value (tombstone)', key, value: null, expected: 'skipped', reason: /tombstone/ }
      : dlq('null value', null, /message is not JSON/),
    dlq('binary garbage', Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), randomBytes(509)]), /not valid UTF-8/),
    dlq('invalid UTF-8 inside an envelope', withInvalidUtf8(valid), /not valid UTF-8/),
    dlq('JSON that is not an envelope', JSON.stringify({ hello: 'world', subject: key }), /invalid event envelope/),
    dlq('a JSON array of envelopes', JSON.stringify([valid]), /invalid event envelope/),
    dlq('a JSON string', JSON.stringify(full), /invalid event envelope/),
    dlq('an envelope of another topic', JSON.stringify(foreign), /belongs on/),
    dlq('unknown event type', JSON.stringify({ ...valid, type: 'article.exploded' }), /unknown event type/),
    dlq('missing data', JSON.stringify({ ...valid, data: undefined }), /invalid event envelope/),
    dlq('data of another schema', JSON.stringify({ ...valid, data: { unexpected: true } }), /invalid ".+" data/),
    dlq('dataschema of another type', JSON.stringify({ ...valid, dataschema: 'broadsheet/other/v9' }), /dataschema/),
    dlq('unknown specversion', JSON.stringify({ ...valid, specversion: '2.0' }), /invalid event envelope/),
    dlq(
      'operators in envelope fields',
      JSON.stringify({ ...valid, id: { $gt: '' }, subject: { $ne: null } }),
      /invalid event envelope/,
    ),
    // ~1 MB: under the topic's 1 MiB limit with its headers, and its dead letter too.
    dlq('huge junk under the broker limit', JSON.stringify({ junk: 'A'.repeat(1_000_000) }), /invalid event envelope/),
  ];
}

const received = (data: unknown): Json => envelopeOf(EventTypes.SubmissionReceived, `wire:${randomUUID()}`, data);

export function submissionCases(): HostileCase[] {
  const valid = received({ source: 'wire', submission: aSubmission() });
  const rejected = (name: string, submission: Json, reason: RegExp): HostileCase => ({
    name,
    key: String(valid.subject),
    value: JSON.stringify(received({ source: 'wire', submission })),
    expected: 'rejected',
    reason,
  });
  return [
    ...commonCases(Topics.IngestSubmissions, valid, anIngestedEvent('misplaced')),
    {
      name: 'operators as the source',
      key: String(valid.subject),
      value: JSON.stringify(received({ source: { $gt: '' }, submission: aSubmission() })),
      expected: 'dlq',
      reason: /invalid "submission.received" data/,
    },
    rejected(
      'operators in story fields',
      { ...aSubmission(), category: { $ne: null }, headline: { $gt: '' } },
      /category.*headline|headline.*category/,
    ),
    rejected('a script tag for a headline', aSubmission({ headline: '<script>alert(1)</script>' }), /headline/),
    rejected('an empty story', { externalId: randomUUID() }, /headline/),
  ];
}

export function ingestedCases(): HostileCase[] {
  const valid = anIngestedEvent('valid shape') as unknown as Json;
  const data = valid.data as Json;
  const dlq = (name: string, over: Json): HostileCase => ({
    name,
    key: String(valid.subject),
    value: JSON.stringify({ ...valid, data: { ...data, ...over } }),
    expected: 'dlq',
    reason: /invalid "article.ingested" data/,
  });
  return [
    ...commonCases(Topics.ArticlesIngested, valid, received({ source: 'wire', submission: aSubmission() })),
    dlq('operators in story fields', { headline: { $gt: '' }, category: { $ne: null } }),
    dlq('a script tag for a headline', { headline: '<script>alert(1)</script>' }),
  ];
}

/** A content-log event for an article, filed under its id unless told otherwise. */
export const contentEvent = (id: string, headline: string, subject = id): Json =>
  aPublishedEvent(id, headline, subject);

/** Content-log cases; the `hidden` headlines must never become readable or searchable. */
export function contentCases(hidden: { subject: string; key: string; operators: string }): HostileCase[] {
  const id = randomUUID();
  const valid = contentEvent(id, 'valid shape');
  const dlq = (name: string, key: string, value: Json, reason: RegExp): HostileCase => ({
    name,
    key,
    value: JSON.stringify(value),
    expected: 'dlq',
    reason,
  });
  const other = randomUUID();
  const operators = contentEvent(other, hidden.operators);
  (operators.data as { article: Json }).article.slug = { $gt: '' };
  return [
    ...commonCases(Topics.ArticlesContent, valid, anIngestedEvent('misplaced', id)),
    dlq(
      'subject is not the article id',
      other,
      contentEvent(randomUUID(), hidden.subject, other),
      /not the article id/,
    ),
    dlq('key is not the subject', other, contentEvent(randomUUID(), hidden.key), /message key .* is not the subject/),
    dlq('operators in article fields', other, operators, /invalid "article.published" data/),
  ];
}
