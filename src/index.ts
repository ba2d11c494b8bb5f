/**
 * The sglint library: load security-group documents, lint them, render
 * reports. Nothing here prints or exits; input problems come back as
 * values (`LintResult.problems`, `invalid-rule` findings) and only caller
 * mistakes reject, with {@link SettingsError}.
 *
 * ```ts
 * import { lint, formatReport } from 'sglint';
 * const result = await lint(['infra/']);
 * process.stdout.write(formatReport(result, 'stylish'));
 * ```
 */
import { BUILTIN_CHECKS } from './engine/registry.js';

export { lint, lintModel, lintTexts, type LintOptions, type LintResult } from './engine/lint.js';
export { loadDocuments, loadTexts, type LoadOptions, type LoadResult } from './load/index.js';
export { DEFAULT_MAX_INPUT_BYTES, type InputText, type ReadOptions } from './load/read.js';
export type { GroupProblem } from './load/build.js';
export type { ShapeReader, ReadResult } from './load/records.js';
export {
  defineCheck,
  type Check,
  type CheckContext,
  type CheckMeta,
  type ReportInput,
  type SeveritySetting,
  type SharedSettings,
} from './engine/check.js';
export { SettingsError, type CheckSetting, type Preset } from './engine/settings.js';
export type { CheckFailure } from './engine/run.js';
export type { Finding, RelatedLocation } from './engine/finding.js';
export type { Summary } from './report/summary.js';
export type { Reporter, ReportData, ReportOptions } from './report/types.js';
export { REPORTERS as reporters, FORMAT_NAMES } from './report/index.js';
export { formatReport, type FormatOptions } from './format.js';
export type {
  Direction,
  Family,
  LoadProblem,
  Model,
  NetworkInterface,
  Position,
  Remote,
  RuleProblem,
  SecurityGroup,
  SecurityGroupRule,
  Severity,
  SourceFile,
  SourceRef,
} from './model/types.js';
export { VERSION } from './cli/version.js';

/** The built-in checks, in catalog order; pass more through `LintOptions.extraChecks`. */
export const checks = BUILTIN_CHECKS;
