import { Submission } from '@broadsheet/contracts';
import { randomBytes } from 'node:crypto';

/** A canonical submission; override what the test is about. */
export function aSubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    externalId: `wire-${randomBytes(4).toString('hex')}`,
    headline: 'Parliament approves the national budget after a long night',
    summary: 'Lawmakers voted 142 to 96 after fourteen hours of debate.',
    body: '<p>The lower house approved the budget shortly after dawn.</p><p>The vote followed fourteen hours of debate.</p>',
    bylines: ['Mariam Ahmadi'],
    category: 'Politics',
    tags: ['Budget', 'Parliament'],
    language: 'en',
    ...overrides,
  };
}
