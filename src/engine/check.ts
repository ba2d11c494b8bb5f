/**
 * The interface every check implements, built-in or plugin: metadata, a
 * zod schema for its options, and one `check` function that reads the
 * model and reports findings. Checks never parse input or print.
 */
import type { z } from 'zod';
import type { GroupAnalysis } from '../analysis/group-analysis.js';
import type { GroupProblem } from '../load/build.js';
import type {
  Model,
  NetworkInterface,
  SecurityGroup,
  SecurityGroupRule,
  Severity,
  SourceRef,
} from '../model/types.js';
import type { SensitivePort } from './sensitive-ports.js';

export type SeveritySetting = Severity | 'off';

export interface CheckMeta {
  /** Stable id; part of the JSON and SARIF contract. */
  id: string;
  /** One line: what the check flags. */
  description: string;
  defaultSeverity: SeveritySetting;
  /** Severity under the `strict` preset, when it differs. */
  strictSeverity?: SeveritySetting;
  /** Tags for SARIF viewers (at most 10). */
  tags: string[];
  /** GitHub code-scanning score, a string in (0.0, 10.0]; plugins may leave it out (no security rule). */
  securitySeverity?: string;
  /** How often a finding is right; plugins may leave it out. */
  precision?: 'very-high' | 'high' | 'medium' | 'low';
}

export interface Check<Options = unknown> extends CheckMeta {
  /** Options schema; `parse({})` must give the defaults. */
  options: z.ZodType<Options>;
  check(context: CheckContext<Options>): void;
}

/** Settings shared by several checks. */
export interface SharedSettings {
  /** CIDRs that count as internal, not public. */
  trustedRanges: string[];
  sensitivePorts: SensitivePort[];
}

export interface CheckContext<Options> {
  model: Model;
  options: Options;
  settings: SharedSettings;
  analysis: GroupAnalysis;
  groupProblems: readonly GroupProblem[];
  report(finding: ReportInput): void;
}

export interface ReportInput {
  message: string;
  group?: SecurityGroup;
  rule?: SecurityGroupRule;
  nic?: NetworkInterface;
  related?: SecurityGroupRule[];
  /** An absolute JSON pointer to point at instead of the object's own. */
  pointer?: string;
  /** Where to point when neither rule, group nor nic says it. */
  source?: SourceRef;
  /** Overrides the configured severity (e.g. a note-level variant). */
  severity?: Severity;
}

/** Identity for a check function, so typos in metadata fail type checking. */
export function defineCheck<Options>(check: Check<Options>): Check<Options> {
  return check;
}
