import { ArticleStatus, DomainError, ErrorCodes } from '@broadsheet/contracts';

/** Editorial actions and the states each may start from. An editor may publish a draft directly. */
const transitions = {
  submit: { from: ['draft'], to: 'in_review' },
  publish: { from: ['draft', 'in_review', 'scheduled', 'unpublished'], to: 'published' },
  unpublish: { from: ['published'], to: 'unpublished' },
  kill: { from: ['published', 'unpublished', 'scheduled', 'draft', 'in_review'], to: 'killed' },
} as const satisfies Record<string, { from: readonly ArticleStatus[]; to: ArticleStatus }>;

export type Action = keyof typeof transitions;

/** The actions allowed from a state. */
export function allowedActions(status: ArticleStatus): Action[] {
  return (Object.keys(transitions) as Action[]).filter((a) =>
    (transitions[a].from as readonly string[]).includes(status),
  );
}

/** The state an action leads to, or INVALID_TRANSITION naming the allowed ones. */
export function nextStatus(status: ArticleStatus, action: Action): ArticleStatus {
  const t = transitions[action];
  if (!(t.from as readonly string[]).includes(status)) {
    const allowed = allowedActions(status);
    throw new DomainError(ErrorCodes.InvalidTransition, `cannot ${action} an article that is ${status}`, [
      { path: 'status', message: `allowed actions: ${allowed.length ? allowed.join(', ') : 'none'}` },
    ]);
  }
  return t.to;
}
