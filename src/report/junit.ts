/**
 * JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps): one
 * testsuite, one failing testcase per finding with a unique name, an
 * error testcase per input problem, skipped testcases for suppressed
 * findings shown with `--report-suppressed`, and one passing testcase for
 * a clean run. Text is escaped and stripped of characters XML 1.0 forbids.
 */
import type { Finding } from '../engine/finding.js';
import type { Reporter } from './types.js';
import { findingText, visibleFindings } from './visible.js';

const ILLEGAL = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Escapes text for an attribute value: line breaks and tabs too, which a
 * parser would otherwise normalize to spaces.
 */
function attributeEscape(text: string): string {
  return xmlEscape(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${attributeEscape(String(value))}"`)
    .join('');
}

/** `<name attrs/>` or `<name attrs>text</name>`. */
function element(name: string, values: Record<string, string | number>, text?: string): string {
  return text === undefined
    ? `<${name}${attributes(values)}/>`
    : `<${name}${attributes(values)}>${xmlEscape(text)}</${name}>`;
}

/** A testcase, indented, with an optional child element. */
function testcase(values: Record<string, string | number>, child?: string): string {
  if (child === undefined) return `    <testcase${attributes(values)}/>`;
  return `    <testcase${attributes(values)}>\n      ${child}\n    </testcase>`;
}

function caseName(finding: Finding): string {
  const group = finding.securityGroup === null ? '' : ` [${finding.securityGroup.name}]`;
  return `${finding.check}${group} ${finding.file}:${finding.line}:${finding.column}`;
}

export const junitReporter: Reporter = (data, options) => {
  const findings = visibleFindings(data, options);
  const used = new Set<string>();
  const unique = (name: string): string => {
    let candidate = name;
    for (let count = 2; used.has(candidate); count += 1) candidate = `${name} (${count})`;
    used.add(candidate);
    return candidate;
  };

  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const problem of data.problems) {
    errors += 1;
    const where = `${problem.file}:${problem.line ?? 1}:${problem.column ?? 1}`;
    const head = { classname: problem.file, name: unique(`input ${where}`), file: problem.file, time: 0 };
    const error = element(
      'error',
      { message: problem.message, type: 'input' },
      `${where} ${problem.message}`,
    );
    cases.push(testcase(head, error));
  }
  for (const failure of data.failures) {
    // A check that failed checked nothing: the run is not clean.
    errors += 1;
    const head = { classname: 'sglint', name: unique(`check ${failure.check} failed`), time: 0 };
    const text = `check ${failure.check} failed: ${failure.message}`;
    cases.push(testcase(head, element('error', { message: failure.message, type: 'check' }, text)));
  }
  for (const finding of findings) {
    const head = { classname: finding.file, name: unique(caseName(finding)), file: finding.file, time: 0 };
    if (finding.suppressed !== undefined) {
      skipped += 1;
      cases.push(testcase(head, element('skipped', { message: finding.suppressed.justification })));
      continue;
    }
    failures += 1;
    const where = `${finding.file}:${finding.line}:${finding.column}`;
    const body = `${where} ${finding.severity} ${findingText(finding)} (${finding.check})`;
    cases.push(testcase(head, element('failure', { message: finding.message, type: finding.check }, body)));
  }
  if (cases.length === 0) cases.push(testcase({ classname: 'sglint', name: 'sglint: no findings', time: 0 }));

  const counts = { tests: cases.length, failures, errors, skipped };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'sglint', ...counts })}>`,
    `  <testsuite${attributes({ name: 'sglint', ...counts, time: 0 })}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
