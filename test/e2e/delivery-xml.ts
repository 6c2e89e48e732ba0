import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The published schemas, kept in the repository (see apps/delivery/schemas/ORIGIN.md). */
export const schemas = {
  sitemap: path.resolve(__dirname, '../../apps/delivery/schemas/sitemap.xsd'),
  siteindex: path.resolve(__dirname, '../../apps/delivery/schemas/siteindex.xsd'),
  news: path.resolve(__dirname, '../../apps/delivery/schemas/news-sitemap.xsd'),
};

const dir = mkdtempSync(path.join(tmpdir(), 'delivery-xml-'));
let n = 0;

/** `xmllint --noout --schema`: ok, or what it refused. xmllint comes from libxml2-utils (tools/bin/reader-tools.sh). */
export function validateXml(xml: string, schema: string): Promise<{ ok: boolean; output: string }> {
  const file = path.join(dir, `doc-${n++}.xml`);
  writeFileSync(file, xml);
  return new Promise((resolve, reject) => {
    execFile('xmllint', ['--noout', '--nonet', '--schema', schema, file], (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT')
        return reject(new Error('xmllint not found: run tools/bin/reader-tools.sh (apt-get install libxml2-utils)'));
      resolve({ ok: !error, output: `${stdout}${stderr}` });
    });
  });
}
