/**
 * A table-driven tester for one check, in the spirit of ESLint's
 * RuleTester: each case is linted through the library pipeline with only
 * the check under test enabled, and its findings must match exactly
 * (count, order, line and column, and message or related rules when given).
 */
import { describe, expect, it } from 'vitest';
import { lintTexts, type LintResult } from '../../src/engine/lint.js';
import { BUILTIN_CHECKS, findCheck } from '../../src/engine/registry.js';
import type { CheckSetting } from '../../src/engine/settings.js';
import type { SharedSettings } from '../../src/engine/check.js';

/** A case that must raise no finding of the check. */
export interface ValidCase {
  name: string;
  /** The JSON document under test (file `doc.json`). */
  doc: string;
  /** More documents linted with it, e.g. a NIC list (files `extra-1.json`, …). */
  extra?: string[];
  /** Options of the check under test. */
  options?: Record<string, unknown>;
  /** Shared settings (trusted ranges, sensitive ports). */
  shared?: Partial<SharedSettings>;
}

/** One expected finding, in report order. */
export interface ExpectedError {
  /** Exact message, or a pattern it must match. */
  message?: string | RegExp;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Number of related (contributing) rules. */
  related?: number;
  severity?: 'error' | 'warning' | 'note';
  /** File the finding is in: `doc.json` unless given. */
  file?: string;
}

/** A case that must raise exactly the listed findings. */
export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Names of the documents a case is linted as. */
export const DOC_FILE = 'doc.json';

function caseKey(testCase: ValidCase): string {
  return JSON.stringify([testCase.doc, testCase.extra ?? [], testCase.options ?? {}, testCase.shared ?? {}]);
}

/**
 * Rejects tables that cannot test anything: an unknown check, an invalid
 * case with no expected finding, and duplicate case names or documents.
 */
export function validateCases(checkId: string, tests: RuleTests): void {
  if (findCheck(checkId) === undefined) throw new Error(`rule tester: unknown check "${checkId}"`);
  const names = new Set<string>();
  const docs = new Map<string, string>();
  for (const testCase of [...tests.valid, ...tests.invalid]) {
    if (testCase.name.trim() === '') throw new Error(`rule tester (${checkId}): a case has no name`);
    if (names.has(testCase.name)) {
      throw new Error(`rule tester (${checkId}): duplicate case name "${testCase.name}"`);
    }
    names.add(testCase.name);
    const key = caseKey(testCase);
    const earlier = docs.get(key);
    if (earlier !== undefined) {
      throw new Error(
        `rule tester (${checkId}): cases "${earlier}" and "${testCase.name}" test the same document`,
      );
    }
    docs.set(key, testCase.name);
  }
  for (const testCase of tests.invalid) {
    if (testCase.errors.length === 0) {
      throw new Error(
        `rule tester (${checkId}): invalid case "${testCase.name}" expects no finding; make it valid`,
      );
    }
  }
}

/** Lints one case with only `checkId` enabled. */
export function lintCase(checkId: string, testCase: ValidCase): LintResult {
  const check = findCheck(checkId);
  if (check === undefined) throw new Error(`rule tester: unknown check "${checkId}"`);
  const severity =
    check.defaultSeverity === 'off' ? (check.strictSeverity ?? 'warning') : check.defaultSeverity;
  const checks: Record<string, CheckSetting> = {};
  for (const other of BUILTIN_CHECKS) checks[other.id] = { severity: 'off' };
  checks[checkId] = { severity, ...(testCase.options === undefined ? {} : { options: testCase.options }) };
  const texts = [
    { path: DOC_FILE, text: testCase.doc },
    ...(testCase.extra ?? []).map((text, index) => ({ path: `extra-${index + 1}.json`, text })),
  ];
  return lintTexts(texts, { checks, ...(testCase.shared === undefined ? {} : { shared: testCase.shared }) });
}

function project(result: LintResult, expected: readonly ExpectedError[]): Record<string, unknown>[] {
  return result.findings.map((finding, index) => {
    const want = expected[index];
    const shown: Record<string, unknown> = {
      file: finding.file,
      line: finding.line,
      column: finding.column,
    };
    if (want === undefined) {
      shown.message = finding.message;
      return shown;
    }
    if (want.message !== undefined) shown.message = finding.message;
    if (want.endLine !== undefined) shown.endLine = finding.endLine;
    if (want.endColumn !== undefined) shown.endColumn = finding.endColumn;
    if (want.related !== undefined) shown.related = finding.related.length;
    if (want.severity !== undefined) shown.severity = finding.severity;
    return shown;
  });
}

function expectation(expected: readonly ExpectedError[]): Record<string, unknown>[] {
  return expected.map((want) => {
    const shown: Record<string, unknown> = {
      file: want.file ?? DOC_FILE,
      line: want.line,
      column: want.column,
    };
    if (want.message !== undefined) {
      shown.message = typeof want.message === 'string' ? want.message : expect.stringMatching(want.message);
    }
    if (want.endLine !== undefined) shown.endLine = want.endLine;
    if (want.endColumn !== undefined) shown.endColumn = want.endColumn;
    if (want.related !== undefined) shown.related = want.related;
    if (want.severity !== undefined) shown.severity = want.severity;
    return shown;
  });
}

/** Lints a case and asserts its findings; throws (fails the test) on any difference. */
export function checkCase(checkId: string, testCase: ValidCase | InvalidCase): void {
  const result = lintCase(checkId, testCase);
  expect(result.problems, 'the documents must load without input problems').toEqual([]);
  expect(result.failures, 'the check must not throw').toEqual([]);
  expect(result.incomplete, 'the analysis must finish within its work bound').toEqual([]);
  for (const finding of result.findings) expect(finding.check).toBe(checkId);
  const expected = 'errors' in testCase ? testCase.errors : [];
  expect(project(result, expected)).toEqual(expectation(expected));
}

/** Declares the vitest cases of one check's table. */
export function ruleTester(checkId: string, tests: RuleTests): void {
  validateCases(checkId, tests);
  describe(checkId, () => {
    describe('valid', () => {
      for (const testCase of tests.valid) it(testCase.name, () => checkCase(checkId, testCase));
    });
    describe('invalid', () => {
      for (const testCase of tests.invalid) it(testCase.name, () => checkCase(checkId, testCase));
    });
  });
}
