import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotWriteError } from '../../src/live/errors.js';
import { serializeSnapshot, writeSnapshotAtomic, type Snapshot } from '../../src/live/snapshot.js';
import { sampleProject, tempDir } from './fixtures.js';

const project = sampleProject('a');
const snapshot: Snapshot = {
  kind: 'sglint-snapshot',
  version: 1,
  projects: [{
    projectId: 'p-alpha',
    region: 'eu01',
    securityGroups: project.securityGroups,
    nics: project.nics ?? [],
    servers: project.servers ?? [],
    publicIps: project.publicIps ?? [],
  }],
};

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

async function failure(promise: Promise<unknown>): Promise<SnapshotWriteError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(SnapshotWriteError);
  return error as SnapshotWriteError;
}

describe('writeSnapshotAtomic', () => {
  it('writes 2-space JSON with a final newline', async () => {
    const path = join(dir, 'snap.json');
    await writeSnapshotAtomic(path, snapshot);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`${JSON.stringify(snapshot, null, 2)}\n`);
    expect(text.startsWith('{\n  "kind": "sglint-snapshot",\n  "version": 1,\n')).toBe(true);
    expect(serializeSnapshot(snapshot)).toBe(text);
    expect(await readdir(dir)).toEqual(['snap.json']);
  });

  it('replaces an existing file by renaming a new one over it', async () => {
    const path = join(dir, 'snap.json');
    await writeFile(path, 'old content');
    const before = await stat(path);
    await writeSnapshotAtomic(path, snapshot);
    const after = await stat(path);
    expect(await readFile(path, 'utf8')).toBe(serializeSnapshot(snapshot));
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(dir)).toEqual(['snap.json']);
  });

  it('fails cleanly when the target directory is missing', async () => {
    const path = join(dir, 'missing', 'snap.json');
    const error = await failure(writeSnapshotAtomic(path, snapshot));
    expect(error.code).toBe('write-failed');
    expect(error.message).toBe(`Could not write the snapshot to ${path}: the directory ` +
      `${join(dir, 'missing')} does not exist (ENOENT). No file was changed.`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves no temporary file when the final rename fails', async () => {
    const path = join(dir, 'taken');
    await mkdir(path);
    await writeFile(join(dir, 'other.json'), 'keep');
    const error = await failure(writeSnapshotAtomic(path, snapshot));
    expect(error.code).toBe('write-failed');
    expect(error.message).toBe(`Could not write the snapshot to ${path}: it is a directory ` +
      '(EISDIR). No file was changed.');
    expect((await readdir(dir)).sort()).toEqual(['other.json', 'taken']);
    expect(await readdir(path)).toEqual([]);
  });

  it('refuses a FIFO instead of replacing it with a regular file', async () => {
    const path = join(dir, 'pipe');
    execFileSync('mkfifo', [path]);
    const error = await failure(writeSnapshotAtomic(path, snapshot));
    expect(error.code).toBe('write-failed');
    expect(error.message).toBe(`Could not write the snapshot to ${path}: it is not a regular file ` +
      '(a FIFO, device or socket). No file was changed.');
    expect(lstatSync(path).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(['pipe']);
  });

  it('keeps the old file when the snapshot cannot be serialised', async () => {
    const path = join(dir, 'snap.json');
    await writeFile(path, 'previous snapshot');
    const broken = { ...snapshot, projects: [{ ...snapshot.projects[0], extra: 1n }] };
    const error = await failure(writeSnapshotAtomic(path, broken as unknown as Snapshot));
    expect(error.message).toBe(`Could not write the snapshot to ${path}: the snapshot cannot ` +
      'be serialised as JSON.');
    expect(await readFile(path, 'utf8')).toBe('previous snapshot');
    expect(await readdir(dir)).toEqual(['snap.json']);
  });

  it('refuses to overwrite an input, however its path is spelled', async () => {
    const input = join(dir, 'groups.json');
    await writeFile(input, '{"input":true}');
    const link = join(dir, 'link.json');
    await symlink(input, link);
    const spellings = [input, join(dir, 'sub', '..', 'groups.json'), link];
    for (const target of spellings) {
      const error = await failure(writeSnapshotAtomic(target, snapshot, { inputs: [input] }));
      expect(error.code).toBe('would-overwrite-input');
      expect(error.message).toBe(`Refusing to write the snapshot to ${target}: it is also an ` +
        `input file (${input}).`);
    }
    const viaLinkInput = await failure(writeSnapshotAtomic(input, snapshot, { inputs: [link] }));
    expect(viaLinkInput.code).toBe('would-overwrite-input');
    expect(await readFile(input, 'utf8')).toBe('{"input":true}');
    await writeSnapshotAtomic(join(dir, 'out.json'), snapshot, { inputs: [input] });
    expect((await readdir(dir)).sort()).toEqual(['groups.json', 'link.json', 'out.json']);
  });
});
