import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { refusalReason } from './refusal';

/** A broker error as kafkajs raises it from a response's error code. */
const brokerError = (type: string, code: number, retriable: boolean) =>
  new KafkaJSProtocolError(Object.assign(new Error(type), { type, code, retriable }));

/** How kafkajs' retrier hands a non-retriable error on: wrapped, the broker's error as its cause. */
const bailedWith = (cause: Error) => Object.assign(new KafkaJSNonRetriableError(cause), { cause });

describe('refusalReason', () => {
  const tooLarge = brokerError('MESSAGE_TOO_LARGE', 10, false);

  it('names a refusal by the broker, however kafkajs wrapped it', () => {
    expect(refusalReason(tooLarge)).toBe('MESSAGE_TOO_LARGE');
    expect(refusalReason(bailedWith(tooLarge))).toBe('MESSAGE_TOO_LARGE');
    const invalid = brokerError('INVALID_RECORD', 87, false);
    expect(refusalReason(bailedWith(invalid))).toBe('INVALID_RECORD');
  });

  it('leaves outages and timeouts to be retried', () => {
    const leader = brokerError('NOT_LEADER_FOR_PARTITION', 6, true);
    expect(refusalReason(leader)).toBeUndefined();
    expect(refusalReason(new Error('Kafka send gave up after 100 ms'))).toBeUndefined();
    expect(refusalReason(undefined)).toBeUndefined();
  });
});
