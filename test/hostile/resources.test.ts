/**
 * Resource bounds: input size caps that stop reading early, directory
 * walks that cannot loop, unreadable files named, and a group far larger
 * than any real one finishing with an early-stop notice.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, lintTexts } from '../../src/engine/lint.js';
import { runCli } from '../fuzz/harness.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sglint-resources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GROUP = JSON.stringify({
  name: 'ok',
  rules: [{ direction: 'egress' }, { direction: 'egress', ethertype: 'IPv6' }],
});

function fresh(name: string): string {
  const folder = path.join(dir, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** A stream that never ends: one 64 KiB chunk of spaces after another. */
function endless(): Readable & { chunksRead: () => number } {
  let chunks = 0;
  const stream = new Readable({
    read() {
      chunks += 1;
      this.push(Buffer.alloc(64 * 1024, 0x20));
    },
  });
  return Object.assign(stream, { chunksRead: () => chunks });
}

describe('--max-input-size', () => {
  it('stops a named file over the limit with a message naming it, and still checks the rest', async () => {
    const folder = fresh('size');
    writeFileSync(path.join(folder, 'big.json'), `${GROUP}${' '.repeat(4096)}`);
    writeFileSync(path.join(folder, 'small.json'), GROUP);
    const run = await runCli(['big.json', 'small.json', '--max-input-size', '2kb', '-f', 'json'], {
      cwd: folder,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `big.json: error: file is ${GROUP.length + 4096} bytes, over the limit of 2048 (raise it with --max-input-size)\n`,
    );
    expect((JSON.parse(run.stdout) as { summary: { files: number } }).summary.files).toBe(1);
  });

  it('stops reading endless standard input at the limit instead of exhausting memory', async () => {
    const stdin = endless();
    const result = await lint(['-'], { cwd: dir, stdin, maxInputBytes: 1024 * 1024 });
    expect(result.problems).toEqual([
      {
        file: '<stdin>',
        message: 'input is over the limit of 1048576 bytes (raise it with --max-input-size)',
        fatal: true,
      },
    ]);
    expect(stdin.chunksRead()).toBeLessThan(40);
  });

  it('stops reading a device with no size, such as /dev/zero, at the limit', async () => {
    const run = await runCli(['/dev/zero', '--max-input-size', '1mb'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      '/dev/zero: error: input is over the limit of 1048576 bytes (raise it with --max-input-size)\n',
    );
  });

  it('rejects an unreadable size with a usage error', async () => {
    const run = await runCli(['x.json', '--max-input-size', 'lots'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: expected a size such as 512mb, got "lots"\n');
  });
});

describe('directory walks', () => {
  it('ignores symbolic-link loops and links, and reads the real files', async () => {
    const folder = fresh('loops');
    mkdirSync(path.join(folder, 'sub'));
    writeFileSync(path.join(folder, 'a.json'), GROUP);
    symlinkSync('..', path.join(folder, 'sub', 'up'));
    symlinkSync('.', path.join(folder, 'self'));
    symlinkSync('loop.json', path.join(folder, 'loop.json'));
    symlinkSync('..', path.join(folder, 'sub', 'dir-link.json'));
    const result = await lint([folder], { cwd: folder });
    expect(result.problems).toEqual([]);
    expect(result.model.files.map((file) => file.path)).toEqual(['a.json']);
  });

  it('names a file that cannot be read: a dangling link given on the command line', async () => {
    const folder = fresh('dangling');
    symlinkSync('missing-target.json', path.join(folder, 'gone.json'));
    const run = await runCli(['gone.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gone.json: error: cannot read: no such file or directory\n');
  });

  it('names a file that cannot be read: a symbolic-link loop given on the command line', async () => {
    const folder = fresh('named-loop');
    symlinkSync('loop.json', path.join(folder, 'loop.json'));
    const run = await runCli(['loop.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('loop.json: error: cannot read: too many symbolic links\n');
  });

  const root = process.getuid?.() === 0;
  const outcome = root ? 'as root, where chmod cannot block a read, it is read' : 'permission denied';
  it(`names a chmod-000 file found by a walk (${outcome})`, async () => {
    const folder = fresh('locked');
    writeFileSync(path.join(folder, 'locked.json'), GROUP);
    writeFileSync(path.join(folder, 'open.json'), GROUP);
    chmodSync(path.join(folder, 'locked.json'), 0o000);
    const result = await lint([folder], { cwd: folder });
    chmodSync(path.join(folder, 'locked.json'), 0o644);
    if (root) {
      expect(result.problems).toEqual([]);
      expect(result.model.files.map((file) => file.path)).toEqual(['locked.json', 'open.json']);
    } else {
      expect(result.problems).toEqual([
        { file: 'locked.json', message: 'cannot read file: permission denied', fatal: true },
      ]);
      expect(result.model.files.map((file) => file.path)).toEqual(['open.json']);
    }
  });
});

describe('a group with 200,000 rules', () => {
  /** Every rule from 10.0.0.0/8 on its own port: all overlap on the remote axis, so redundancy work is quadratic. */
  function hugeGroup(): string {
    const protocols = ['tcp', 'udp', 'sctp', 'dccp'];
    const rules: unknown[] = [];
    for (let index = 0; index < 200_000; index += 1) {
      const port = (index % 65_535) + 1;
      rules.push({
        direction: 'ingress',
        protocol: protocols[Math.floor(index / 65_535)],
        portRange: { min: port, max: port },
        ipRange: '10.0.0.0/8',
      });
    }
    rules.push({ direction: 'egress' }, { direction: 'egress', ethertype: 'IPv6' });
    return JSON.stringify([{ id: 'g-huge', name: 'huge', rules }]);
  }

  it('finishes, fully analysed, well within the time a CI job allows', async () => {
    const text = hugeGroup();
    const started = performance.now();
    const result = lintTexts([{ path: 'huge.json', text }]);
    const seconds = (performance.now() - started) / 1000;
    expect(result.summary.rules).toBe(200_002);
    expect(result.incomplete).toEqual([]);
    expect(seconds).toBeLessThan(20);

    const folder = fresh('huge');
    writeFileSync(path.join(folder, 'huge.json'), text);
    const run = await runCli(['huge.json', '-f', 'json'], { cwd: folder });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  }, 60_000);

  it('stops at the work bound, names the group, and claims nothing it could not prove', () => {
    const text = hugeGroup();
    const result = lintTexts([{ path: 'huge.json', text }], { workBudget: 100_000 });
    expect(result.incomplete).toEqual(['huge']);
    expect(result.findings.filter((finding) => finding.check === 'redundant-rule')).toEqual([]);
  }, 60_000);
});
