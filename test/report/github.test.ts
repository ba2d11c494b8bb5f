import { describe, expect, it } from 'vitest';
import { BUILTIN_CHECKS } from '../../src/engine/registry.js';
import { escapeData, escapeProperty, githubReporter } from '../../src/report/github.js';
import type { ReportData } from '../../src/report/types.js';
import { allEgress, exportText, group, tcpIn } from '../gate-fixtures.js';
import { finding, reportData } from './report-data.js';

const options = { color: false, quiet: false };

function data(findings: ReportData['findings'], extra: Partial<ReportData> = {}): ReportData {
  return {
    findings,
    summary: { errors: 0, warnings: 0, notes: 0, suppressed: 0, files: 1, groups: 1, rules: 1 },
    problems: [],
    checks: BUILTIN_CHECKS,
    failures: [],
    toolVersion: '0.0.0-test',
    includeSuppressed: false,
    ...extra,
  };
}

describe('github annotations', () => {
  it('escape % CR LF in messages and also : , in properties', () => {
    expect(escapeData('50% a:b,c\r\nd')).toBe('50%25 a:b,c%0D%0Ad');
    expect(escapeProperty('50% a:b,c\r\nd')).toBe('50%25 a%3Ab%2Cc%0D%0Ad');
  });

  it('prints one command per finding with file, lines, columns and a title', () => {
    expect(githubReporter(data([finding()]), options)).toBe(
      '::warning file=infra/sg.json,line=3,endLine=3,col=5,endColumn=20,title=ingress-world [web]::' +
        'tcp/8080 reachable from the world through 0.0.0.0/0\n',
    );
  });

  it('escapes a group description with %, : and a newline quoted in a message, and the group name in the title', () => {
    const text = githubReporter(
      data([
        finding({
          message: 'group "db:1" description "100% internal:\nsee wiki" names no ticket',
          securityGroup: { id: null, name: 'db:1, primary' },
        }),
      ]),
      options,
    );
    expect(text).toBe(
      '::warning file=infra/sg.json,line=3,endLine=3,col=5,endColumn=20,title=ingress-world [db%3A1%2C primary]::' +
        'group "db:1" description "100%25 internal:%0Asee wiki" names no ticket\n',
    );
    expect(text.split('\n')).toHaveLength(2);
  });

  it('maps note to notice and leaves the file out for standard input', () => {
    const text = githubReporter(data([finding({ severity: 'note', file: '<stdin>' })]), options);
    expect(text.startsWith('::notice line=3,endLine=3,col=5,endColumn=20,title=')).toBe(true);
  });

  it('prints at most 10 per level, most severe checks first, then one notice with the count left out', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, index) => finding({ check: 'duplicate-rule', line: index + 1 })),
      finding({ check: 'ingress-world', line: 50 }),
      ...Array.from({ length: 3 }, (_, index) =>
        finding({ check: 'ingress-sensitive-port-world', severity: 'error', line: 60 + index }),
      ),
      ...Array.from({ length: 11 }, (_, index) =>
        finding({ check: 'missing-egress', severity: 'note', line: 80 + index }),
      ),
    ];
    const lines = githubReporter(data(findings), options).trimEnd().split('\n');
    const levels = lines.map((line) => line.slice(2, line.indexOf(' ')));
    expect(levels.filter((level) => level === 'error')).toHaveLength(3);
    expect(levels.filter((level) => level === 'warning')).toHaveLength(10);
    expect(levels.filter((level) => level === 'notice')).toHaveLength(10);
    // ingress-world (security severity 5.5) outranks duplicate-rule (2.0) though it comes later.
    expect(lines[3]).toContain('line=50,');
    expect(lines.at(-1)).toBe(
      '::notice title=sglint::5 more findings not shown as annotations (GitHub shows 10 per level); ' +
        'see the SARIF or JSON report for all of them',
    );
  });

  it('shows suppressed findings only when asked, as notices with the justification', () => {
    const text = exportText([
      group({
        name: 'db',
        labels: { 'sglint-disable': 'ingress-sensitive-port-world' },
        rules: [tcpIn(22), ...allEgress()],
      }),
    ]);
    expect(githubReporter(reportData(text), options)).toBe('');
    expect(githubReporter(reportData(text, true), options)).toBe(
      '::notice file=sg.json,line=10,endLine=22,col=9,endColumn=10,title=ingress-sensitive-port-world [db]::' +
        'tcp/22 (SSH) reachable from the world through 0.0.0.0/0 (suppressed: group label sglint-disable=ingress-sensitive-port-world)\n',
    );
  });

  it('reports input problems as errors', () => {
    const text = githubReporter(
      data([], {
        problems: [{ file: 'bad.json', message: 'invalid JSON: x', line: 2, column: 3, fatal: true }],
      }),
      options,
    );
    expect(text).toBe('::error file=bad.json,line=2,col=3,title=sglint input error::invalid JSON: x\n');
  });
});
