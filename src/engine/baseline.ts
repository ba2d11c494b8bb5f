/**
 * The baseline: fingerprints of accepted findings, so that a project can
 * adopt sglint and fail only on new ones. File format (stable, sorted):
 * `{"version": 1, "fingerprints": ["…", …]}`.
 */
import type { Finding } from './finding.js';

export const BASELINE_VERSION = 1;

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** Parses a baseline file's text; `file` names it in errors. */
export function parseBaseline(text: string, file: string): Set<string> {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new BaselineError(`${file}: not valid JSON; expected {"version": 1, "fingerprints": [...]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BaselineError(`${file}: expected an object {"version": 1, "fingerprints": [...]}`);
  }
  const record = value as Record<string, unknown>;
  if (record.version !== BASELINE_VERSION) {
    throw new BaselineError(
      `${file}: version: expected ${BASELINE_VERSION}, got ${JSON.stringify(record.version)}`,
    );
  }
  const fingerprints = record.fingerprints;
  if (!Array.isArray(fingerprints)) {
    throw new BaselineError(`${file}: fingerprints: expected an array of strings`);
  }
  const set = new Set<string>();
  fingerprints.forEach((fingerprint, index) => {
    if (typeof fingerprint !== 'string') {
      throw new BaselineError(
        `${file}: fingerprints[${index}]: expected a string, got ${typeof fingerprint}`,
      );
    }
    set.add(fingerprint);
  });
  return set;
}

/** The baseline text for these findings (label-suppressed ones need no entry). */
export function serializeBaseline(findings: readonly Finding[]): string {
  const fingerprints = [
    ...new Set(
      findings
        .filter((finding) => finding.suppressed?.kind !== 'label')
        .map((finding) => finding.fingerprint),
    ),
  ].sort();
  return `${JSON.stringify({ version: BASELINE_VERSION, fingerprints }, null, 2)}\n`;
}

/** Marks findings whose fingerprint is in the baseline as suppressed (they stop counting). */
export function applyBaseline(
  findings: readonly Finding[],
  fingerprints: ReadonlySet<string>,
  file: string,
): void {
  for (const finding of findings) {
    if (finding.suppressed === undefined && fingerprints.has(finding.fingerprint)) {
      finding.suppressed = { kind: 'baseline', justification: `accepted in baseline ${file}` };
    }
  }
}
