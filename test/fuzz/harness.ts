/**
 * Runs sglint the two ways a user does — the library and the CLI (in
 * process through `main(argv, io)`, capturing what it would print) — and
 * checks what must hold for any input.
 */
import { Readable, Writable } from 'node:stream';
import { splitSummary } from '../e2e/cli.js';
import { lintTexts } from '../../src/engine/lint.js';
import { BUILTIN_CHECKS } from '../../src/engine/registry.js';
import { formatReport } from '../../src/format.js';
import { main } from '../../src/cli/main.js';
import { FORMAT_NAMES } from '../../src/report/index.js';
import { FORMAT_VALIDATORS } from './formats.js';

const CHECK_IDS = new Set(BUILTIN_CHECKS.map((check) => check.id));

/** Lints documents through the library and renders every format; throws on any broken promise. */
export function lintAndRender(texts: readonly { path: string; text: string }[]): string {
  const result = lintTexts(texts);
  for (const finding of result.findings) {
    if (!CHECK_IDS.has(finding.check)) throw new Error(`unknown check ${finding.check}`);
    if (!(finding.line >= 1 && finding.column >= 1 && finding.endLine >= finding.line)) {
      throw new Error(
        `bad location ${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`,
      );
    }
  }
  if (result.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  const outputs: string[] = [];
  for (const format of FORMAT_NAMES) {
    const output = formatReport(result, format);
    const validate = FORMAT_VALIDATORS[format];
    if (validate === undefined) throw new Error(`no validator for format ${format}`);
    validate(output);
    outputs.push(output);
  }
  return outputs.join('\u0000');
}

/** The library property: never throws, every format valid, same bytes twice. */
export function checkLibrary(texts: readonly { path: string; text: string }[]): void {
  const first = lintAndRender(texts);
  const second = lintAndRender(texts);
  if (first !== second) throw new Error('output differs between two runs on the same input');
}

/** What one CLI run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Runs the CLI in this process. An exception escaping `main` is a failure
 * (the real binary would print it as an internal error), so it rethrows
 * with what was printed so far.
 */
export async function runCli(
  argv: readonly string[],
  options: { stdin?: string; cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin, 'utf8')]);
  let code: number;
  try {
    code = await main(argv, {
      stdout: stdout.stream,
      stderr: stderr.stream,
      stdin,
      cwd: options.cwd,
      env: options.env ?? { NO_COLOR: '1' },
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw new Error(`main() threw: ${reason}\nstderr so far: ${stderr.text()}`);
  }
  // The run's final summary line carries a time; tests compare what comes before it.
  return { code, stdout: stdout.text(), stderr: splitSummary(stderr.text()).stderr };
}

/** A V8 stack frame line, as an uncaught error prints it. */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

/** The CLI promises for one run in `format`: exit 0, 1 or 2, no stack trace, a valid report. */
export function checkCliRun(run: CliRun, format: string): void {
  if (![0, 1, 2].includes(run.code))
    throw new Error(`exit code ${run.code}; stderr: ${run.stderr.slice(0, 500)}`);
  if (STACK_FRAME.test(run.stderr)) throw new Error(`stack trace on stderr: ${run.stderr.slice(0, 500)}`);
  for (const line of run.stderr.split('\n')) {
    if (/[\u001b\r\u202e\u2066]/.test(line))
      throw new Error(`active character on stderr: ${JSON.stringify(line.slice(0, 120))}`);
  }
  const validate = FORMAT_VALIDATORS[format];
  if (validate === undefined) throw new Error(`no validator for format ${format}`);
  validate(run.stdout);
}
