/**
 * SARIF 2.1.0 for code-scanning UIs: one run, every known check as a rule
 * with full metadata, repo-relative URIs, full regions, string
 * `security-severity`, and fingerprints in `partialFingerprints` that do
 * not depend on line numbers.
 */
import type * as Sarif from 'sarif';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDoc, docSection } from '../engine/docs.js';
import type { Check } from '../engine/check.js';
import { jsonSafe } from './text.js';
import type { Reporter } from './types.js';

/** A URI for a reported path: relative paths stay relative (percent-encoded), others become file URIs. */
export function artifactUri(file: string): string {
  if (file === '<stdin>') return 'stdin';
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split('/')
    .filter((segment) => segment !== '.' && segment !== '')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function firstSentence(text: string): string {
  return text.length > 1024 ? `${text.slice(0, 1021)}...` : text;
}

function ruleDescriptor(check: Check<unknown>): Sarif.ReportingDescriptor {
  const doc = checkDoc(check.id);
  const why = doc === undefined ? undefined : docSection(doc, 'Why it matters');
  const fix = doc === undefined ? undefined : docSection(doc, 'How to fix');
  const level = check.defaultSeverity === 'off' ? 'none' : check.defaultSeverity;
  const name = check.id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return {
    id: check.id,
    name,
    shortDescription: { text: firstSentence(check.description) },
    fullDescription: { text: firstSentence(why === undefined ? check.description : `${check.description} ${why}`) },
    help: {
      text: firstSentence(fix ?? check.description),
      markdown: doc ?? check.description,
    },
    defaultConfiguration: { level },
    properties: {
      tags: check.tags.slice(0, 10),
      ...(check.precision === undefined ? {} : { precision: check.precision }),
      'problem.severity': level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'recommendation',
      ...(check.securitySeverity === undefined ? {} : { 'security-severity': check.securitySeverity }),
    },
  };
}

export const sarifReporter: Reporter = (data, options) => {
  const checks = [...data.checks];
  const ruleIndex = new Map(checks.map((check, index) => [check.id, index]));
  const results: Sarif.Result[] = [];

  // Suppressed results stay (with their suppressions); --quiet keeps errors only.
  for (const finding of data.findings.filter((entry) => !options.quiet || entry.severity === 'error')) {
    const index = ruleIndex.get(finding.check);
    const result: Sarif.Result = {
      ruleId: finding.check,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: finding.severity,
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(finding.file) },
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              endColumn: finding.endColumn,
            },
          },
          ...(finding.logical === undefined
            ? {}
            : { logicalLocations: [{ fullyQualifiedName: finding.logical, kind: 'resource' }] }),
        },
      ],
      partialFingerprints: { 'sglint/v1': finding.fingerprint },
    };
    if (finding.related.length > 0) {
      result.relatedLocations = finding.related.map((related, position) => ({
        id: position + 1,
        message: { text: related.rule.id === null ? 'contributing rule' : `contributing rule ${related.rule.id}` },
        physicalLocation: {
          artifactLocation: { uri: artifactUri(related.file) },
          region: { startLine: related.line, startColumn: related.column },
        },
      }));
    }
    if (finding.suppressed !== undefined) {
      result.suppressions = [
        {
          kind: finding.suppressed.kind === 'label' ? 'inSource' : 'external',
          status: 'accepted',
          justification: finding.suppressed.justification,
        },
      ];
    }
    results.push(result);
  }

  const notifications: Sarif.Notification[] = [
    ...data.problems.map((problem) => ({
      level: 'error' as const,
      message: { text: problem.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(problem.file) },
            region: { startLine: problem.line ?? 1, startColumn: problem.column ?? 1 },
          },
        },
      ],
    })),
    ...data.failures.map((failure) => ({
      level: 'error' as const,
      message: { text: `check ${failure.check} failed: ${failure.message}` },
      associatedRule: { id: failure.check },
    })),
  ];

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sglint',
            version: data.toolVersion,
            semanticVersion: data.toolVersion,
            rules: checks.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: data.problems.length === 0 && data.failures.length === 0,
            ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications }),
          },
        ],
        results,
      },
    ],
  };
  return `${jsonSafe(JSON.stringify(log, null, 2))}\n`;
};
