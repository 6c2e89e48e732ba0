import { DomainError, Topics } from '@broadsheet/contracts';
import { aPublishedEvent } from '@broadsheet/testing';
import { KafkaMessage } from 'kafkajs';
import { isTombstone, parseMessage } from './consumer-parse';

const message = (value: Buffer | null, key: string | null = 'a1'): KafkaMessage => ({
  key: key === null ? null : Buffer.from(key),
  value,
  offset: '7',
  timestamp: '0',
  attributes: 0,
  headers: {},
});

const published = (id: string): Buffer => Buffer.from(JSON.stringify(aPublishedEvent(id, 'Budget approved')));

function refusal(topic: string, m: KafkaMessage): string {
  try {
    parseMessage(topic, m);
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('the message was accepted');
}

describe('parsing a consumed message', () => {
  it('returns a valid event that belongs on the topic', () => {
    expect(parseMessage(Topics.ArticlesContent, message(published('a1'))).event.subject).toBe('a1');
  });

  it('skips a null value only on the compacted content log, where it is a tombstone', () => {
    expect(isTombstone(Topics.ArticlesContent, message(null))).toBe(true);
    expect(isTombstone(Topics.ArticlesContent, message(Buffer.alloc(0)))).toBe(false);
    expect(isTombstone(Topics.IngestSubmissions, message(null))).toBe(false);
    expect(refusal(Topics.IngestSubmissions, message(null))).toBe('VALIDATION_FAILED: message is not JSON');
  });

  it('refuses invalid UTF-8 instead of decoding it into replacement characters', () => {
    const bytes = Buffer.concat([
      published('a1').subarray(0, 40),
      Buffer.from([0xc3, 0x28]),
      published('a1').subarray(40),
    ]);
    expect(refusal(Topics.ArticlesContent, message(bytes))).toBe('VALIDATION_FAILED: message is not valid UTF-8');
  });

  it('refuses a content event filed under another key', () => {
    expect(refusal(Topics.ArticlesContent, message(published('a1'), 'a2'))).toMatch(
      /message key "a2" is not the subject/,
    );
  });
});
