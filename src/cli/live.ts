/**
 * `sglint live`: reads projects through the IaaS API v2 and lints them
 * with the same pipeline and options as files. With `--save FILE` the
 * fetched snapshot is written atomically and findings point into it.
 */
import type { Command } from 'commander';
import { DEFAULT_MAX_INPUT_BYTES } from '../load/read.js';
import type { CliIo } from './io.js';
import { addReportOptions, type LintCliOptions } from './options.js';

export interface LiveCliOptions extends LintCliOptions {
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
      // Loaded on use: the API client and its JWT library cost start-up time that file runs need not pay.
      const { runLive } = await import('./live-run.js');
      setExit(await runLive({ ...options, maxInputSize: DEFAULT_MAX_INPUT_BYTES }, io));
    });
}
