/**
 * The command line: parses arguments with commander and wires loading,
 * checks and reporters together. It decides exit codes: 0 clean, 1
 * findings at or above the fail threshold, 2 usage/config/input error,
 * 3 internal failure.
 */
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { lint } from '../engine/lint.js';
import { BUILTIN_CHECKS } from '../engine/registry.js';
import { SettingsError } from '../engine/settings.js';
import { SEVERITY_RANK } from '../engine/finding.js';
import { formatReport } from '../format.js';
import { FORMAT_NAMES, REPORTERS } from '../report/index.js';
import { inert } from '../report/text.js';
import { OutputError, writeOutput } from './output.js';
import { VERSION } from './version.js';
import { DEFAULT_MAX_INPUT_BYTES, type InputText } from '../load/read.js';
import { registerLive } from './live.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export interface LintCliOptions {
  format: string;
  output?: string;
  failOn: 'error' | 'warning' | 'note' | 'never';
  maxWarnings?: number;
  color?: boolean;
  quiet?: boolean;
  maxInputSize: number;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new CommanderError(2, 'sglint.invalidArgument', `expected a whole number, got "${value}"`);
  return Number(value);
}

function parseSize(value: string): number {
  const match = /^(\d+)([kmg]?b?)?$/i.exec(value.trim());
  if (match === null) throw new CommanderError(2, 'sglint.invalidArgument', `expected a size such as 512mb, got "${value}"`);
  const unit = (match[2] ?? '').toLowerCase().replace('b', '');
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(match[1]) * factor;
}

function useColor(option: boolean | undefined, io: CliIo, toFile: boolean): boolean {
  if (option !== undefined) return option;
  if (toFile) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}

/** Lints the inputs and reports; `extraTexts` carries documents fetched live. */
export async function runLint(
  paths: string[],
  options: LintCliOptions,
  io: CliIo,
  extraTexts: InputText[] = [],
): Promise<number> {
  if (paths.length === 0 && extraTexts.length === 0) {
    io.stderr.write('sglint: no input given; name files or directories, or "-" for standard input\n');
    return EXIT.usage;
  }
  const reporter = REPORTERS[options.format];
  if (reporter === undefined) {
    io.stderr.write(`sglint: unknown format "${options.format}"; expected one of ${FORMAT_NAMES.join(', ')}\n`);
    return EXIT.usage;
  }

  let result;
  try {
    result = await lint(paths, {
      cwd: io.cwd,
      stdin: io.stdin,
      maxInputBytes: options.maxInputSize,
      extraTexts,
    });
  } catch (error) {
    if (error instanceof SettingsError) {
      io.stderr.write(`sglint: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const fatal = result.problems.filter((problem) => problem.fatal);
  for (const problem of result.problems) {
    const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
    io.stderr.write(`${inert(where)}: ${problem.fatal ? 'error' : 'note'}: ${inert(problem.message)}\n`);
  }
  for (const failure of result.failures) {
    io.stderr.write(`sglint: check ${failure.check} failed: ${inert(failure.message)}\n`);
  }
  if (result.incomplete.length > 0) {
    io.stderr.write(
      `sglint: analysis stopped early (work bound reached) for: ${result.incomplete.map(inert).join(', ')}; ` +
        'some set-based findings may be missing there\n',
    );
  }

  const text = formatReport(result, options.format, {
    color: useColor(options.color, io, options.output !== undefined),
    quiet: options.quiet === true,
  });
  if (options.output !== undefined) {
    try {
      await writeOutput(options.output, text, [...paths, ...result.inputFiles], io.cwd);
    } catch (error) {
      if (error instanceof OutputError) {
        io.stderr.write(`sglint: ${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
  } else {
    io.stdout.write(text);
  }

  if (result.failures.length > 0) return EXIT.internal;
  if (fatal.length > 0) return EXIT.usage;
  const counted = result.findings.filter((finding) => finding.suppressed === undefined);
  if (options.failOn !== 'never') {
    const threshold = SEVERITY_RANK[options.failOn];
    if (counted.some((finding) => SEVERITY_RANK[finding.severity] >= threshold)) return EXIT.findings;
  }
  if (options.maxWarnings !== undefined && result.summary.warnings > options.maxWarnings) return EXIT.findings;
  return EXIT.ok;
}

function listRules(io: CliIo, color: boolean): number {
  const colors = pc.createColors(color);
  const width = Math.max(...BUILTIN_CHECKS.map((check) => check.id.length));
  for (const check of BUILTIN_CHECKS) {
    const severity = check.defaultSeverity.padEnd(7);
    io.stdout.write(`${check.id.padEnd(width)}  ${colors.dim(severity)}  ${check.description}\n`);
  }
  return EXIT.ok;
}

/** Builds the commander program; `setExit` receives each command's exit code. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('sglint')
    .description('Static analyzer and linter for STACKIT security groups.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showSuggestionAfterError(true)
    .enablePositionalOptions();

  program
    .argument('[paths...]', 'files, directories (every *.json below them) or - for standard input')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of standard output')
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)')
        .choices(['error', 'warning', 'note', 'never'])
        .default('error'),
    )
    .option('--max-warnings <n>', 'fail when there are more than n warnings', parseCount)
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output')
    .option('-q, --quiet', 'report errors only')
    .option('--max-input-size <size>', 'largest input file to read (e.g. 256mb)', parseSize, DEFAULT_MAX_INPUT_BYTES)
    .action(async (paths: string[], options: LintCliOptions) => {
      setExit(await runLint(paths, options, io));
    });

  registerLive(program, io, setExit);

  program
    .command('rules')
    .description('list the checks with their default severity')
    .action(() => {
      setExit(listRules(io, useColor(undefined, io, false)));
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io?: Partial<CliIo>): Promise<number> {
  const fullIo: CliIo = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    stdin: io?.stdin ?? process.stdin,
    cwd: io?.cwd ?? process.cwd(),
    env: io?.env ?? process.env,
  };
  let exitCode: number = EXIT.ok;
  const program = buildProgram(fullIo, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return EXIT.ok;
      }
      if (error.code === 'sglint.invalidArgument') fullIo.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  return exitCode;
}
