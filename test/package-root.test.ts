import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot, PACKAGE_ROOT } from '../src/package-root.js';

const work = mkdtempSync(path.join(tmpdir(), 'sglint-root-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function folder(...parts: string[]): string {
  const full = path.join(work, ...parts);
  mkdirSync(full, { recursive: true });
  return full;
}

describe('findPackageRoot', () => {
  it('is the checkout when run from the sources', () => {
    expect(PACKAGE_ROOT).toBe(path.resolve(import.meta.dirname, '..'));
  });

  it('walks past package.json files of other packages to the one named sglint', () => {
    const sglint = folder('project', 'node_modules', 'sglint');
    writeFileSync(path.join(work, 'project', 'package.json'), '{"name":"project","version":"9.9.9"}');
    writeFileSync(path.join(sglint, 'package.json'), '{"name":"sglint","version":"1.2.3"}');
    const dist = folder('project', 'node_modules', 'sglint', 'dist');
    writeFileSync(path.join(dist, 'package.json'), '{"type":"module"}');
    expect(findPackageRoot(dist)).toBe(sglint);
  });

  it('skips an unreadable package.json and throws when no sglint one is above', () => {
    const start = folder('lost', 'deep');
    writeFileSync(path.join(work, 'lost', 'package.json'), '{ not json');
    expect(() => findPackageRoot(start)).toThrow(`cannot find the sglint package.json above ${start}`);
  });
});
