/** Percentile by nearest rank over a sample of milliseconds. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Row {
  measure: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  note: string;
}

export function summarize(measure: string, samples: number[], note: string): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    measure,
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    note,
  };
}

/** A markdown table with padded columns. */
function render(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export function table(rows: Row[]): string {
  const head = ['measure', 'n', 'p50 ms', 'p99 ms', 'max ms', 'measured against'];
  return render(
    head,
    rows.map((r) => [r.measure, String(r.n), r.p50.toFixed(1), r.p99.toFixed(1), r.max.toFixed(1), r.note]),
  );
}

/** A single measured figure: a throughput, a ratio, a precision. */
export interface Figure {
  measure: string;
  value: number;
  unit: string;
  note: string;
}

export function figureTable(figures: Figure[]): string {
  return render(
    ['measure', 'value', 'unit', 'measured against'],
    figures.map((f) => [f.measure, f.value.toFixed(f.value >= 100 ? 0 : 2), f.unit, f.note]),
  );
}
