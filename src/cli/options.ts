/**
 * The report and gate options shared by `sglint [paths]` and `sglint live`.
 */
import { CommanderError, InvalidArgumentError, Option, type Command } from 'commander';
import { FORMAT_NAMES } from '../report/index.js';

export interface LintCliOptions {
  /** `--format` specs as given: `name` or `name=FILE`. */
  format: string[];
  output?: string;
  failOn: 'error' | 'warning' | 'note' | 'never';
  maxWarnings?: number;
  color?: boolean;
  quiet?: boolean;
  maxInputSize: number;
  config?: string;
  baseline?: string;
  updateBaseline?: boolean;
  reportSuppressed?: boolean;
}

/** A whole number argument (commander parser); exit 2 with a message otherwise. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value))
    throw new CommanderError(2, 'sglint.invalidArgument', `expected a whole number, got "${value}"`);
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds the report, gate, config and baseline options to a command. */
export function addReportOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '-f, --format <format>',
        `report format (${FORMAT_NAMES.join(', ')}); ` +
          'repeat with FORMAT=FILE to write several, e.g. sarif=out.sarif',
      )
        .argParser(collect)
        .default([], 'stylish'),
    )
    .addOption(
      new Option('-o, --output <file>', 'write the report to a file (atomically) instead of standard output').argParser(
        (value: string, previous: string | undefined) => {
          // A second -o would silently win over the first: say how to write several reports.
          if (previous !== undefined) throw new InvalidArgumentError('given twice; write several reports with -f FORMAT=FILE');
          return value;
        },
      ),
    )
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)')
        .choices(['error', 'warning', 'note', 'never'])
        .default('error'),
    )
    .option('--max-warnings <n>', 'fail when there are more than n warnings', parseCount)
    .option(
      '-c, --config <file>',
      'config file (default: sglint.config.json found upward from the working directory)',
    )
    .option('--baseline <file>', 'report only findings whose fingerprint is not in this baseline file')
    .option('--update-baseline', 'write every current finding to the --baseline file and exit 0')
    .option('--report-suppressed', 'show suppressed findings (label or baseline) in every format')
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output')
    .option('-q, --quiet', 'report errors only and print no summary line');
}
