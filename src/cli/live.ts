/**
 * `sglint live`: reads projects through the IaaS API v2 and lints them
 * with the same pipeline and options as files. With `--save FILE` the
 * fetched snapshot is written atomically and findings point into it.
 */
import type { Command } from 'commander';
import path from 'node:path';
import { displayPath, DEFAULT_MAX_INPUT_BYTES } from '../load/read.js';
import { inert } from '../report/text.js';
import type { CliIo } from './io.js';
import { addReportOptions, type LintCliOptions } from './options.js';

interface LiveCliOptions extends LintCliOptions {
  projectId: string[];
  region?: string;
  apiUrl?: string;
  save?: string;
  timeout?: number;
  maxAttempts?: number;
  concurrency?: number;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`expected a positive number, got "${value}"`);
  return number;
}

/** Name shown for findings of a run that was not saved to a file. */
function liveLabel(projectIds: readonly string[]): string {
  return `stackit-live/${projectIds.join('+')}.json`;
}

async function runLive(options: LiveCliOptions, io: CliIo): Promise<number> {
  const { runLint, EXIT } = await import('./main.js');
  // Loaded on use: the API client and its JWT library cost start-up time that file runs need not pay.
  const { fetchProjects } = await import('../live/client.js');
  const { LiveError } = await import('../live/errors.js');
  const { serializeSnapshot, writeSnapshotAtomic } = await import('../live/snapshot.js');
  const progress = io.stderr.isTTY === true;
  const baseDelay = Number(io.env.SGLINT_RETRY_BASE_MS);
  const { snapshot, errors } = await fetchProjects({
    projectIds: options.projectId,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl, apiUrlSource: '--api-url' }),
    env: io.env,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    http: {
      ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout * 1000 }),
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      ...(Number.isFinite(baseDelay) && baseDelay >= 0 ? { baseDelayMs: baseDelay } : {}),
    },
    ...(progress ? { onProgress: (event) => io.stderr.write(`sglint: ${inert(event.message)}\n`) } : {}),
  });

  for (const error of errors) io.stderr.write(`sglint: ${inert(error.message)}\n`);
  if (snapshot.projects.length === 0) return EXIT.usage;

  const text = serializeSnapshot(snapshot);
  // Files credential discovery may have read: neither the snapshot nor a report may replace one.
  const { credentialFiles } = await import('../live/credentials.js');
  const secretFiles = await credentialFiles(io.env);
  const secrets = secretFiles.map((file) => ({ file, role: 'credentials file' }));
  let shownPath = liveLabel(snapshot.projects.map((project) => project.projectId));
  let savedTo: string | undefined;
  if (options.save !== undefined) {
    if (errors.length > 0) {
      io.stderr.write(`sglint: snapshot not saved to ${options.save}: not every project could be read\n`);
    } else {
      try {
        savedTo = path.resolve(io.cwd, options.save);
        await writeSnapshotAtomic(savedTo, snapshot, { credentials: secretFiles.map((file) => path.resolve(io.cwd, file)) });
        shownPath = displayPath(savedTo, io.cwd);
      } catch (error) {
        if (error instanceof LiveError) {
          io.stderr.write(`sglint: ${inert(error.message)}\n`);
          return EXIT.usage;
        }
        throw error;
      }
    }
  }

  // The saved snapshot is this run's input, and the credential files were read too:
  // `--output` must not replace any of them.
  const code = await runLint(
    [],
    options,
    io,
    [{ path: shownPath, absolute: savedTo, text, fromDirectory: false }],
    secrets,
  );
  if (errors.length > 0 && code !== EXIT.internal) return EXIT.usage;
  return code;
}

/** Adds the `live` command to the program. */
export function registerLive(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command('live')
    .description('lint security groups read live from STACKIT projects (IaaS API v2)')
    .requiredOption('-p, --project-id <id>', 'project to read (repeat for several)', collect)
    .option('--region <region>', 'region (default: STACKIT_REGION, else eu01)')
    .option('--api-url <url>', 'IaaS API endpoint (default: STACKIT_IAAS_CUSTOM_ENDPOINT, else the public API)')
    .option('--save <file>', 'write the fetched snapshot (atomically) so that CI can lint it later')
    .option('--timeout <seconds>', 'timeout of one HTTP request', positive)
    .option('--max-attempts <n>', 'attempts per request, retries included', positive)
    .option('--concurrency <n>', 'projects read at the same time', positive);
  addReportOptions(command)
    .action(async (options: LiveCliOptions) => {
      setExit(await runLive({ ...options, maxInputSize: DEFAULT_MAX_INPUT_BYTES }, io));
    });
}
