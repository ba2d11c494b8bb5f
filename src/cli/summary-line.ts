/**
 * The one summary line printed on standard error after every run, so that
 * JSON or SARIF on standard output stays clean:
 * `sglint: 3 errors, 1 warning, 0 notes (2 suppressed) in 4 files, 0.12s`.
 */
import type { Summary } from '../report/summary.js';

/** `1 file`, `2 files`: a count and its noun (plurals by `s`). */
export function count(value: number, word: string): string {
  return `${value} ${word}${value === 1 ? '' : 's'}`;
}

/** The summary line for a run that took `milliseconds`. */
export function summaryLine(summary: Summary, milliseconds: number): string {
  const suppressed = summary.suppressed > 0 ? ` (${summary.suppressed} suppressed)` : '';
  const seconds = (milliseconds / 1000).toFixed(2);
  return (
    `sglint: ${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}, ` +
    `${count(summary.notes, 'note')}${suppressed} in ${count(summary.files, 'file')}, ${seconds}s`
  );
}
