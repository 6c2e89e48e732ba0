#!/usr/bin/env node
// Creates delivery's search-only Meilisearch API key, idempotently, and checks that the key
// value delivery was given is the one Meilisearch will accept.
//
// Why a fixed uid: Meilisearch derives an API key's value from its uid and the master key,
// key = hex(HMAC-SHA256(message = uid, secret = master key)). Creating the key with a uid
// chosen ahead of time (POST /keys {"uid": ...}) therefore makes its value known ahead of
// time, so delivery can get it from a plain environment variable or Secret instead of
// reading it back from Meilisearch at run time. Compute it with:
//   node -e "console.log(require('crypto').createHmac('sha256', process.argv[1]).update(process.argv[2]).digest('hex'))" "$MEILI_MASTER_KEY" "$MEILI_SEARCH_KEY_UID"
//   printf %s "$MEILI_SEARCH_KEY_UID" | openssl dgst -sha256 -hmac "$MEILI_MASTER_KEY" -hex
//
// Used by docker-compose.yml (service meili-init) and by the k8s Job meili-search-key.
// Environment: MEILI_URL, MEILI_MASTER_KEY, MEILI_SEARCH_KEY_UID, and optionally
// MEILI_SEARCH_KEY (checked against the derived value), MEILI_SEARCH_KEY_INDEXES (comma
// list, default "*"), MEILI_WAIT_SECONDS (how long to wait for Meilisearch, default 120).
// No dependencies: runs on any Node 20 image.
'use strict';
const crypto = require('node:crypto');

const EX_CONFIG = 78;

function fail(message, code = 1) {
  process.stderr.write(`meili-search-key: ${message}\n`);
  process.exit(code);
}

function log(message) {
  process.stdout.write(`meili-search-key: ${message}\n`);
}

const url = (process.env.MEILI_URL || 'http://127.0.0.1:7700').replace(/\/+$/, '');
const masterKey = process.env.MEILI_MASTER_KEY || '';
const uid = (process.env.MEILI_SEARCH_KEY_UID || '').toLowerCase();
const givenKey = process.env.MEILI_SEARCH_KEY || '';
const indexes = (process.env.MEILI_SEARCH_KEY_INDEXES || '*')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const waitSeconds = Number(process.env.MEILI_WAIT_SECONDS || 120);

if (masterKey.length < 16) fail('MEILI_MASTER_KEY must be set (16+ characters)', EX_CONFIG);
if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(uid)) {
  fail('MEILI_SEARCH_KEY_UID must be a UUID', EX_CONFIG);
}

const derivedKey = crypto.createHmac('sha256', masterKey).update(uid).digest('hex');
if (givenKey && givenKey !== derivedKey) {
  fail(
    'MEILI_SEARCH_KEY is not the key Meilisearch derives from MEILI_MASTER_KEY and MEILI_SEARCH_KEY_UID; ' +
      'set it to hex(HMAC-SHA256(uid, master key)) (see the comment at the top of this script)',
    EX_CONFIG,
  );
}

const headers = { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' };

async function request(method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: res.status, json, text };
}

async function waitForMeili() {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) fail(`Meilisearch at ${url} not healthy after ${waitSeconds}s`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function sameSet(a, b) {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

async function main() {
  await waitForMeili();
  const wanted = {
    uid,
    name: 'broadsheet-delivery-search',
    description: 'Search-only key of the delivery service (created by meili-search-key)',
    actions: ['search'],
    indexes,
    expiresAt: null,
  };
  const created = await request('POST', '/keys', wanted);
  if (created.status === 201) {
    log(`created search-only key uid=${uid} indexes=${indexes.join(',')}`);
  } else if (created.status === 409 || created.json?.code === 'api_key_already_exists') {
    log(`key uid=${uid} exists already`);
  } else {
    fail(`POST /keys answered ${created.status}: ${created.text}`);
  }
  const current = await request('GET', `/keys/${uid}`);
  if (current.status !== 200 || !current.json) fail(`GET /keys/${uid} answered ${current.status}: ${current.text}`);
  const key = current.json;
  if (!sameSet(key.actions ?? [], wanted.actions)) {
    fail(`key uid=${uid} has actions ${JSON.stringify(key.actions)}, expected ["search"]; delete it and run again`);
  }
  if (!sameSet(key.indexes ?? [], wanted.indexes)) {
    fail(
      `key uid=${uid} has indexes ${JSON.stringify(key.indexes)}, expected ${JSON.stringify(wanted.indexes)}; delete it and run again`,
    );
  }
  if (key.expiresAt !== null) fail(`key uid=${uid} expires at ${key.expiresAt}; delete it and run again`);
  if (key.key !== derivedKey)
    fail(`key uid=${uid} has a value other than the derived one (was the master key changed?)`);
  log('the search key matches hex(HMAC-SHA256(uid, master key))' + (givenKey ? ' and MEILI_SEARCH_KEY' : ''));
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
