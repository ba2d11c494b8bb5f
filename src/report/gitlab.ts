/**
 * GitLab Code Quality report: a JSON array GitLab shows in merge
 * requests. Severities map error → critical, warning → major,
 * note → minor; suppressed findings (shown only with
 * `--report-suppressed`) are `info`. The fingerprint is the finding's own,
 * unique in the run and stable across runs, so GitLab can tell new
 * findings from old ones.
 */
import { jsonSafe } from './text.js';
import type { Severity } from '../model/types.js';
import type { Reporter } from './types.js';
import { findingText, visibleFindings } from './visible.js';

const SEVERITY: Record<Severity, 'critical' | 'major' | 'minor'> = {
  error: 'critical',
  warning: 'major',
  note: 'minor',
};

export const gitlabReporter: Reporter = (data, options) => {
  const entries = visibleFindings(data, options).map((finding) => ({
    description: findingText(finding),
    check_name: finding.check,
    fingerprint: finding.fingerprint,
    severity: finding.suppressed === undefined ? SEVERITY[finding.severity] : 'info',
    location: {
      path: finding.file,
      lines: { begin: finding.line, end: finding.endLine },
    },
  }));
  return `${jsonSafe(JSON.stringify(entries, null, 2))}\n`;
};
