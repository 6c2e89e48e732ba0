import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where tools/bin/deploy-tools.sh installs the validators (outside the checkout: CI clones fresh). */
export const cacheBin = process.env.BROADSHEET_TOOLS ?? path.join(os.homedir(), '.cache/broadsheet/bin');
const venvBin = path.join(path.dirname(cacheBin), 'venv-deploy-check', 'bin');

/** A tool on PATH, in the cache, or in the validators' virtualenv; undefined when absent. */
export function findTool(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), cacheBin, venvBin]) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Runs a tool for its output; throws with what it printed when it fails. */
export function output(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')}: ${result.stderr || result.error?.message}`);
  }
  return result.stdout;
}
