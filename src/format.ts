/**
 * A lint result rendered in one of the report formats, exactly as the CLI
 * prints it, for library callers.
 */
import { VERSION } from './cli/version.js';
import type { LintResult } from './engine/lint.js';
import { SettingsError } from './engine/settings.js';
import { FORMAT_NAMES, REPORTERS } from './report/index.js';

/** How {@link formatReport} renders. */
export interface FormatOptions {
  /** Colour escapes (stylish only); default false. */
  color?: boolean;
  /** Errors only; default false. */
  quiet?: boolean;
  /** Keep suppressed findings in formats that otherwise drop them; default false. */
  includeSuppressed?: boolean;
}

/**
 * Renders `result` in `format` (one of {@link FORMAT_NAMES}). Throws
 * {@link SettingsError} for an unknown format name.
 */
export function formatReport(result: LintResult, format: string, options: FormatOptions = {}): string {
  const reporter = Object.hasOwn(REPORTERS, format) ? REPORTERS[format] : undefined;
  if (reporter === undefined) {
    throw new SettingsError(
      `unknown format ${JSON.stringify(format)}; expected one of ${FORMAT_NAMES.join(', ')}`,
    );
  }
  return reporter(
    {
      findings: result.findings,
      summary: result.summary,
      problems: result.problems.filter((problem) => problem.fatal),
      checks: result.checks,
      failures: result.failures,
      toolVersion: VERSION,
      includeSuppressed: options.includeSuppressed === true,
    },
    { color: options.color === true, quiet: options.quiet === true },
  );
}
