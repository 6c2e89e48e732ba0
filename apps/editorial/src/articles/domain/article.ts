import { ArticleContentFields, ArticleFields, ArticleStatus, PossibleDuplicate } from '@broadsheet/contracts';

/** Who did something: an editor's token subject, `source:<name>` for the wire, `scheduler` for a timed publication. */
export type Actor = string;

/** The fields a person (or a wire revision) writes: what revisions snapshot and diffs compare. */
export type ArticleContent = ArticleContentFields;

/** A public correction, as the desk holds it. */
export interface Correction {
  note: string;
  at: Date;
}

/** A newer wire version kept aside because a person has worked on the story (accept it or leave it). */
export interface WireUpdate {
  ingestRevision: number;
  receivedAt: Date;
  content: ArticleContent;
}

/** An article on the desk as editorial's use cases see it: no storage fields, `id` rather than `_id`. */
export interface Article extends ArticleFields {
  id: string;
  /** `source:externalId` for stories that came through ingest. */
  articleKey?: string;
  /** Last ingest revision seen, so a redelivered or older wire version is ignored. */
  ingestRevision?: number;
  /** Edit counter: `If-Match` compares against it; every change moves it on by one. */
  revision: number;
  /** Content-log counter: grows with every event on articles.content.v1. */
  version: number;
  publishedAt?: Date;
  createdBy: Actor;
  createdAt: Date;
  updatedAt: Date;
  /** True once a person changed the content: a wire update is then kept aside instead of applied. */
  editedByPerson: boolean;
  /** An editor chose the slug: it no longer follows the headline. */
  slugChosen: boolean;
  /** Slugs it was published under before the current one (delivery answers 301 there). */
  previousSlugs: string[];
  corrections: Correction[];
  /** An agency flash: headline first, body to follow. */
  flash: boolean;
  possibleDuplicateOf: PossibleDuplicate[];
  wireUpdate?: WireUpdate;
  /** When a scheduled article goes out (UTC); set only while `scheduled`. */
  publishAt?: Date;
  /** Not before this time, whoever presses publish. */
  embargoUntil?: Date;
  killReason?: string;
}

/** One line of the audit trail: who did what, when, and the states before and after. */
export interface AuditEntry {
  at: Date;
  actor: Actor;
  action: string;
  from: ArticleStatus | null;
  to: ArticleStatus;
  /** Why, when the action takes a reason (kill, unpublish). */
  reason?: string;
}

/** An immutable snapshot taken by every save. */
export interface Revision {
  n: number;
  at: Date;
  actor: Actor;
  action: string;
  status: ArticleStatus;
  slug: string;
  content: ArticleContent;
}
