import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { CachePolicies } from '../http/cache-control';
import { PageRenderer } from './renderer';
import { sendPage } from './page-security';

const problems = {
  400: { title: 'Bad request', heading: 'We could not read that address', cache: CachePolicies.none },
  404: { title: 'Page not found', heading: 'Page not found', cache: CachePolicies.list },
  410: { title: 'Story removed', heading: 'This story is no longer available', cache: CachePolicies.list },
  503: { title: 'Search unavailable', heading: 'Search is unavailable for a moment', cache: CachePolicies.none },
} as const;

export type ProblemStatus = keyof typeof problems;

/** Real error pages for readers: the status a crawler needs, and words and a way on for a person. */
@Injectable()
export class ProblemPages {
  constructor(private readonly renderer: PageRenderer) {}

  html(status: ProblemStatus, message: string): Promise<string> {
    const p = problems[status];
    return this.renderer.render('problem', { title: p.title, noindex: true }, { heading: p.heading, message });
  }

  async send(res: Response, status: ProblemStatus, message: string): Promise<void> {
    sendPage(res, status, await this.html(status, message), problems[status].cache);
  }
}

export const problemMessages = {
  missing: 'There is no story at this address. It may never have existed, or the link may be mistyped.',
  gone: 'This story has been withdrawn and is no longer published.',
} as const;
