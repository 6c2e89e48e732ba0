import { parseArgs, UsageError } from './args';

describe('admin CLI arguments for status and rebuild', () => {
  it('reads status for every service or the ones named', () => {
    expect(parseArgs(['status'])).toMatchObject({ command: 'status', services: [] });
    expect(parseArgs(['status', '--service', 'delivery'])).toMatchObject({ command: 'status', services: ['delivery'] });
  });

  it('rebuilds delivery only, and says so for anything else', () => {
    expect(parseArgs(['rebuild', 'delivery'])).toMatchObject({ command: 'rebuild', services: ['delivery'] });
    expect(() => parseArgs(['rebuild', 'search-index'])).toThrow(UsageError);
    expect(() => parseArgs(['rebuild'])).toThrow(UsageError);
    expect(() => parseArgs(['status', '--topic', 'x'])).toThrow(UsageError);
  });
});
