import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/report/index.js';
import { hostileText } from './arbitraries.js';
import { checkCliRun, type CliRun } from './harness.js';
import { SPAWN_RUNS, fuzzParameters, fuzzTimeout } from './settings.js';

const BIN = fileURLToPath(new URL('../../bin/sglint.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/sglint.mjs', import.meta.url));

/** Runs the built binary as CI would, input on standard input. */
function spawnCli(argv: readonly string[], stdin: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({
        code: code ?? (signal === null ? -1 : 128),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    // The CLI may stop reading early (input over the limit); that is not a failure of the test.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}

describe('fuzzing the built CLI in a real process', () => {
  beforeAll(() => {
    if (!existsSync(BUILT)) throw new Error('dist/ is missing: run `npm run build` (npm test does) first');
  });

  it(
    'exits 0, 1 or 2 with no stack trace and a valid report',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileText, fc.constantFrom(...FORMAT_NAMES), async (text, format) => {
          checkCliRun(await spawnCli(['-', '--format', format], text), format);
        }),
        fuzzParameters(SPAWN_RUNS),
      );
    },
    fuzzTimeout(SPAWN_RUNS, 2_000),
  );
});
