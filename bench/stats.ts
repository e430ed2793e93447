// Pure helpers of the benchmarks: summaries of repeated samples and the numbers' printed form.

/** The p-th percentile (0–100) of `values`, linearly interpolated between the two nearest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

/** The middle value: what every table reports for repeated runs. */
export const median = (values: readonly number[]): number => percentile(values, 50);

/** A repeated measure: its median, the spread around it, and how many samples made it. */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
}

/** Median, quartiles and extremes of `values`. */
export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    p25: percentile(values, 25),
    p75: percentile(values, 75),
  };
}

/** `value` with as many decimals as its size deserves: 1234, 12.3, 1.23, 0.123. */
export function round(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const size = Math.abs(value);
  const digits = size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3;
  return value.toFixed(digits);
}

/** `12.3 ms` (with the unit given), or `n/a`. */
export const withUnit = (value: number, unit: string): string => (Number.isFinite(value) ? `${round(value)} ${unit}` : 'n/a');

/** A median with its interquartile range, e.g. `1.23 ms (1.10–1.40)`. */
export const spread = (summary: Summary, unit: string): string =>
  Number.isFinite(summary.median) ? `${round(summary.median)} ${unit} (${round(summary.p25)}–${round(summary.p75)})` : 'n/a';

/** How many times `value` is `baseline`, e.g. `3.4×`; `n/a` when the baseline is 0 or missing. */
export const ratio = (value: number, baseline: number): string =>
  Number.isFinite(value) && Number.isFinite(baseline) && baseline > 0 ? `${round(value / baseline)}×` : 'n/a';

/** Bytes as `1,510 B`. */
export const bytes = (value: number): string => `${value.toLocaleString('en-US')} B`;

/** A GitHub-flavoured Markdown table; `|` inside a cell is escaped so it cannot split the row. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map((row) => line(header.map((_, index) => row[index] ?? '')))].join('\n');
}
