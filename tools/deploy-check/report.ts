import { spawnSync } from 'node:child_process';

export type Outcome = 'PASS' | 'FAIL' | 'SKIP';

/** Each check's outcome, printed as it happens; a skip says why and is never a pass. */
export class Report {
  readonly rows: Array<{ outcome: Outcome; label: string; why?: string }> = [];

  section(title: string): void {
    process.stdout.write(`\n== ${title}\n`);
  }

  /** Records a check from its problems: none is a pass; `detail` is shown either way. */
  check(label: string, problems: string[], detail: string[] = []): void {
    for (const line of [...detail, ...problems]) process.stdout.write(`        ${line}\n`);
    this.record(problems.length === 0 ? 'PASS' : 'FAIL', label);
  }

  skip(label: string, why: string): void {
    this.record('SKIP', label, why);
  }

  /** Runs a tool; exit code 0 passes. Its output is shown indented (the tail of it). */
  run(label: string, command: string, args: string[], options: { quiet?: RegExp } = {}): boolean {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    const lines = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').filter(Boolean);
    const output = options.quiet ? lines.filter((l) => !options.quiet!.test(l)) : lines;
    if (output.length < lines.length) output.push(`(${lines.length - output.length} lines like ${options.quiet})`);
    for (const line of output.slice(-40)) process.stdout.write(`        ${line}\n`);
    const ok = result.status === 0;
    if (result.error) process.stdout.write(`        ${result.error.message}\n`);
    this.record(ok ? 'PASS' : 'FAIL', label);
    return ok;
  }

  private record(outcome: Outcome, label: string, why?: string): void {
    this.rows.push({ outcome, label, why });
    process.stdout.write(`  ${outcome}  ${label}${why ? ` (${why})` : ''}\n`);
  }

  summary(): { failed: number; skipped: number } {
    const count = (o: Outcome) => this.rows.filter((r) => r.outcome === o).length;
    process.stdout.write(
      `\ndeploy-check: ${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped\n`,
    );
    for (const r of this.rows.filter((row) => row.outcome !== 'PASS')) {
      process.stdout.write(`  ${r.outcome}  ${r.label}${r.why ? `: ${r.why}` : ''}\n`);
    }
    return { failed: count('FAIL'), skipped: count('SKIP') };
  }
}
