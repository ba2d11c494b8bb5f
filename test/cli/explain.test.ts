import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExplain } from '../../src/cli/explain.js';
import { summaryLine } from '../../src/cli/summary-line.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function run(
  args: string[],
  docsDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const io = {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: new PassThrough(),
    cwd: docsDir,
    env: {},
    docsDir,
  };
  const code = await runExplain(args[1] as string, io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const PAGE = [
  '# duplicate-rule',
  '',
  '## What it flags',
  '',
  'Two rules of one group that match the same traffic.',
  '',
].join('\n');

describe('sglint explain', () => {
  let docs: string;
  beforeAll(async () => {
    docs = await mkdtemp(path.join(tmpdir(), 'sglint-docs-'));
    await writeFile(path.join(docs, 'duplicate-rule.md'), PAGE);
  });
  afterAll(async () => {
    await rm(docs, { recursive: true, force: true });
  });

  it("prints the check's doc page", async () => {
    expect(await run(['explain', 'duplicate-rule'], docs)).toEqual({ code: 0, stdout: PAGE, stderr: '' });
  });

  it('falls back to the description when a known check has no page', async () => {
    expect(await run(['explain', 'redundant-rule'], docs)).toEqual({
      code: 0,
      stdout:
        '# redundant-rule\n\nA rule allows nothing that other rules of its group do not already allow.\n',
      stderr: 'sglint: no doc page for redundant-rule in this installation\n',
    });
  });

  it('refuses an unknown id with exit 2', async () => {
    const result = await run(['explain', '../package'], docs);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith('sglint: unknown check "../package"; known checks: ')).toBe(true);
  });
});

describe('summaryLine', () => {
  it('counts by severity, suppressed only when there are some, files and seconds', () => {
    const base = { errors: 3, warnings: 1, notes: 0, suppressed: 0, files: 4, groups: 9, rules: 30 };
    expect(summaryLine(base, 123.4)).toBe('sglint: 3 errors, 1 warning, 0 notes in 4 files, 0.12s');
    expect(summaryLine({ ...base, errors: 1, suppressed: 2, files: 1 }, 2500)).toBe(
      'sglint: 1 error, 1 warning, 0 notes (2 suppressed) in 1 file, 2.50s',
    );
  });
});
