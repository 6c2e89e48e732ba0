import { parseArgs, UsageError } from './args';

describe('admin CLI arguments', () => {
  it('reads a replay of dead letters by partition and offset', () => {
    expect(
      parseArgs(['dlq', 'replay', '--topic', 'articles.content.v1', '--offset', '0:12', '--offset', '1:7']),
    ).toEqual({
      command: 'replay',
      services: [],
      topic: 'articles.content.v1',
      offsets: [
        { partition: 0, offset: '12' },
        { partition: 1, offset: '7' },
      ],
      all: false,
    });
  });

  it('refuses a replay that names nothing, or both offsets and --all, and a malformed offset', () => {
    expect(() => parseArgs(['dlq', 'replay'])).toThrow(UsageError);
    expect(() => parseArgs(['dlq', 'replay', '--all', '--offset', '0:1'])).toThrow(UsageError);
    expect(() => parseArgs(['dlq', 'replay', '--offset', '12'])).toThrow('expected PARTITION:OFFSET');
    expect(() => parseArgs(['dlq', 'list', '--topic'])).toThrow('--topic needs a value');
  });

  it('shows the usage for anything it does not know', () => {
    expect(parseArgs(['reindex']).command).toBe('help');
    expect(parseArgs([]).command).toBe('help');
  });
});
