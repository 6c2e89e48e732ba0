import { ErrorCodes } from '@broadsheet/contracts';
import type { Task } from 'meilisearch';
import { taskFailure } from './meili-task-error';

const failed = (code: string): Task =>
  ({
    status: 'failed',
    error: { code, message: `${code} happened`, type: 'invalid_request', link: '' },
  }) as unknown as Task;

describe('Meilisearch task failures', () => {
  it('makes a rejected document permanent, so the consumer dead-letters that story alone', () => {
    for (const code of ['invalid_document_id', 'invalid_document_fields', 'missing_document_id']) {
      const error = taskFailure(failed(code), 'add documents');
      expect(error).toMatchObject({ code: ErrorCodes.ValidationFailed, retryable: false });
      expect(error.message).toContain(code);
    }
  });

  it('keeps every other failure retryable', () => {
    expect(taskFailure(failed('internal'), 'add documents')).toMatchObject({
      code: ErrorCodes.Unavailable,
      retryable: true,
    });
    expect(taskFailure({ status: 'canceled' } as unknown as Task, 'add documents')).toMatchObject({ retryable: true });
  });
});
