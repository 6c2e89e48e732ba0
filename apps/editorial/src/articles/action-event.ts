import { ContentEventType, EventTypes } from '@broadsheet/contracts';
import type { Action } from './workflow';

const eventOfAction: Record<Action, ContentEventType | null> = {
  submit: null,
  publish: EventTypes.ArticlePublished,
  unpublish: EventTypes.ArticleUnpublished,
  kill: EventTypes.ArticleKilled,
};

/**
 * The content-log event an action makes, given the article's content-log version (0: never published).
 * Killing a story that never reached the content log makes none: readers never saw it, and an event
 * would put a draft's headline and summary on a log kept forever and a 410 at its slug.
 */
export function eventOfActionOn(action: Action, version: number): ContentEventType | null {
  if (action === 'kill' && version === 0) return null;
  return eventOfAction[action];
}
