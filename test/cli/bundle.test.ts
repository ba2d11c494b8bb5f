/**
 * The binary runs the bundle that `npm run build` writes (dist/sglint.mjs
 * and the chunks it loads from dist/chunks/), not the compiled tree under
 * dist/src. The binary, the bundle, package.json and the doc pages are
 * copied into a package folder that has neither dist/src nor node_modules,
 * inside a project whose own package.json has another version: the copy
 * must still lint, print its own version, find its doc pages and load the
 * chunks of the code it loads on use.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertFreshBuild } from '../e2e/cli.js';

const BUNDLE = path.join(ROOT, 'dist', 'sglint.mjs');
const FIXTURE = path.join(ROOT, 'fixtures', 'risky', 'project.json');
const work = mkdtempSync(path.join(tmpdir(), 'sglint-bundle-'));
const installed = path.join(work, 'node_modules', 'sglint');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: readonly string[]): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  assertFreshBuild();
  writeFileSync(path.join(work, 'package.json'), '{"name":"consumer","version":"9.9.9","private":true}\n');
  mkdirSync(path.join(installed, 'dist'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(installed, 'package.json'));
  cpSync(path.join(ROOT, 'bin'), path.join(installed, 'bin'), { recursive: true });
  cpSync(BUNDLE, path.join(installed, 'dist', 'sglint.mjs'));
  cpSync(path.join(ROOT, 'dist', 'chunks'), path.join(installed, 'dist', 'chunks'), { recursive: true });
  cpSync(path.join(ROOT, 'rules'), path.join(installed, 'rules'), {
    recursive: true,
    filter: (source) => !source.endsWith('.ts'),
  });
  writeFileSync(path.join(work, 'project.json'), readFileSync(FIXTURE));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the bundled CLI', () => {
  const bin = path.join(installed, 'bin', 'sglint.js');

  it('is what the binary runs: the copy has no dist/src and no node_modules', () => {
    expect(existsSync(path.join(installed, 'dist', 'src'))).toBe(false);
    expect(existsSync(path.join(installed, 'node_modules'))).toBe(false);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(bin, ['--version'])).toEqual({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it('finds its own doc pages from the bundle', () => {
    const page = readFileSync(path.join(ROOT, 'rules', 'duplicate-rule.md'), 'utf8');
    expect(run(bin, ['explain', 'duplicate-rule'])).toEqual({ status: 0, stdout: page, stderr: '' });
  });

  it('loads on use what a lint of one file skips: directory walk, config schema, plugins, atomic writer', () => {
    mkdirSync(path.join(work, 'tree'), { recursive: true });
    writeFileSync(path.join(work, 'tree', 'project.json'), readFileSync(FIXTURE));
    writeFileSync(path.join(work, 'plugin.mjs'), 'export default [];\n');
    writeFileSync(
      path.join(work, 'lint.config.json'),
      '{"checks":{"missing-description":"off"},"plugins":["./plugin.mjs"]}\n',
    );
    const report = path.join(work, 'report.json');
    const args = ['tree', '--config', 'lint.config.json', '--format', 'json', '--output', report, '--quiet'];
    const fromCopy = run(bin, args);
    expect(fromCopy).toEqual({ status: 1, stdout: '', stderr: '' });
    const written = readFileSync(report, 'utf8');
    expect(written).toContain('ingress-sensitive-port-world');
    expect(written).not.toContain('missing-description');
    expect(run(path.join(ROOT, 'bin', 'sglint.js'), args)).toEqual(fromCopy);
    expect(readFileSync(report, 'utf8')).toBe(written);
  });

  it('writes the same reports as the checkout, SARIF rule help from the doc pages included', () => {
    for (const format of ['json', 'sarif', 'stylish']) {
      const args = ['project.json', '--format', format, '--quiet'];
      const fromCopy = run(bin, args);
      const fromCheckout = run(path.join(ROOT, 'bin', 'sglint.js'), args);
      expect(fromCopy.status).toBe(1);
      expect(fromCopy.stdout).toContain('ingress-sensitive-port-world');
      expect(fromCopy).toEqual(fromCheckout);
    }
  });
});
