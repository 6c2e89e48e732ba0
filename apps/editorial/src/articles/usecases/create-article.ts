import { Injectable } from '@nestjs/common';
import { Image, slugify } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { Actor, Article } from '../domain/article';
import { Change, created } from '../domain/change';
import { disambiguated, readableSlug } from '../domain/slug';
import { ArticleWriter } from './article-writer';

/** A story a writer starts on the desk (fields already cleaned by the request schema). */
export interface NewArticle {
  headline: string;
  summary?: string;
  body: string;
  bylines: string[];
  /** Category label; its slug is derived. */
  category: string;
  tags: string[];
  language: string;
  images: Image[];
}

/** Pure: the draft a writer's new story becomes. */
export function createArticle(id: string, input: NewArticle, actor: Actor, at: Date): Change {
  const article: Article = {
    id,
    status: 'draft',
    slug: readableSlug(input.headline, id),
    headline: input.headline,
    summary: input.summary,
    body: input.body,
    bylines: input.bylines,
    category: slugify(input.category) || 'uncategorized',
    categoryLabel: input.category,
    tags: input.tags,
    language: input.language,
    images: input.images,
    revision: 1,
    version: 0,
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
    editedByPerson: true,
    slugChosen: false,
    previousSlugs: [],
    corrections: [],
    flash: false,
    possibleDuplicateOf: [],
  };
  return created(article, actor, at);
}

/** A readable slug, with the id appended when another article holds the readable one. */
export async function freeSlug(writer: ArticleWriter, change: Change): Promise<Change> {
  const { after } = change;
  if (!(await writer.repo.slugTaken(after.slug, after.id))) return change;
  const slug = disambiguated(after.slug, after.id);
  return { ...change, after: { ...after, slug }, revision: { ...change.revision, slug } };
}

@Injectable()
export class CreateArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(input: NewArticle, actor: Actor): Promise<Article> {
    const change = await freeSlug(this.writer, createArticle(randomUUID(), input, actor, this.writer.now()));
    // The slug index refuses a slug taken in the meantime: the id-suffixed one cannot be.
    if (await this.writer.insert(change)) return change.after;
    const slug = disambiguated(change.after.slug, change.after.id);
    const retry = { ...change, after: { ...change.after, slug }, revision: { ...change.revision, slug } };
    if (!(await this.writer.insert(retry))) throw new Error('could not insert a new article');
    return retry.after;
  }
}
