/**
 * A finding as reporters see it: resolved to file, line and column, with a
 * fingerprint that survives reformatting and reordering of the input.
 * Its JSON form is the documented report contract (README "JSON report").
 */
import type { Severity } from '../model/types.js';

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  pointer: string;
  rule: { id: string | null };
}

export interface Finding {
  check: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  pointer: string;
  /** A logical name for the place: Terraform address, live project path. */
  logical?: string;
  securityGroup: { id: string | null; name: string } | null;
  rule: { id: string | null } | null;
  related: RelatedLocation[];
  fingerprint: string;
  /** Present when the finding is suppressed (then it does not count). */
  suppressed?: { kind: 'label' | 'baseline'; justification: string };
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1 };

/** Deterministic report order: file, line, column, check, message. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.check !== b.check) return a.check < b.check ? -1 : 1;
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  return 0;
}
