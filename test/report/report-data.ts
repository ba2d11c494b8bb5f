/**
 * ReportData from a lint of API-shaped groups, for reporter tests.
 */
import { lintTexts } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import type { ReportData } from '../../src/report/types.js';

/** Lints `text` as `sg.json` and wraps the result for a reporter. */
export function reportData(text: string, includeSuppressed = false): ReportData {
  const result = lintTexts([{ path: 'sg.json', text }]);
  return {
    findings: result.findings,
    summary: result.summary,
    problems: result.problems.filter((problem) => problem.fatal),
    checks: result.checks,
    failures: result.failures,
    toolVersion: '0.0.0-test',
    includeSuppressed,
  };
}

/** A finding with every field set, for direct reporter tests. */
export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    check: 'ingress-world',
    severity: 'warning',
    message: 'tcp/8080 reachable from the world through 0.0.0.0/0',
    file: 'infra/sg.json',
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 20,
    pointer: '/items/0/rules/0',
    securityGroup: { id: null, name: 'web' },
    rule: { id: null },
    related: [],
    fingerprint: '0123456789abcdef0123456789abcdef',
    ...overrides,
  };
}
