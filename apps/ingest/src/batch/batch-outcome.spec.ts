import { BatchOutcome } from './batch-outcome';

describe('BatchOutcome', () => {
  const raws = [
    { externalId: 'w-1', headline: '<b></b>' },
    { externalId: 'w-2', headline: 'Rain' },
  ];

  it('answers in the order sent, one record per item, every record received at the same moment', () => {
    const outcome = new BatchOutcome('wire', 'batch', raws, []);
    outcome.stored(1, 'accepted', 'wire:w-2', { revision: 1 });
    outcome.rejected(0, [{ path: 'headline', message: 'empty' }]);
    expect(outcome.inOrder().map((r) => [r.index, r.status])).toEqual([
      [0, 'rejected'],
      [1, 'accepted'],
    ]);
    expect(outcome.records.map(({ record, events }) => [record.status, record.channel, events.length])).toEqual([
      ['accepted', 'batch', 0],
      ['rejected', 'batch', 0],
    ]);
    expect(new Set(outcome.records.map((r) => r.record.receivedAt)).size).toBe(1);
  });

  it('announces a Kafka rejection with its reasons, the original and the message correlation id', () => {
    const outcome = new BatchOutcome('wire', 'kafka', raws, ['c-0', 'c-1']);
    outcome.rejected(0, [{ path: 'headline', message: 'empty' }]);
    const [{ record, events }] = outcome.records as [(typeof outcome.records)[number]];
    expect(record).toMatchObject({ status: 'rejected', channel: 'kafka', externalId: 'w-1' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'submission.rejected',
      correlationid: 'c-0',
      data: { submissionId: record.id, reasons: [{ path: 'headline' }], original: raws[0] },
    });
  });
});
