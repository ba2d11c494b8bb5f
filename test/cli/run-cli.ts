/**
 * Runs the built CLI (`npm run build` first) in a directory.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/sglint.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `node bin/sglint.js …args` in `cwd` with a clean environment. */
export function runCli(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The summary line's shape, with the time left variable. */
export function summaryPattern(counts: string, files = 1): RegExp {
  const escaped = counts.replace(/[()]/g, '\\$&');
  return new RegExp(`^sglint: ${escaped} in ${files} files?, \\d+\\.\\d\\ds$`, 'm');
}
