/**
 * Turns zod issues into messages that name the file, the key path and
 * what is allowed: `sglint.config.json: checks.ingress-world: expected
 * one of "off", "note", "warning", "error"; got "warn"`.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** `checks.ingress-world.options`, `overrides[0].groups`, `checks["a.b"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(String(segment))) text += `${text === '' ? '' : '.'}${String(segment)}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function kind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${show(value)}`;
}

/** A union failed: keep the branch that got furthest (not a plain type mismatch at its root). */
function bestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] {
  const deeper = branches.find((issues) =>
    issues.every((issue) => !(issue.code === 'invalid_type' && issue.path.length === 0)),
  );
  return deeper ?? branches[0] ?? [];
}

function flatten(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[],
): { path: PropertyKey[]; text: string }[] {
  const lines: { path: PropertyKey[]; text: string }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'invalid_union': {
        const branches = issue.errors;
        const noneFits = branches.every((inner) => inner.some((entry) => wrongType(entry, issue.input)));
        if (branches.length === 0) lines.push({ path, text: issue.message });
        else if (noneFits) {
          const expected = branches.map((inner) => describeExpected(inner[0])).join(' or ');
          lines.push({ path, text: `expected ${expected}; got ${kind(issue.input)}` });
        } else lines.push(...flatten(bestBranch(branches), path));
        break;
      }
      case 'invalid_value':
        lines.push({
          path,
          text: `expected ${describeExpected(issue)}; got ${show(issue.input)}`,
        });
        break;
      case 'invalid_type':
        lines.push({ path, text: `expected ${article(issue.expected)}; got ${kind(issue.input)}` });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) lines.push({ path: [...path, key], text: issue.message });
        break;
      default:
        lines.push({ path, text: issue.message });
    }
  }
  return lines;
}

/** True when an issue says the value at the union's root has the wrong type altogether. */
function wrongType(issue: Issue, input: unknown): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type') return true;
  return issue.code === 'invalid_value' && issue.values.every((value) => typeof value !== typeof input);
}

function article(expected: string): string {
  if (expected === 'array' || expected === 'object') return `an ${expected}`;
  return `a ${expected}`;
}

function describeExpected(issue: Issue | undefined): string {
  if (issue === undefined) return 'something else';
  if (issue.code === 'invalid_value')
    return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  if (issue.code === 'invalid_type') return article(issue.expected);
  return issue.message;
}

/**
 * One line per problem, each `file: key.path: what is wrong and what is
 * allowed`; `prefix` starts every path.
 */
export function formatIssues(
  issues: readonly Issue[],
  file: string,
  prefix: readonly PropertyKey[] = [],
): string[] {
  return flatten(issues, prefix).map(({ path, text }) => {
    const where = formatPath(path);
    return `${file}: ${where === '' ? '(top level)' : where}: ${text}`;
  });
}
