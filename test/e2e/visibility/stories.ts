import { Submission } from '@broadsheet/contracts';
import { aSubmission, Draft, PlatformClient, waitFor } from '@broadsheet/testing';
import { randomInt } from 'node:crypto';

/**
 * The states an article can be in today (apps/editorial/src/articles/workflow.ts). `scheduled` is named
 * there as a state publish may start from, but no action leads to it, and publish refuses `publishAt`
 * and `embargoUntil` with a 400 until the scheduler exists: scheduled and embargoed stories join this
 * list when they can be made.
 */
export const states = ['draft', 'in_review', 'published', 'unpublished', 'killed', 'killed_draft'] as const;
export type State = (typeof states)[number];
/** One story per state, two published (one per category) so lists have pages and both categories counts. */
const plan: State[] = ['draft', 'in_review', 'published', 'published', 'unpublished', 'killed', 'killed_draft'];

/** A word no other text holds: ten random letters (letters only, so no tokenizer splits it). */
export function marker(): string {
  return Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('');
}

export interface SweepStory {
  state: State;
  /** The marker words of its headline, summary and body (also its own tag: tags are reader text too). */
  markers: { headline: string; summary: string; body: string };
  submission: Submission;
  draft: Draft;
}

/** Two categories and a tag of this run only, so counts and filters see nothing of other specs. */
export function sweepLabels(): { categories: [string, string]; tag: string } {
  const run = marker();
  // Ingest slugs tags, so the tag is sent as the slug readers filter by.
  return { categories: [`Sweep ${run} North`, `Sweep ${run} South`], tag: `sweep-${run}` };
}

function submissionFor(i: number, labels: ReturnType<typeof sweepLabels>): Omit<SweepStory, 'draft'> {
  const state = plan[i]!;
  const markers = { headline: marker(), summary: marker(), body: marker() };
  const submission = aSubmission({
    headline: `Council hears ${markers.headline} testimony`,
    summary: `Witnesses described ${markers.summary} at length.`,
    body: `<p>The hearing on ${markers.body} lasted all day.</p>`,
    category: labels.categories[i % 2]!,
    tags: [labels.tag, markers.headline],
  });
  return { state, markers, submission };
}

/**
 * Submits one story per state and moves each to its state. A story that is unpublished or killed after
 * publication is first found by a reader's search, so the takedown has something to remove everywhere.
 */
export async function createSweepStories(
  client: PlatformClient,
  labels: ReturnType<typeof sweepLabels>,
): Promise<SweepStory[]> {
  const made = plan.map((_, i) => submissionFor(i, labels));
  const keys: string[] = [];
  for (const m of made) keys.push((await client.submit(m.submission)).articleKey);
  const drafts = await client.drafts(keys, 60_000);
  const stories = made.map((m, i) => ({ ...m, draft: drafts.get(keys[i]!)! }));
  for (const s of stories) for (const action of path[s.state].before) await expectOk(client.act(s.draft.id, action));
  for (const s of stories.filter((x) => path[x.state].before.includes('publish')))
    await waitFor(
      async () => ((await client.searchIds(s.markers.headline, 5)).includes(s.draft.id) ? true : undefined),
      `${s.state} story in search before its last action`,
      60_000,
    );
  for (const s of stories) for (const action of path[s.state].after) await expectOk(client.act(s.draft.id, action));
  return stories;
}

type Action = 'submit' | 'publish' | 'unpublish' | 'kill';
/** The actions that lead to each state: those before a reader could see it, then the takedown. */
const path: Record<State, { before: Action[]; after: Action[] }> = {
  draft: { before: [], after: [] },
  in_review: { before: ['submit'], after: [] },
  published: { before: ['publish'], after: [] },
  unpublished: { before: ['publish'], after: ['unpublish'] },
  killed: { before: ['publish'], after: ['kill'] },
  killed_draft: { before: [], after: ['kill'] },
};

async function expectOk(response: Promise<Response>): Promise<void> {
  const res = await response;
  if (res.status !== 200) throw new Error(`editorial refused: ${res.status} ${await res.text()}`);
}

export const isPublished = (s: SweepStory): boolean => s.state === 'published';
export const wordsOf = (s: SweepStory): string[] => Object.values(s.markers);
