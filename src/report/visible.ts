/**
 * Which findings a line-per-finding format shows, and how it names them.
 */
import type { Finding } from '../engine/finding.js';
import type { ReportData, ReportOptions } from './types.js';

/** Unsuppressed findings (all with `--report-suppressed`); errors only under `--quiet`. */
export function visibleFindings(data: ReportData, options: ReportOptions): Finding[] {
  return data.findings.filter(
    (finding) =>
      (data.includeSuppressed || finding.suppressed === undefined) &&
      (!options.quiet || finding.severity === 'error'),
  );
}

/** The message with its group in front and a suppression note after: `[web] tcp/22 … (suppressed: …)`. */
export function findingText(finding: Finding): string {
  const group = finding.securityGroup === null ? '' : `[${finding.securityGroup.name}] `;
  const suppressed =
    finding.suppressed === undefined ? '' : ` (suppressed: ${finding.suppressed.justification})`;
  return `${group}${finding.message}${suppressed}`;
}
