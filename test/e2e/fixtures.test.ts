import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { ROOT, assertFreshBuild, runCli } from './cli.js';

interface FixtureCase {
  name: string;
  inputs: string[];
}

const cases = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'fixture-cases.json'), 'utf8')) as FixtureCase[];
const golden = (name: string, suffix: string): string => readFileSync(path.join(ROOT, `${name}${suffix}`), 'utf8');

beforeAll(assertFreshBuild);

describe.each(cases)('$name', ({ name, inputs }) => {
  const exit = Number(golden(name, '.exit').trim());

  it('stylish output and exit code match the golden files', () => {
    const run = runCli([...inputs, '--format', 'stylish', '--no-color']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(golden(name, '.stylish.txt'));
    expect(run.status).toBe(exit);
  });

  it('JSON report and exit code match the golden files', () => {
    const run = runCli([...inputs, '--format', 'json', '--no-color']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(golden(name, '.report.txt'));
    expect(run.status).toBe(exit);
  });
});

describe('fixture inventory', () => {
  it('every how-to and risky fixture input belongs to a golden case', () => {
    const inputs = new Set(cases.flatMap((fixture) => fixture.inputs));
    const found = readdirSync(path.join(ROOT, 'fixtures'), { recursive: true, encoding: 'utf8' })
      .map((file) => `fixtures/${file.split(path.sep).join('/')}`)
      .filter((file) => /^fixtures\/(howto|risky)\//.test(file))
      .filter((file) => file.endsWith('.json'));
    expect(found.sort()).toEqual([...inputs].sort());
  });
});

describe('the how-to page groups', () => {
  it('the default group exits 0 with no finding', () => {
    expect(golden('fixtures/howto/default-group', '.exit')).toBe('0\n');
    expect(golden('fixtures/howto/default-group', '.stylish.txt')).toBe('✔ no problems in 1 security group\n');
  });

  it('the icmp-allow group, ICMP from 0.0.0.0/0, exits 0 with no finding', () => {
    expect(golden('fixtures/howto/icmp-allow-group', '.exit')).toBe('0\n');
    const report = JSON.parse(golden('fixtures/howto/icmp-allow-group', '.report.txt')) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
  });
});

describe('the risky project', () => {
  const report = JSON.parse(golden('fixtures/risky/project', '.report.txt')) as {
    findings: { check: string; severity: string }[];
    summary: { errors: number; warnings: number; notes: number };
  };

  it('exits 1', () => {
    expect(golden('fixtures/risky/project', '.exit')).toBe('1\n');
  });

  it('trips every check that is on by default', async () => {
    const { BUILTIN_CHECKS } = await import('../../src/engine/registry.js');
    const onByDefault = BUILTIN_CHECKS.filter((check) => check.defaultSeverity !== 'off').map((check) => check.id);
    const tripped = new Set(report.findings.map((finding) => finding.check));
    expect(onByDefault.filter((id) => !tripped.has(id))).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 12, warnings: 9, notes: 3 });
  });

  it('trips missing-description too under the strict preset (library API; the CLI has no preset flag yet)', () => {
    const texts = cases
      .find((fixture) => fixture.name === 'fixtures/risky/project')
      ?.inputs.map((input) => ({ path: input, text: readFileSync(path.join(ROOT, input), 'utf8') }));
    const result = lintTexts(texts ?? [], { preset: 'strict' });
    const missing = result.findings.filter((finding) => finding.check === 'missing-description');
    expect(missing.map((finding) => `${finding.line}:${finding.column} ${finding.message}`)).toEqual([
      '10:9 rule has no description',
      '17:9 rule has no description',
      '24:9 rule has no description',
      '30:9 rule has no description',
      '161:9 rule has no description',
      '167:9 rule has no description',
      '215:9 rule has no description',
      '508:9 rule has no description',
      '514:9 rule has no description',
    ]);
  });
});
