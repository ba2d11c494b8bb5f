/**
 * GitHub Actions workflow annotations (`::error file=…,line=…::message`).
 * GitHub shows at most 10 annotations per level and step, so each level
 * prints its 10 most severe findings (by security severity, then report
 * order) and one notice says how many were left out; the full list
 * belongs in SARIF. Values are escaped as the Actions toolkit does.
 */
import { inert } from './text.js';
import type { Check } from '../engine/check.js';
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../model/types.js';
import type { Reporter } from './types.js';
import { visibleFindings } from './visible.js';

/** GitHub's display limit per annotation level and step. */
export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

/**
 * Escapes a command's message as the Actions toolkit does (`%`, CR, LF),
 * and shows every other control, bidi or separator character as a visible
 * `\u{…}` escape so that no annotation can act on the log viewer.
 */
export function escapeData(text: string): string {
  return inert(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a command property value (also `:` and `,`, which delimit properties). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Annotation {
  level: 'error' | 'warning' | 'notice';
  properties: [string, string | number][];
  message: string;
  rank: number;
}

function command({ level, properties, message }: Annotation): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${level}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

function fileProperties(file: string): [string, string][] {
  return file === '<stdin>' ? [] : [['file', file]];
}

function annotation(finding: Finding, checks: ReadonlyMap<string, Check<unknown>>): Annotation {
  const group = finding.securityGroup === null ? '' : ` [${finding.securityGroup.name}]`;
  return {
    level: finding.suppressed === undefined ? COMMAND[finding.severity] : 'notice',
    properties: [
      ...fileProperties(finding.file),
      ['line', finding.line],
      ['endLine', finding.endLine],
      ['col', finding.column],
      ['endColumn', finding.endColumn],
      ['title', `${finding.check}${group}`],
    ],
    message:
      finding.suppressed === undefined
        ? finding.message
        : `${finding.message} (suppressed: ${finding.suppressed.justification})`,
    rank: Number(checks.get(finding.check)?.securitySeverity ?? 0),
  };
}

export const githubReporter: Reporter = (data, options) => {
  const checks = new Map(data.checks.map((check) => [check.id, check]));
  const all: Annotation[] = [
    ...data.problems.map(
      (problem): Annotation => ({
        level: 'error',
        properties: [
          ...fileProperties(problem.file),
          ['line', problem.line ?? 1],
          ['col', problem.column ?? 1],
          ['title', 'sglint input error'],
        ],
        message: problem.message,
        rank: 100,
      }),
    ),
    ...visibleFindings(data, options).map((finding) => annotation(finding, checks)),
  ];

  const byLevel = (level: Annotation['level']): Annotation[] =>
    all.filter((entry) => entry.level === level).sort((a, b) => b.rank - a.rank);
  const errors = byLevel('error');
  const warnings = byLevel('warning');
  const notices = byLevel('notice');
  const overflow =
    errors.length > ANNOTATIONS_PER_LEVEL ||
    warnings.length > ANNOTATIONS_PER_LEVEL ||
    notices.length > ANNOTATIONS_PER_LEVEL;
  const noticeRoom = overflow ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
  const shown = [
    ...errors.slice(0, ANNOTATIONS_PER_LEVEL),
    ...warnings.slice(0, ANNOTATIONS_PER_LEVEL),
    ...notices.slice(0, noticeRoom),
  ];
  const lines = shown.map(command);
  const omitted = all.length - shown.length;
  if (omitted > 0) {
    lines.push(
      command({
        level: 'notice',
        properties: [['title', 'sglint']],
        message:
          `${omitted} more finding${omitted === 1 ? '' : 's'} not shown as annotations ` +
          `(GitHub shows ${ANNOTATIONS_PER_LEVEL} per level); see the SARIF or JSON report for all of them`,
        rank: 0,
      }),
    );
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
