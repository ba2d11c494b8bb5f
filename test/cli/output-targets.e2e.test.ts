/**
 * Where reports and baselines may go, run through the built binary:
 * special files (FIFOs, devices, /dev/stdout on a pipe) are written into and
 * stay what they are; no report replaces a file the run read (config,
 * baseline, plugin module); `--update-baseline` keeps the old baseline when
 * an input could not be read.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allEgress, exportText, group, tcpIn } from '../gate-fixtures.js';
import { ROOT, runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sglint-targets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One group with two findings (SSH and 8080 open to the world). */
const WEB = exportText([
  group({
    id: '11111111-1111-4111-8111-111111111111',
    name: 'web',
    rules: [tcpIn(22, '0.0.0.0/0', 'w1'), tcpIn(8080, '0.0.0.0/0', 'w2'), ...allEgress('w')],
  }),
]);
/** Another group in another file, with one finding of its own. */
const DB = exportText([
  group({
    id: '22222222-2222-4222-8222-222222222222',
    name: 'db',
    rules: [tcpIn(5432, '0.0.0.0/0', 'd1'), ...allEgress('d')],
  }),
]);
const CONFIG = '{ "preset": "recommended" }\n';

function workspace(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  mkdirSync(root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const read = (cwd: string, file: string): string => readFileSync(path.join(cwd, file), 'utf8');

/** Standard error without the final summary line. */
const withoutSummary = (stderr: string): string => stderr.replace(/^sglint: \d+ errors?, .*s\n$/m, '');

/** Makes a device node like /dev/null (1,3) or /dev/full (1,7); false when not allowed (not root). */
function makeDevice(file: string, minor: number): boolean {
  return spawnSync('mknod', ['-m', '666', file, 'c', '1', String(minor)]).status === 0;
}

describe('--output to a file that is not a regular file', () => {
  it('writes into a FIFO, which a reader receives, and leaves it a FIFO', async () => {
    const cwd = workspace('fifo', { 'sg.json': WEB });
    const fifo = path.join(cwd, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The reader: `cat` opens the FIFO and prints what sglint writes into it.
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const readerDone = new Promise<number | null>((resolve) => reader.on('close', resolve));
    const run = await runCli(['sg.json', '-f', 'json', '-o', 'report.fifo'], cwd);
    // A FIFO replaced by a regular file would leave `cat` waiting for a writer forever.
    const readerExit = await Promise.race([readerDone, delay(10_000, 'still waiting')]);
    reader.kill();
    expect(run.status).toBe(1);
    expect(withoutSummary(run.stderr)).toBe('');
    expect(readerExit).toBe(0);
    const report = JSON.parse(received) as { summary: { errors: number; groups: number } };
    expect(report.summary).toMatchObject({ groups: 1 });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(cwd).sort()).toEqual(['report.fifo', 'sg.json']);
  });

  it('writes into a character device of its own (like /dev/null) and leaves it a device', async (context) => {
    const cwd = workspace('null-device', { 'sg.json': WEB });
    const device = path.join(cwd, 'null');
    if (!makeDevice(device, 3)) context.skip('mknod failed (needs root): cannot make a device node to write to');
    const before = lstatSync(device);
    const run = await runCli(['sg.json', '-f', 'sarif', '-o', 'null'], cwd);
    expect(run.status).toBe(1);
    expect(withoutSummary(run.stderr)).toBe('');
    const after = lstatSync(device);
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
    expect(readdirSync(cwd).sort()).toEqual(['null', 'sg.json']);
  });

  it('reports a device that refuses the write (like /dev/full) and leaves it a device', async (context) => {
    const cwd = workspace('full-device', { 'sg.json': WEB });
    const device = path.join(cwd, 'full');
    if (!makeDevice(device, 7)) context.skip('mknod failed (needs root): cannot make a device node to write to');
    const run = await runCli(['sg.json', '-o', 'full'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sglint: cannot write full: ENOSPC\n');
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(cwd).sort()).toEqual(['full', 'sg.json']);
  });

  it('writes to /dev/stdout when standard output is a pipe', async () => {
    const cwd = workspace('dev-stdout', { 'sg.json': WEB });
    // A shell pipeline gives sglint a real pipe (a Node parent would give it a socket pair).
    const script = '"$@" -f json -o /dev/stdout | cat; exit "${PIPESTATUS[0]}"';
    const bin = path.join(ROOT, 'bin/sglint.js');
    const run = spawnSync('bash', ['-c', script, 'bash', process.execPath, bin, 'sg.json'], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1' },
    });
    expect(run.status).toBe(1);
    expect(withoutSummary(run.stderr)).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ version: 1, summary: { groups: 1 } });
  });

  it('says why it cannot open a socket by name, and leaves the socket in place', async () => {
    const cwd = workspace('socket', { 'sg.json': WEB });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(cwd, 'report.sock'), resolve));
    try {
      const run = await runCli(['sg.json', '-o', 'report.sock'], cwd);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('sglint: cannot write report.sock: ENXIO (a socket cannot be opened by name)\n');
      expect(lstatSync(path.join(cwd, 'report.sock')).isSocket()).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('still writes through a symbolic link to a regular file, which stays a link', async () => {
    const cwd = workspace('symlink-report', { 'sg.json': WEB, 'reports/out.json': 'old\n' });
    symlinkSync('reports/out.json', path.join(cwd, 'link.json'));
    const run = await runCli(['sg.json', '-f', 'json', '-o', 'link.json'], cwd);
    expect(run.status).toBe(1);
    expect(lstatSync(path.join(cwd, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(read(cwd, 'reports/out.json'))).toMatchObject({ version: 1 });
  });
});

describe('no report over a file the run read', () => {
  it('refuses the config file named with -c, also as -f fmt=FILE', async () => {
    const cwd = workspace('config-named', { 'sg.json': WEB, 'cc.json': CONFIG });
    const output = await runCli(['sg.json', '-c', 'cc.json', '-o', 'cc.json'], cwd);
    expect([output.status, output.stderr]).toEqual([2, 'sglint: refusing to write the report over config file cc.json\n']);
    const format = await runCli(['sg.json', '-c', 'cc.json', '-f', 'stylish', '-f', 'json=./cc.json'], cwd);
    expect([format.status, format.stderr]).toEqual([
      2,
      'sglint: refusing to write the report over config file ./cc.json\n',
    ]);
    expect(format.stdout).toBe('');
    expect(read(cwd, 'cc.json')).toBe(CONFIG);
  });

  it('refuses the config file found upward, also through a symbolic link to it', async () => {
    const cwd = workspace('config-found', { 'sglint.config.json': CONFIG, 'infra/sg.json': WEB });
    symlinkSync('../sglint.config.json', path.join(cwd, 'infra', 'alias.json'));
    const run = await runCli(['sg.json', '-o', 'alias.json'], path.join(cwd, 'infra'));
    expect([run.status, run.stderr]).toEqual([2, 'sglint: refusing to write the report over config file alias.json\n']);
    const direct = await runCli(['sg.json', '-o', '../sglint.config.json'], path.join(cwd, 'infra'));
    expect([direct.status, direct.stderr]).toEqual([
      2,
      'sglint: refusing to write the report over config file ../sglint.config.json\n',
    ]);
    expect(read(cwd, 'sglint.config.json')).toBe(CONFIG);
  });

  it('refuses a plugin module the config loads', async () => {
    const plugin = 'export default [];\n';
    const cwd = workspace('plugin', {
      'sg.json': WEB,
      'sglint.config.json': '{ "plugins": ["./checks/mine.mjs"] }\n',
      'checks/mine.mjs': plugin,
    });
    const run = await runCli(['sg.json', '-o', 'checks/mine.mjs'], cwd);
    expect([run.status, run.stderr]).toEqual([
      2,
      'sglint: refusing to write the report over plugin module checks/mine.mjs\n',
    ]);
    expect(read(cwd, 'checks/mine.mjs')).toBe(plugin);
  });

  it('refuses the baseline it reads', async () => {
    const cwd = workspace('baseline-read', { 'sg.json': WEB });
    expect((await runCli(['sg.json', '--baseline', 'bl.json', '--update-baseline'], cwd)).status).toBe(0);
    const baseline = read(cwd, 'bl.json');
    const run = await runCli(['sg.json', '--baseline', 'bl.json', '-f', 'json', '-o', 'bl.json'], cwd);
    expect([run.status, run.stderr]).toEqual([2, 'sglint: refusing to write the report over baseline file bl.json\n']);
    expect(read(cwd, 'bl.json')).toBe(baseline);
  });

  it('refuses a report over the baseline --update-baseline writes, before writing either', async () => {
    const cwd = workspace('baseline-update', { 'sg.json': WEB, 'bl.json': 'kept as it was\n' });
    const run = await runCli(['sg.json', '--baseline', 'bl.json', '--update-baseline', '-o', 'bl.json'], cwd);
    expect([run.status, run.stderr]).toEqual([2, 'sglint: refusing to write the report over baseline file bl.json\n']);
    expect(read(cwd, 'bl.json')).toBe('kept as it was\n');
  });

  it('writes no baseline when the report target is refused', async () => {
    const cwd = workspace('baseline-untouched', { 'sg.json': WEB, 'cc.json': CONFIG });
    const run = await runCli(
      ['sg.json', '-c', 'cc.json', '--baseline', 'bl.json', '--update-baseline', '-o', 'cc.json'],
      cwd,
    );
    expect([run.status, run.stderr]).toEqual([2, 'sglint: refusing to write the report over config file cc.json\n']);
    expect(readdirSync(cwd).sort()).toEqual(['cc.json', 'sg.json']);
  });
});

describe('--update-baseline when an input could not be read', () => {
  it('keeps the baseline byte for byte when a file is missing', async () => {
    const cwd = workspace('baseline-missing-input', { 'web.json': WEB, 'db.json': DB });
    const first = await runCli(['web.json', 'db.json', '--baseline', 'bl.json', '--update-baseline'], cwd);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('sglint: wrote 3 fingerprints to bl.json\n');
    const baseline = read(cwd, 'bl.json');

    const run = await runCli(['web.json', 'missing.json', '--baseline', 'bl.json', '--update-baseline'], cwd);
    expect(run.status).toBe(2);
    expect(withoutSummary(run.stderr)).toBe(
      'missing.json: error: cannot read: no such file or directory\n' +
        'sglint: baseline bl.json not updated: 1 input could not be read\n',
    );
    expect(read(cwd, 'bl.json')).toBe(baseline);
    // The kept baseline still accepts every finding of both files.
    expect((await runCli(['web.json', 'db.json', '--baseline', 'bl.json'], cwd)).status).toBe(0);
  });

  it('keeps the baseline when files do not parse, and counts them', async () => {
    const cwd = workspace('baseline-broken-input', {
      'web.json': WEB,
      'db.json': '{"items": [\n',
      'x.json': '{',
      'bl.json': 'previous baseline\n',
    });
    const args = ['web.json', 'db.json', 'x.json', '--baseline', 'bl.json', '--update-baseline'];
    const run = await runCli(args, cwd);
    expect(run.status).toBe(2);
    expect(withoutSummary(run.stderr)).toMatch(
      /^db\.json:\d+:\d+: error: .*\nx\.json:\d+:\d+: error: .*\n(?=sglint: baseline)/,
    );
    expect(run.stderr).toContain('\nsglint: baseline bl.json not updated: 2 inputs could not be read\n');
    expect(read(cwd, 'bl.json')).toBe('previous baseline\n');
  });

  it('keeps the baseline when a plugin could not be loaded (its findings would be missing)', async () => {
    const cwd = workspace('baseline-broken-plugin', {
      'web.json': WEB,
      'sglint.config.json': '{ "plugins": ["./missing.mjs"] }\n',
      'bl.json': 'previous baseline\n',
    });
    const run = await runCli(['web.json', '--baseline', 'bl.json', '--update-baseline'], cwd);
    expect(run.status).toBe(2);
    expect(withoutSummary(run.stderr)).toBe(
      `sglint: plugin ./missing.mjs: cannot load: no module at ${path.join(cwd, 'missing.mjs')}\n` +
        'sglint: baseline bl.json not updated: 1 plugin error\n',
    );
    expect(read(cwd, 'bl.json')).toBe('previous baseline\n');
  });
});
