import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { Article, AuditEntry, Revision, WireUpdate } from '../domain/article';
import { ContentDiff, contentDiff } from '../domain/diff';
import { ArticlesRepository, ListQuery } from '../storage/articles.repository';

const notFound = (what: string): DomainError => new DomainError(ErrorCodes.NotFound, `${what} not found`);

/** The desk's reads: articles, their revisions, diffs between them, the audit trail and waiting wire updates. */
@Injectable()
export class ReadArticlesUseCase {
  constructor(private readonly repo: ArticlesRepository) {}

  async get(id: string): Promise<Article> {
    const article = await this.repo.findById(id);
    if (!article) throw notFound(`article ${id}`);
    return article;
  }

  list(query: ListQuery): Promise<Article[]> {
    return this.repo.list(query);
  }

  async revisions(id: string): Promise<Revision[]> {
    const revisions = await this.repo.revisions(id);
    if (!revisions) throw notFound(`article ${id}`);
    return revisions;
  }

  async revision(id: string, n: number): Promise<Revision> {
    const found = (await this.revisions(id)).find((r) => r.n === n);
    if (!found) throw notFound(`revision ${n} of article ${id}`);
    return found;
  }

  /** What changed from revision `against` to revision `n`, field by field. */
  async diff(id: string, n: number, against: number): Promise<ContentDiff> {
    const revisions = await this.revisions(id);
    const to = revisions.find((r) => r.n === n);
    const from = revisions.find((r) => r.n === against);
    if (!to) throw notFound(`revision ${n} of article ${id}`);
    if (!from) throw notFound(`revision ${against} of article ${id}`);
    return contentDiff(from.content, to.content);
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const audit = await this.repo.audit(id);
    if (!audit) throw notFound(`article ${id}`);
    return audit;
  }

  /** The wire version kept aside, and how it differs from the article as it is; null when none waits. */
  async wireUpdate(id: string): Promise<{ update: WireUpdate; diff: ContentDiff } | null> {
    const article = await this.get(id);
    if (!article.wireUpdate) return null;
    return { update: article.wireUpdate, diff: contentDiff(article, article.wireUpdate.content) };
  }
}
