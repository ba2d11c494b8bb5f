import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';

/**
 * Runs the CLI with its standard output read by a consumer that closes the
 * pipe after the first chunk, as `sglint … | head -1` does.
 */
function runClosingEarly(args: readonly string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'sglint.js'), ...args], { cwd: ROOT });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, stderr, first }));
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'sglint-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A group whose 3,000 world-open ports give a report far larger than a pipe's buffer. */
function largeInput(): string {
  const rules = Array.from({ length: 3000 }, (_, index) => ({
    direction: 'ingress',
    protocol: { name: 'tcp' },
    portRange: { min: 10_000 + 2 * index, max: 10_000 + 2 * index },
    ipRange: '0.0.0.0/0',
  }));
  const file = path.join(dir, 'many.json');
  writeFileSync(file, JSON.stringify({ items: [{ name: 'many', rules: [...rules, { direction: 'egress' }] }] }));
  return file;
}

describe('a reader that closes standard output early', () => {
  it('ends `rules` quietly with exit 0', async () => {
    const run = await runClosingEarly(['rules']);
    expect(run.first).toMatch(/^ingress-sensitive-port-world /);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('ends a lint run with its own exit code and summary, without a stack trace', async () => {
    const run = await runClosingEarly([largeInput(), '--fail-on', 'warning']);
    expect(run.first).toMatch(/many\.json\n/);
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(run.stderr).toMatch(/^sglint: 1 error, 2999 warnings, 1 note in 1 file, /);
    expect(run.code).toBe(1);
  });
});
