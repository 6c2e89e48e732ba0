import { DomainError } from '@broadsheet/contracts';
import { allowedActions, nextStatus } from './workflow';

describe('editorial workflow', () => {
  it('lets an editor publish a draft directly', () => {
    expect(nextStatus('draft', 'publish')).toBe('published');
  });

  it('refuses to unpublish a draft and names the allowed actions', () => {
    let caught: unknown;
    try {
      nextStatus('draft', 'unpublish');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('INVALID_TRANSITION');
    expect((caught as DomainError).details[0]?.message).toBe('allowed actions: submit, publish, kill');
  });

  it('allows nothing once an article is killed', () => {
    expect(allowedActions('killed')).toEqual([]);
  });
});
