/**
 * The command line: parses arguments with commander and wires loading,
 * checks and reporters together. It decides exit codes: 0 clean, 1
 * findings at or above the fail threshold, 2 usage/config/input error,
 * 3 internal failure.
 */
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { DEFAULT_MAX_INPUT_BYTES } from '../load/read.js';
import { runExplain } from './explain.js';
import { runInit } from './init.js';
import { EXIT, type CliIo } from './io.js';
import { runLint } from './lint-run.js';
import { registerLive } from './live.js';
import { addReportOptions, type LintCliOptions } from './options.js';
import { knownChecks } from './plugin-checks.js';
import { VERSION } from './version.js';
import { inert } from '../report/text.js';

export { EXIT, runLint };
export type { CliIo, LintCliOptions };

function parseSize(value: string): number {
  const match = /^(\d+)([kmg]?b?)?$/i.exec(value.trim());
  if (match === null) throw new CommanderError(2, 'sglint.invalidArgument', `expected a size such as 512mb, got "${value}"`);
  const unit = (match[2] ?? '').toLowerCase().replace('b', '');
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(match[1]) * factor;
}

function terminalColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  // FORCE_COLOR=0 (or false) asks for no colour, as in the Node.js and chalk convention.
  if (io.env.FORCE_COLOR === '0' || io.env.FORCE_COLOR === 'false') return false;
  if (io.env.FORCE_COLOR !== undefined) return true;
  return io.stdout.isTTY === true;
}

async function listRules(io: CliIo, color: boolean, configFile: string | undefined): Promise<number> {
  const { checks, pluginOrigin, ok } = await knownChecks(io, configFile);
  const colors = pc.createColors(color);
  const width = Math.max(...checks.map((check) => check.id.length));
  for (const check of checks) {
    const severity = check.defaultSeverity.padEnd(7);
    const origin = pluginOrigin.get(check.id);
    const from = origin === undefined ? '' : ` ${colors.dim(`(plugin ${inert(origin)})`)}`;
    io.stdout.write(`${check.id.padEnd(width)}  ${colors.dim(severity)}  ${inert(check.description)}${from}\n`);
  }
  return ok ? EXIT.ok : EXIT.usage;
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

  addReportOptions(
    program.argument(
      '[paths...]',
      'files, directories (every *.json and *.tf below them) or - for standard input',
    ),
  )
    .addOption(
      new Option('--max-input-size <size>', 'largest input file to read (e.g. 512mb)')
        .argParser(parseSize)
        .default(DEFAULT_MAX_INPUT_BYTES, '256mb'),
    )
    .action(async (paths: string[], options: LintCliOptions) => {
      setExit(await runLint(paths, options, io));
    });

  registerLive(program, io, setExit);

  program
    .command('rules')
    .description('list the checks with their default severity, plugin checks of the config included')
    .option('-c, --config <file>', 'config file whose plugins to list (default: sglint.config.json found upward)')
    .action(async (options: { config?: string }) => {
      setExit(await listRules(io, terminalColor(io), options.config));
    });

  program
    .command('init')
    .description('write a starter sglint.config.json here (never overwrites one)')
    .action(async () => {
      setExit(await runInit(io));
    });

  program
    .command('explain')
    .description("print a check's documentation")
    .argument('<check>', 'check id, e.g. ingress-sensitive-port-world')
    .option('-c, --config <file>', 'config file whose plugin checks to know (default: sglint.config.json found upward)')
    .action(async (id: string, options: { config?: string }) => {
      setExit(await runExplain(id, io, options.config));
    });

  return program;
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * A process stream that stops writing quietly once its reader has gone
 * (`sglint rules | head`): the run still ends with its own exit code and
 * no stack trace. Other write errors end the process with exit 3.
 */
function quietWhenClosed<Stream extends NodeJS.WritableStream>(stream: Stream): Stream {
  if (guarded.has(stream)) return stream;
  guarded.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.exitCode = EXIT.internal;
  });
  return stream;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io?: Partial<CliIo>): Promise<number> {
  // Node builds process.stdout and process.stdin on first access, which costs start-up time:
  // a run that reads no `-` input and writes its reports to files never touches them.
  const fullIo: CliIo = {
    get stdout() {
      return io?.stdout ?? quietWhenClosed(process.stdout);
    },
    stderr: io?.stderr ?? quietWhenClosed(process.stderr),
    get stdin() {
      return io?.stdin ?? process.stdin;
    },
    cwd: io?.cwd ?? process.cwd(),
    env: io?.env ?? process.env,
    ...(io?.docsDir === undefined ? {} : { docsDir: io.docsDir }),
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
