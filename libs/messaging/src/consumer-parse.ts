import { assertEventPlacement, DomainError, ErrorCodes, isCompactedTopic, parseEventJson } from '@broadsheet/contracts';
import { KafkaMessage } from 'kafkajs';
import { ParsedMessage } from './consumer-handler';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A null value on a compacted topic is a tombstone: compaction's marker that a key's history may be
 * deleted, legitimate data of the log rather than a failed message, so consumers skip and commit it.
 * Elsewhere a null value is a producer's bug and is dead-lettered like any invalid message.
 */
export function isTombstone(topic: string, message: KafkaMessage): boolean {
  return message.value === null && isCompactedTopic(topic);
}

/** The event a consumed message carries, checked against the catalog and the topic; a DomainError otherwise. */
export function parseMessage(topic: string, message: KafkaMessage): ParsedMessage {
  const event = parseEventJson(decode(message.value));
  assertEventPlacement(topic, event, message.key?.toString() ?? null);
  return { message, event };
}

/** Strict UTF-8, as HTTP intake is: a lenient decode would turn invalid bytes into U+FFFD and accept them. */
function decode(value: Buffer | null): string {
  try {
    return value ? utf8.decode(value) : '';
  } catch {
    throw new DomainError(ErrorCodes.ValidationFailed, 'message is not valid UTF-8', [
      { path: '(value)', message: 'invalid UTF-8' },
    ]);
  }
}
