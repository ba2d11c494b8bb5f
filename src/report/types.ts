/**
 * What every reporter receives: the findings of one run and its context.
 */
import type { Check } from '../engine/check.js';
import type { Finding } from '../engine/finding.js';
import type { LoadProblem } from '../model/types.js';
import type { Summary } from './summary.js';

export interface ReportData {
  findings: Finding[];
  summary: Summary;
  /** Input problems (unparseable files, unknown shapes). */
  problems: LoadProblem[];
  /** Every check known to the run (built-in and plugins), for rule metadata. */
  checks: readonly Check<unknown>[];
  /** Checks that failed while running. */
  failures: { check: string; message: string }[];
  toolVersion: string;
  /** Show suppressed findings in formats that otherwise drop them. */
  includeSuppressed: boolean;
}

export interface ReportOptions {
  color: boolean;
  /** Only errors (`--quiet`). */
  quiet: boolean;
}

export type Reporter = (data: ReportData, options: ReportOptions) => string;
