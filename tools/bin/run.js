#!/usr/bin/env node
// Runs a compiled entry point from dist/, resolving @broadsheet/* to the compiled libraries.
// Usage: node tools/bin/run.js apps/ingest/src/main.js
'use strict';
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node tools/bin/run.js <path inside dist/, e.g. apps/ingest/src/main.js>\n');
  process.exit(64);
}
require('tsconfig-paths').register({ baseUrl: path.join(root, 'dist'), paths: { '@broadsheet/*': ['libs/*/src'] } });
process.argv.splice(2, 1);
require(path.join(root, 'dist', entry));
