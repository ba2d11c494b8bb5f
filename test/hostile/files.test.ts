/**
 * No data lost: reports are written through a temporary file and a rename,
 * never over a file the run read, and a run that cannot write leaves what
 * was there untouched.
 */
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { STATIC_TOKEN, sampleProject } from '../live/fixtures.js';
import { runCli } from '../fuzz/harness.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sglint-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OK_GROUP = { name: 'ok', rules: [{ direction: 'egress' }, { direction: 'egress', ethertype: 'IPv6' }] };
const GROUP = `${JSON.stringify(OK_GROUP, null, 2)}\n`;
const OLD_REPORT = 'previous report\n';

function project(name: string): string {
  const folder = path.join(dir, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.join(folder, 'infra'), { recursive: true });
  writeFileSync(path.join(folder, 'infra', 'sg.json'), GROUP);
  writeFileSync(path.join(folder, 'report.json'), OLD_REPORT);
  return folder;
}

const read = (folder: string, file: string): string => readFileSync(path.join(folder, file), 'utf8');

describe('--output', () => {
  it('replaces the report through a rename: a hard link to the old file keeps the old content', async () => {
    const folder = project('rename');
    linkSync(path.join(folder, 'report.json'), path.join(folder, 'old-link.json'));
    const run = await runCli(['infra', '-f', 'json', '-o', 'report.json'], { cwd: folder });
    expect(run.code).toBe(0);
    expect(JSON.parse(read(folder, 'report.json'))).toMatchObject({ version: 1, summary: { groups: 1 } });
    expect(read(folder, 'old-link.json')).toBe(OLD_REPORT);
    expect(readdirSync(folder).sort()).toEqual(['infra', 'old-link.json', 'report.json']);
  });

  it('refuses to write over a file named as input', async () => {
    const folder = project('named');
    const run = await runCli(['infra/sg.json', '-o', 'infra/sg.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('sglint: refusing to write the report over input file infra/sg.json\n');
    expect(read(folder, 'infra/sg.json')).toBe(GROUP);
  });

  it('refuses to write over a file found by walking a directory', async () => {
    const folder = project('walked');
    const run = await runCli(['infra', '-o', 'infra/sg.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('sglint: refusing to write the report over input file infra/sg.json\n');
    expect(read(folder, 'infra/sg.json')).toBe(GROUP);
  });

  it('refuses to write a baseline over a file found by walking a directory', async () => {
    const folder = project('baseline-over-input');
    const run = await runCli(['infra', '--baseline', 'infra/sg.json', '--update-baseline'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('sglint: refusing to write the report over input file infra/sg.json\n');
    expect(read(folder, 'infra/sg.json')).toBe(GROUP);
  });

  it('refuses to write through a symbolic link to an input', async () => {
    const folder = project('symlink');
    symlinkSync(path.join(folder, 'infra', 'sg.json'), path.join(folder, 'alias.json'));
    const run = await runCli(['infra/sg.json', '-o', 'alias.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('sglint: refusing to write the report over input file alias.json\n');
    expect(read(folder, 'infra/sg.json')).toBe(GROUP);
  });

  it('refuses to write over an input skipped as not a security-group document', async () => {
    const folder = project('skipped');
    writeFileSync(path.join(folder, 'infra', 'package.json'), '{"name": 1}\n');
    const run = await runCli(['infra', '-o', 'infra/package.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('sglint: refusing to write the report over input file infra/package.json\n');
    expect(read(folder, 'infra/package.json')).toBe('{"name": 1}\n');
  });

  it('leaves the previous report untouched when the run fails before writing (unknown --format)', async () => {
    const folder = project('usage');
    const run = await runCli(['infra', '-f', 'nonsense', '-o', 'report.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(read(folder, 'report.json')).toBe(OLD_REPORT);
  });

  it('leaves the previous file untouched and no temporary file behind when the write fails', async () => {
    const folder = project('write-fails');
    mkdirSync(path.join(folder, 'out.json'));
    writeFileSync(path.join(folder, 'out.json', 'keep.txt'), 'kept\n');
    const run = await runCli(['infra', '-o', 'out.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('sglint: cannot write out.json: EISDIR\n');
    expect(read(folder, 'out.json/keep.txt')).toBe('kept\n');
    expect(readdirSync(folder).sort()).toEqual(['infra', 'out.json', 'report.json']);
  });

  it('says when the directory does not exist', async () => {
    const folder = project('no-dir');
    const run = await runCli(['infra', '-o', 'missing/report.json'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('sglint: cannot write missing/report.json: directory does not exist\n');
  });
});

describe('live --save', () => {
  let api: Emulator;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    api = await startEmulator({
      projects: { 'p-alpha': sampleProject('a') },
      acceptedTokens: [STATIC_TOKEN],
    });
    env = {
      NO_COLOR: '1',
      HOME: dir,
      SGLINT_RETRY_BASE_MS: '1',
      STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN,
      STACKIT_IAAS_CUSTOM_ENDPOINT: api.url,
    };
  });
  afterAll(() => api.stop());

  it('leaves the previous snapshot untouched when a project cannot be read', async () => {
    const folder = project('save-fails');
    writeFileSync(path.join(folder, 'snap.json'), 'previous snapshot\n');
    const run = await runCli(['live', '-p', 'p-alpha', '-p', 'p-missing', '--save', 'snap.json'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'sglint: snapshot not saved to snap.json: not every project could be read\n',
    );
    expect(read(folder, 'snap.json')).toBe('previous snapshot\n');
  });

  it('refuses to write the report over the snapshot it just saved', async () => {
    const folder = project('save-and-output');
    const run = await runCli(['live', '-p', 'p-alpha', '--save', 'snap.json', '-o', 'snap.json'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('sglint: refusing to write the report over input file snap.json\n');
    expect(JSON.parse(read(folder, 'snap.json'))).toMatchObject({ kind: 'sglint-snapshot', version: 1 });
  });
});
