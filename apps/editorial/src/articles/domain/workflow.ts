import { ArticleStatus, ArticleStatuses, DomainError, ErrorCodes } from '@broadsheet/contracts';

/** What a person can do to an article; the scheduler's firing and wire refreshes are not theirs to call. */
export const Actions = ['edit', 'submit', 'publish', 'unpublish', 'kill', 'correct', 'accept-wire-update'] as const;
export type Action = (typeof Actions)[number];

const live: readonly ArticleStatus[] = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];

/**
 * The states each action may start from. An editor may publish a draft directly; `publish` leads to
 * `scheduled` when a time or an embargo holds it back; a killed article allows nothing, ever.
 */
const startsFrom: Record<Action, readonly ArticleStatus[]> = {
  edit: live,
  submit: ['draft'],
  publish: ['draft', 'in_review', 'scheduled', 'unpublished'],
  unpublish: ['published', 'scheduled'],
  kill: live,
  correct: ['published'],
  'accept-wire-update': live,
};

/** The actions allowed from a state. */
export function allowedActions(status: ArticleStatus): Action[] {
  return Actions.filter((a) => startsFrom[a].includes(status));
}

/** Throws INVALID_TRANSITION (409) naming the allowed actions when `action` may not start from `status`. */
export function assertAllowed(status: ArticleStatus, action: Action): void {
  if (startsFrom[action].includes(status)) return;
  const allowed = allowedActions(status);
  throw new DomainError(ErrorCodes.InvalidTransition, `cannot ${action} an article that is ${status}`, [
    { path: 'status', message: `allowed actions: ${allowed.length ? allowed.join(', ') : 'none'}` },
  ]);
}

export { ArticleStatuses };
