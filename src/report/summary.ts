/**
 * Counts shared by every reporter and the exit code.
 */
import type { Finding } from '../engine/finding.js';

export interface Summary {
  errors: number;
  warnings: number;
  notes: number;
  suppressed: number;
  files: number;
  groups: number;
  rules: number;
}

export function summarize(
  findings: readonly Finding[],
  counts: { files: number; groups: number; rules: number },
): Summary {
  const summary: Summary = { errors: 0, warnings: 0, notes: 0, suppressed: 0, ...counts };
  for (const finding of findings) {
    if (finding.suppressed !== undefined) summary.suppressed += 1;
    else if (finding.severity === 'error') summary.errors += 1;
    else if (finding.severity === 'warning') summary.warnings += 1;
    else summary.notes += 1;
  }
  return summary;
}
