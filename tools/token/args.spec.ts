import { parseTokenArgs, UsageError } from './args';

describe('npm run token arguments', () => {
  it('takes a subject and a list of roles', () => {
    expect(parseTokenArgs(['--sub', 'mariam', '--roles', 'editor,writer'])).toEqual({
      sub: 'mariam',
      roles: ['editor', 'writer'],
      ttlSeconds: 43_200,
    });
  });

  it('refuses unknown roles, a missing subject and stray flags', () => {
    expect(() => parseTokenArgs(['--sub', 'x', '--roles', 'superuser'])).toThrow(UsageError);
    expect(() => parseTokenArgs(['--roles', 'editor'])).toThrow('--sub is required');
    expect(() => parseTokenArgs(['--sub', 'x', '--roles', 'editor', '--admin'])).toThrow(UsageError);
  });
});
