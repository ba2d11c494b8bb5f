/**
 * What `sglint live` does once chosen: fetch, save, lint. The command
 * line loads this module on use (`src/cli/live.ts`), so that a lint of
 * files neither compiles nor initialises the API client, its JWT library
 * and the credential lookup.
 */
import path from 'node:path';
import { credentialFiles } from '../live/credentials.js';
import { fetchProjects } from '../live/client.js';
import { LiveError } from '../live/errors.js';
import { serializeSnapshot, writeSnapshotAtomic } from '../live/snapshot.js';
import { displayPath } from '../load/read.js';
import { inert } from '../report/text.js';
import { EXIT, type CliIo } from './io.js';
import { runLint } from './lint-run.js';
import type { LiveCliOptions } from './live.js';

/** Name shown for findings of a run that was not saved to a file. */
function liveLabel(projectIds: readonly string[]): string {
  return `stackit-live/${projectIds.join('+')}.json`;
}

/** Fetches the projects, saves the snapshot when asked, and lints it; resolves to the exit code. */
export async function runLive(options: LiveCliOptions, io: CliIo): Promise<number> {
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
