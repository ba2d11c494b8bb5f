/**
 * One lint run from the command line: config and plugins, inputs,
 * baseline, every requested report, the summary line and the exit code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from '../config/load.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import { applyBaseline, BaselineError, parseBaseline, serializeBaseline } from '../engine/baseline.js';
import { SEVERITY_RANK } from '../engine/finding.js';
import { lint, type LintResult } from '../engine/lint.js';
import { SettingsError } from '../engine/settings.js';
import { displayPath, type InputText } from '../load/read.js';
import { REPORTERS } from '../report/index.js';
import { summarize } from '../report/summary.js';
import { inert } from '../report/text.js';
import { parseFormatTargets, type FormatTarget } from './formats.js';
import { EXIT, type CliIo } from './io.js';
import type { LintCliOptions } from './options.js';
import { formatReport } from '../format.js';
import { OutputError, refuseOverRead, writeOutput, type ReadFile } from './output.js';
import { count, summaryLine } from './summary-line.js';

function useColor(option: boolean | undefined, io: CliIo, toFile: boolean): boolean {
  if (option !== undefined) return option;
  if (toFile) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  // FORCE_COLOR=0 (or false) asks for no colour, as in the Node.js and chalk convention.
  if (io.env.FORCE_COLOR === '0' || io.env.FORCE_COLOR === 'false') return false;
  if (io.env.FORCE_COLOR !== undefined) return true;
  return io.stdout.isTTY === true;
}

class UsageError extends Error {}

async function readBaseline(file: string, io: CliIo): Promise<ReadonlySet<string>> {
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ' (create it with --update-baseline)' : '';
    throw new UsageError(
      `cannot read baseline ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}${hint}`,
    );
  }
  return parseBaseline(text, file);
}

function printDiagnostics(result: LintResult, config: ResolvedConfig, io: CliIo): void {
  for (const problem of result.problems) {
    const where =
      problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
    io.stderr.write(`${inert(where)}: ${problem.fatal ? 'error' : 'note'}: ${inert(problem.message)}\n`);
  }
  for (const failure of result.failures) {
    const plugin = config.pluginOrigin.get(failure.check);
    const from = plugin === undefined ? '' : ` (plugin ${inert(plugin)})`;
    io.stderr.write(`sglint: check ${failure.check}${from} failed: ${inert(failure.message)}\n`);
  }
  if (result.incomplete.length > 0) {
    io.stderr.write(
      'sglint: analysis stopped early (work bound reached) for: ' +
        `${result.incomplete.map(inert).join(', ')}; ` +
        'some set-based findings may be missing there\n',
    );
  }
}

/** GitHub code scanning rejects a whole SARIF file when one run holds more results than this. */
const GITHUB_SARIF_RESULTS = 25_000;

function warnOverSarifLimit(result: LintResult, options: LintCliOptions, io: CliIo): void {
  const results =
    options.quiet === true
      ? result.findings.filter((finding) => finding.severity === 'error').length
      : result.findings.length;
  if (results <= GITHUB_SARIF_RESULTS) return;
  io.stderr.write(
    `sglint: warning: the SARIF report holds ${results} results; GitHub code scanning rejects a run with ` +
      `more than ${GITHUB_SARIF_RESULTS} (lint fewer files per upload, or use --quiet for errors only)\n`,
  );
}

async function writeReports(
  targets: readonly FormatTarget[],
  result: LintResult,
  options: LintCliOptions,
  read: readonly ReadFile[],
  io: CliIo,
): Promise<void> {
  for (const target of targets) {
    if (!Object.hasOwn(REPORTERS, target.format)) continue;
    const text = formatReport(result, target.format, {
      color: useColor(options.color, io, target.file !== undefined),
      quiet: options.quiet === true,
      includeSuppressed: options.reportSuppressed === true,
    });
    if (target.format === 'sarif') warnOverSarifLimit(result, options, io);
    if (target.file === undefined) io.stdout.write(text);
    else await writeOutput(target.file, text, read, io.cwd, { durable: false });
  }
}

function exitCode(result: LintResult, options: LintCliOptions, configBroken: boolean): number {
  if (result.failures.length > 0) return EXIT.internal;
  if (configBroken || result.problems.some((problem) => problem.fatal)) return EXIT.usage;
  const counted = result.findings.filter((finding) => finding.suppressed === undefined);
  if (options.failOn !== 'never') {
    const threshold = SEVERITY_RANK[options.failOn];
    if (counted.some((finding) => SEVERITY_RANK[finding.severity] >= threshold)) return EXIT.findings;
  }
  if (options.maxWarnings !== undefined && result.summary.warnings > options.maxWarnings)
    return EXIT.findings;
  return EXIT.ok;
}

/**
 * Why the run saw less than the whole project (an input not read or parsed,
 * a plugin not loaded, a check that failed), or undefined when it saw all.
 */
function incompleteRun(result: LintResult, config: ResolvedConfig): string | undefined {
  const inputs = new Set(
    result.problems.filter((problem) => problem.fatal).map((problem) => problem.file),
  ).size;
  const reasons = [
    ...(inputs === 0 ? [] : [`${count(inputs, 'input')} could not be read`]),
    ...(config.pluginErrors.length === 0 ? [] : [count(config.pluginErrors.length, 'plugin error')]),
    ...(result.failures.length === 0 ? [] : [`${count(result.failures.length, 'check')} failed`]),
  ];
  return reasons.length === 0 ? undefined : reasons.join(', ');
}

/**
 * Lints the inputs and reports; `extraTexts` carries documents fetched live, and
 * `otherReads` files read outside the lint (credentials) that no report may replace.
 */
export async function runLint(
  paths: string[],
  options: LintCliOptions,
  io: CliIo,
  extraTexts: InputText[] = [],
  otherReads: readonly ReadFile[] = [],
): Promise<number> {
  const started = performance.now();
  if (paths.length === 0 && extraTexts.length === 0) {
    io.stderr.write('sglint: no input given; name files or directories, or "-" for standard input\n');
    return EXIT.usage;
  }
  if (paths.filter((entry) => entry === '-').length > 1) {
    io.stderr.write('sglint: "-" (standard input) is given more than once; it can be read only once\n');
    return EXIT.usage;
  }
  const parsedTargets = parseFormatTargets(options.format, options.output, io.cwd);
  if ('error' in parsedTargets) {
    io.stderr.write(`sglint: ${parsedTargets.error}\n`);
    return EXIT.usage;
  }
  if (options.updateBaseline === true && options.baseline === undefined) {
    io.stderr.write('sglint: --update-baseline needs --baseline FILE to know where to write\n');
    return EXIT.usage;
  }

  let result: LintResult;
  let config: ResolvedConfig;
  let configFile: string | undefined;
  try {
    const loaded = await loadConfig(io.cwd, options.config);
    configFile = loaded?.file;
    config = await resolveConfig(loaded);
    for (const error of config.pluginErrors) io.stderr.write(`sglint: ${inert(error)}\n`);
    const baseline =
      options.baseline !== undefined && options.updateBaseline !== true
        ? { fingerprints: await readBaseline(options.baseline, io), file: options.baseline }
        : undefined;
    result = await lint(paths, {
      ...config.lint,
      cwd: io.cwd,
      ...(paths.includes('-') ? { stdin: io.stdin } : {}),
      maxInputBytes: options.maxInputSize,
      extraTexts,
      ignore: config.ignores,
      ...(baseline === undefined ? {} : { baseline }),
    });
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof SettingsError ||
      error instanceof BaselineError ||
      error instanceof UsageError
    ) {
      io.stderr.write(`sglint: ${error.message.split('\n').join('\nsglint: ')}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  printDiagnostics(result, config, io);
  // Every file the run read, walked ones and symlinks included: no report may replace one.
  const readFiles: ReadFile[] = [
    ...[...paths, ...result.inputFiles].map((file) => ({ file, role: 'input file' })),
    ...(configFile === undefined ? [] : [{ file: configFile, role: 'config file' }]),
    ...config.pluginFiles.map((file) => ({ file, role: 'plugin module' })),
    ...otherReads,
  ];
  // The baseline is read, or written by --update-baseline: a report replaces it in neither case.
  const reportGuard: ReadFile[] =
    options.baseline === undefined
      ? readFiles
      : [...readFiles, { file: options.baseline, role: 'baseline file' }];

  try {
    // Every report target is checked before anything is written: a refused one leaves all files as they were.
    for (const target of parsedTargets.targets) {
      if (target.file !== undefined) await refuseOverRead(target.file, reportGuard, io.cwd);
    }
    const unread = options.updateBaseline === true ? incompleteRun(result, config) : undefined;
    if (unread !== undefined && options.baseline !== undefined) {
      // Like `live --save`: a baseline written now would drop the accepted findings of what was not read.
      const shown = displayPath(path.resolve(io.cwd, options.baseline), io.cwd);
      io.stderr.write(`sglint: baseline ${inert(shown)} not updated: ${unread}\n`);
    } else if (options.updateBaseline === true && options.baseline !== undefined) {
      const accepted = new Set(
        result.findings
          .filter((finding) => finding.suppressed === undefined)
          .map((finding) => finding.fingerprint),
      );
      await writeOutput(options.baseline, serializeBaseline(result.findings), readFiles, io.cwd);
      applyBaseline(result.findings, accepted, options.baseline);
      const { files, groups, rules } = result.summary;
      result.summary = summarize(result.findings, { files, groups, rules });
      const shown = displayPath(path.resolve(io.cwd, options.baseline), io.cwd);
      io.stderr.write(
        `sglint: wrote ${accepted.size} fingerprint${accepted.size === 1 ? '' : 's'} to ${shown}\n`,
      );
    }
    // A plugin that did not load leaves the run incomplete: every report says so, as for an unread input.
    const configShown = configFile === undefined ? 'sglint.config.json' : displayPath(configFile, io.cwd);
    const reported: LintResult =
      config.pluginErrors.length === 0
        ? result
        : {
            ...result,
            problems: [
              ...result.problems,
              ...config.pluginErrors.map((message) => ({ file: configShown, message, fatal: true })),
            ],
          };
    await writeReports(parsedTargets.targets, reported, options, reportGuard, io);
  } catch (error) {
    if (error instanceof OutputError) {
      io.stderr.write(`sglint: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const code = exitCode(result, options, config.pluginErrors.length > 0);
  const { warnings } = result.summary;
  if (code === EXIT.findings && options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`sglint: too many warnings: ${warnings}, more than --max-warnings ${options.maxWarnings}\n`);
  }
  if (options.quiet !== true) io.stderr.write(`${summaryLine(result.summary, performance.now() - started)}\n`);
  return code;
}
