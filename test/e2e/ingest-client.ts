import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { editorToken, PlatformClient, PlatformSecrets, PlatformTarget, ServiceProcess } from '@broadsheet/testing';

/** A fixture from test/fixtures/ingest, as sent. */
export const ingestFixture = (name: string): string =>
  readFileSync(path.resolve(__dirname, '../fixtures/ingest', name), 'utf8');

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** Posts to ingest as a source and reads the JSON answer. */
export async function postAs(
  ingestUrl: string,
  apiKey: string,
  route: string,
  contentType: string,
  body: string,
): Promise<Answer<Record<string, unknown>>> {
  const res = await fetch(`${ingestUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-api-key': apiKey },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** How many documents ingest's collections hold: "nothing stored" is checked in the store itself. */
export async function ingestCounts(ctx: PlatformTarget): Promise<{ stories: number; submissions: number }> {
  const client = await MongoClient.connect(ctx.mongoUrl);
  try {
    const db = client.db(`${ctx.prefix}ingest`);
    return {
      stories: await db.collection('stories').countDocuments(),
      submissions: await db.collection('submissions').countDocuments(),
    };
  } finally {
    await client.close();
  }
}

/** Drives a running platform as the bootstrap source, an editor and a reader. */
export function platformClient(svc: Record<string, ServiceProcess>, secrets: PlatformSecrets): PlatformClient {
  return new PlatformClient(
    { ingest: svc.ingest!.url, editorial: svc.editorial!.url, delivery: svc.delivery?.url ?? '' },
    secrets.sourceApiKey,
    editorToken(secrets),
  );
}

/** Registers a source as an admin and returns its API key (shown this once). */
export async function registerSource(ingestUrl: string, secrets: PlatformSecrets, body: object): Promise<string> {
  const res = await fetch(`${ingestUrl}/v1/sources`, {
    method: 'POST',
    headers: { authorization: `Bearer ${editorToken(secrets, ['admin'])}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`source refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { apiKey: { secret: string } }).apiKey.secret;
}
