/**
 * Runs the built CLI (`bin/sglint.js` → `dist/`) as a child process, the way
 * users and CI run it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  status: number | null;
  stdout: string;
  /** Standard error without the run's final summary line. */
  stderr: string;
  /** The summary line (`sglint: 1 error, … in 2 files, 0.05s`), if the run printed one. */
  summary: string | undefined;
}

/** The summary line a lint run prints last on standard error (the time varies). */
export const SUMMARY_LINE =
  /^sglint: \d+ errors?, \d+ warnings?, \d+ notes?(?: \(\d+ suppressed\))? in \d+ files?, \d+\.\d\ds$/;

/** Splits the final summary line off standard error. */
export function splitSummary(stderr: string): { stderr: string; summary: string | undefined } {
  const lines = stderr.split('\n');
  const last = lines.at(-2);
  if (lines.at(-1) !== '' || last === undefined || !SUMMARY_LINE.test(last)) return { stderr, summary: undefined };
  return { stderr: lines.slice(0, -2).concat('').join('\n'), summary: last };
}

/** Runs `node bin/sglint.js …args` in `cwd` (the repository root by default). */
export function runCli(args: readonly string[], options: { cwd?: string; input?: string } = {}): CliRun {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'sglint.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { status: run.status, stdout: run.stdout, ...splitSummary(run.stderr) };
}

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Throws when dist/ is missing or older than the sources, so tests never run a stale build. */
export function assertFreshBuild(): void {
  let built: number;
  try {
    // The bundle the binary runs; the build writes it after tsc's output.
    built = statSync(path.join(ROOT, 'dist', 'sglint.mjs')).mtimeMs;
  } catch {
    throw new Error('dist/ is missing: run "npm run build" (npm test does it) before the end-to-end tests');
  }
  const newest = Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'rules')));
  if (newest > built) throw new Error('dist/ is older than the sources: run "npm run build" first');
}
