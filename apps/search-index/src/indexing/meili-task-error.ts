import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import type { Task } from 'meilisearch';

/** Task error codes that say a document itself is unacceptable: retrying the same document cannot help. */
const documentCodes = new Set([
  'missing_document_id',
  'max_fields_limit_exceeded',
  'document_fields_limit_reached',
  'invalid_vectors_type',
  'invalid_vector_dimensions',
  'malformed_payload',
]);

export function isDocumentRejection(code: string): boolean {
  return code.startsWith('invalid_document_') || documentCodes.has(code);
}

/**
 * The error for a Meilisearch task that did not succeed: a rejected document is permanent (the consumer
 * isolates it and dead-letters it), anything else (an internal error, a cancelled task) is retryable.
 */
export function taskFailure(task: Task, what: string): DomainError {
  const code = task.error?.code ?? task.status;
  const message = `meilisearch ${what} failed: ${code} ${task.error?.message ?? ''}`.trim();
  if (isDocumentRejection(code)) {
    return new DomainError(ErrorCodes.ValidationFailed, message, [{ path: 'document', message: code }], false);
  }
  return new DomainError(ErrorCodes.Unavailable, message, [], true);
}
