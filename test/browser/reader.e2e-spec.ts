import { parseRssFeed } from 'feedsmith';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '@broadsheet/testing';
import { DeliveryStack } from '../e2e/delivery-stack';
import { axeViolations, launchChromium, noBrowserReason } from './chromium';

const shots = path.resolve(__dirname, '../../test-output/browser');
const reason = noBrowserReason();
if (reason) process.stdout.write(`\nSKIPPED browser test: ${reason}\n`);
const describeWithBrowser = reason ? describe.skip : describe;

/** A reader in real Chromium: front page, a story, a misspelt search, a category, a feed; accessible throughout. */
describeWithBrowser('the reader site in Chromium', () => {
  let stack: DeliveryStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [stack, browser] = await Promise.all([DeliveryStack.start('reader', {}, true), launchChromium()]);
    const at = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await stack.published({
      category: 'economy',
      categoryLabel: 'Economy',
      headline: 'Wheat prices ease in Herat markets',
      publishedAt: at(5),
    });
    await stack.published({
      category: 'economy',
      categoryLabel: 'Economy',
      headline: 'Quillbrook dam opens to farmers',
      summary: 'Irrigation water reaches four districts.',
      body: '<p>The Quillbrook dam opened on Monday.</p><h2>What changes</h2><p>Four districts get water.</p>',
      bylines: ['Mariam Ahmadi'],
      tags: ['water'],
      publishedAt: at(3),
      corrections: [{ note: 'The dam serves four districts, not three.', at: at(1) }],
    });
    await stack.published({
      category: 'politics',
      categoryLabel: 'Politics',
      headline: 'Parliament sits late on budget',
      publishedAt: at(1),
    });
    // The search index is fed by search-index from the same content log.
    await waitFor(
      async () => {
        const r = (await (await stack.fetch('/v1/search?q=Quillbrook')).json()) as { totalHits: number };
        return r.totalHits > 0 ? true : undefined;
      },
      'the story in search',
      60_000,
    );
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
  });

  afterEach(() => {
    // No console error (a CSP refusal shows there too) on any page of the walk.
    const seen = problems.splice(0);
    expect(seen).toEqual([]);
  });

  const accessible = async (name: string) => {
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
  };

  it('opens the front page: latest with labels and dates, Trending, ads, social links, footer', async () => {
    const res = await page.goto(`${stack.url}/`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Latest News');
    const card = page.locator('article.card', { hasText: 'Quillbrook dam opens to farmers' });
    await expect(card.locator('.label').textContent()).resolves.toContain('Economy');
    await expect(card.locator('.meta').textContent()).resolves.toMatch(/^Published on \d{1,2} \w+ \d{4}$/);
    expect(await page.getByRole('heading', { name: 'Trending' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Connect with us' }).count()).toBe(1);
    expect(await page.locator('.ad-label', { hasText: 'Advertisement' }).count()).toBeGreaterThan(0);
    // The ad's box is reserved before anything fills it.
    const box = await page.locator('.ad-front-leaderboard .ad-box').boundingBox();
    expect(Math.round(box!.height)).toBe(90);
    await expect(page.locator('footer .copyright').textContent()).resolves.toMatch(/Copyright © \d{4}/);
    await accessible('1-front');
  });

  it('follows "Continue Reading" to the story: byline, corrections, JSON-LD', async () => {
    await page
      .locator('article.card', { hasText: 'Quillbrook dam' })
      .getByRole('link', { name: /Continue Reading/ })
      .click();
    await page.waitForURL(/\/articles\//);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Quillbrook dam opens to farmers',
    );
    await expect(page.locator('.byline').textContent()).resolves.toBe('Mariam Ahmadi');
    await expect(page.locator('.corrections').textContent()).resolves.toContain(
      'The dam serves four districts, not three.',
    );
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as Record<
      string,
      unknown
    >;
    expect(ld).toMatchObject({ '@type': 'NewsArticle', headline: 'Quillbrook dam opens to farmers' });
    expect(await page.locator('link[rel=canonical]').getAttribute('href')).toBe(page.url());
    await accessible('2-article');
  });

  it('searches with a misspelt word and sees the match highlighted', async () => {
    await page.getByLabel('Search stories').fill('Quilbrok');
    await page.getByLabel('Search stories').press('Enter');
    await page.waitForURL(/\/search\?q=Quilbrok/);
    // Meilisearch marks the part of the word the misspelling matched.
    const result = page.locator('.results h2', { hasText: 'Quillbrook dam opens to farmers' });
    await expect(result.locator('mark').first().textContent()).resolves.toMatch(/^Quillbro/);
    await accessible('3-search');
    await page.goto(`${stack.url}/search?q=zzqqxxnothing`);
    await expect(page.locator('.empty').textContent()).resolves.toContain('No stories match');
  });

  it('opens a category from the navigation', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Economy' }).click();
    await page.waitForURL(/\/category\/economy$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Economy');
    expect(await page.locator('article.card').count()).toBe(2);
    await accessible('4-category');
  });

  it("follows the category's feed link to a feed a reader's app can parse", async () => {
    const link = page.getByRole('link', { name: 'Economy (RSS)' });
    const href = await link.getAttribute('href');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${stack.url}${href}`),
      link.click().catch(() => undefined), // a feed may open as a download rather than a page
    ]);
    expect(response.status()).toBe(200);
    const feed = parseRssFeed(await response.text());
    expect(feed.items!.map((i) => i.title)).toEqual([
      'Quillbrook dam opens to farmers',
      'Wheat prices ease in Herat markets',
    ]);
    await page.screenshot({ path: path.join(shots, '5-feed.png') });
  });
});
