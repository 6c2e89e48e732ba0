import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A fixture from test/fixtures/ingest, as text. */
export const fixture = (name: string): string =>
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/ingest', name), 'utf8');

export const jsonFixture = (name: string): unknown => JSON.parse(fixture(name));
