import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertFreshBuild, runCli } from './cli.js';

let work: string;
const DEFAULT_GROUP = readFileSync(path.join(ROOT, 'fixtures', 'howto', 'default-group.json'), 'utf8');
const SHAPES =
  'terraform show -json of a plan or of state, or an sglint live snapshot {"kind":"sglint-snapshot",…}, or an API list {"items":[group…]} ' +
  '(or of rules, NICs or servers), or a bare array of groups, rules, NICs or servers (stackit … list -o json), ' +
  'or one security group {"name":…,"rules":[…]}, or one rule {"direction":…}';

/** Writes a file under the temporary folder and returns its path relative to it. */
function write(name: string, text: string): string {
  const file = path.join(work, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return name;
}

/** A group document with two egress rules (so missing-egress stays quiet) and the given rule lines. */
function group(name: string, ...rules: string[]): string {
  const all = ['{"direction": "egress"}', '{"direction": "egress", "ethertype": "IPv6"}', ...rules];
  return `{"name": "${name}", "rules": [\n${all.map((rule) => `  ${rule}`).join(',\n')}\n]}`;
}

beforeAll(() => {
  assertFreshBuild();
  work = mkdtempSync(path.join(tmpdir(), 'sglint-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bad input', () => {
  it('unparseable JSON: file:line:col on stderr, exit 2, no stack trace', () => {
    write('broken.json', '{"items": [\n  {"name": "x",}\n]}');
    const run = runCli(['broken.json', '--no-color'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('broken.json:2:16: error: invalid JSON: property name expected\n');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a directory with no security-group document is an input error, not a pass', () => {
    write('other/package.json', '{"name": "app", "version": "1.0.0"}');
    const run = runCli(['other'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'other/package.json:1:1: note: skipped: not a security-group document\n' +
        'other: error: no security-group document found: nothing was linted\n',
    );
  });

  it('a raw Terraform state file gets a hint to use terraform show -json', () => {
    write('raw/terraform.tfstate.json', '{"version": 4, "terraform_version": "1.9.0", "resources": []}');
    const run = runCli(['raw'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'raw/terraform.tfstate.json:1:1: note: skipped: this is a raw Terraform state file; ' +
        'lint the output of `terraform show -json` instead\n',
    );
  });

  it('an empty file is an input error', () => {
    write('empty.json', '');
    const run = runCli(['empty.json'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('empty.json:1:1: error: file is empty; expected JSON\n');
  });

  it('a document of unknown shape names the accepted shapes', () => {
    write('shape.json', '{"securityGroups": "none"}');
    const run = runCli(['shape.json', '-f', 'json'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`shape.json:1:1: error: unknown document shape; expected ${SHAPES}\n`);
    expect(JSON.parse(run.stdout).problems).toEqual([
      { file: 'shape.json', line: 1, column: 1, message: `unknown document shape; expected ${SHAPES}` },
    ]);
  });

  it('malformed rules become invalid-rule findings and the other groups are still checked', () => {
    const broken = group(
      'broken',
      '{"protocol": "tcp", "ipRange": "10.0.0.0/8"}',
      '{"direction": "ingress", "protocol": "tcp", "portRange": {"min": 30, "max": 20}}',
      '{"direction": "ingress", "protocol": "tcp", "portRange": {"min": 8000, "max": 70000}}',
      '{"direction": "ingress", "protocol": "tpc"}',
    );
    const open = group('open', '{"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}}');
    write('malformed.json', `{"items": [\n${broken},\n${open}\n]}`);
    const run = runCli(['malformed.json', '-f', 'json'], { cwd: work });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: { check: string; line: number; message: string }[] }).findings;
    expect(findings.map(({ check, line, message }) => `${line} ${check}: ${message}`)).toEqual([
      '5 invalid-rule: direction is missing; expected "ingress" or "egress"',
      '6 invalid-rule: portRange min 30 is greater than max 20',
      '7 invalid-rule: portRange.max is 70000; expected an integer from 0 to 65535',
      expect.stringMatching(/^8 invalid-rule: protocol name "tpc" is unknown; expected one of icmp, /),
      '13 ingress-sensitive-port-world: tcp/22 (SSH) reachable from the world through every address (no ipRange)',
    ]);
  });

  it('a missing file is an input error naming it', () => {
    const run = runCli(['nowhere.json'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('nowhere.json: error: cannot read: no such file or directory\n');
  });

  it('no input at all is a usage error', () => {
    const run = runCli([], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sglint: no input given; name files or directories, or "-" for standard input\n');
  });

  it('an unknown format is a usage error', () => {
    const run = runCli(['x.json', '--format', 'xml'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sglint: unknown format "xml"; expected one of stylish, json, sarif, github, gitlab, junit\n');
  });
});

describe('inputs', () => {
  it('accepts a UTF-8 byte order mark, with positions unchanged', () => {
    const ssh = '{"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}}';
    write('bom.json', `\ufeff${group('g', ssh)}`);
    const run = runCli(['bom.json', '--no-color'], { cwd: work });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('  4:3  error    [g] tcp/22 (SSH) reachable from the world');
  });

  it('reads standard input for "-"', () => {
    const run = runCli(['-', '--no-color'], { cwd: work, input: DEFAULT_GROUP });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('✔ no problems in 1 security group\n');
  });

  it('names standard input <stdin> in findings', () => {
    const run = runCli(['-', '-f', 'json'], { cwd: work, input: group('g', '{"direction": "ingress"}') });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).findings[0]).toMatchObject({ file: '<stdin>', line: 4, column: 3 });
  });

  it('walks a directory for *.json files and skips documents that are not security groups', () => {
    write('tree/a/default.json', DEFAULT_GROUP);
    write('tree/b/c/open.json', group('open', '{"direction": "ingress"}'));
    write('tree/b/notes.txt', 'not json');
    write('tree/package.json', '{"version": "1.0.0"}');
    const run = runCli(['tree', '-f', 'json'], { cwd: work });
    expect(run.stderr).toBe('tree/package.json:1:1: note: skipped: not a security-group document\n');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { file: string }[]; summary: { files: number; groups: number } };
    expect(report.summary).toMatchObject({ files: 2, groups: 2 });
    expect(report.findings.map((finding) => finding.file)).toEqual(['tree/b/c/open.json']);
  });
});

describe('options', () => {
  const warningOnly = group('g', '{"direction": "ingress", "protocol": "tcp", "portRange": {"min": 8080, "max": 8080}}');

  it('--output writes the report to a file and nothing to stdout', () => {
    write('warn.json', warningOnly);
    const run = runCli(['warn.json', '-f', 'json', '--output', 'report.json'], { cwd: work });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(work, 'report.json'), 'utf8')) as { summary: { warnings: number } };
    expect(report.summary.warnings).toBe(1);
  });

  it('--output refuses to overwrite an input file', () => {
    write('keep.json', warningOnly);
    const run = runCli(['keep.json', '--output', 'keep.json'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sglint: refusing to write the report over input file keep.json\n');
    expect(readFileSync(path.join(work, 'keep.json'), 'utf8')).toBe(warningOnly);
  });

  it('--output into a missing folder is a usage error', () => {
    write('warn.json', warningOnly);
    const run = runCli(['warn.json', '--output', 'missing/dir/report.txt'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sglint: cannot write missing/dir/report.txt: directory does not exist\n');
    expect(existsSync(path.join(work, 'missing'))).toBe(false);
  });

  it('--fail-on decides which severity fails the run', () => {
    write('warn.json', warningOnly);
    expect(runCli(['warn.json'], { cwd: work }).status).toBe(0);
    expect(runCli(['warn.json', '--fail-on', 'warning'], { cwd: work }).status).toBe(1);
    expect(runCli(['warn.json', '--fail-on', 'note'], { cwd: work }).status).toBe(1);
    write('error.json', group('g', '{"direction": "ingress"}'));
    expect(runCli(['error.json'], { cwd: work }).status).toBe(1);
    expect(runCli(['error.json', '--fail-on', 'never'], { cwd: work }).status).toBe(0);
  });

  it('--max-warnings fails the run above the count', () => {
    write('warn.json', warningOnly);
    expect(runCli(['warn.json', '--max-warnings', '1'], { cwd: work }).status).toBe(0);
    expect(runCli(['warn.json', '--max-warnings', '0'], { cwd: work }).status).toBe(1);
  });

  it('--quiet shows errors only', () => {
    const risky = path.join(ROOT, 'fixtures', 'risky', 'project.json');
    const run = runCli([risky, path.join(ROOT, 'fixtures', 'risky', 'nics.json'), '--quiet', '--no-color']);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n').filter((line) => /^\s+\d+:\d+\s/.test(line));
    expect(lines).toHaveLength(12);
    expect(lines.every((line) => /^\s+\d+:\d+\s+error\s/.test(line))).toBe(true);
  });

  it('--quiet keeps errors only in the JSON and SARIF reports too, and counts only errors', () => {
    const inputs = [path.join(ROOT, 'fixtures', 'risky', 'project.json'), path.join(ROOT, 'fixtures', 'risky', 'nics.json')];
    const json = JSON.parse(runCli([...inputs, '--quiet', '-f', 'json']).stdout) as { findings: { severity: string }[] };
    expect(json.findings).toHaveLength(12);
    expect(new Set(json.findings.map((finding) => finding.severity))).toEqual(new Set(['error']));
    const sarif = JSON.parse(runCli([...inputs, '--quiet', '-f', 'sarif']).stdout) as {
      runs: { results: { level: string }[] }[];
    };
    expect(sarif.runs[0]?.results.map((result) => result.level)).toEqual(new Array(12).fill('error'));
    const stylish = runCli([...inputs, '--quiet', '--no-color']).stdout;
    expect(stylish.trimEnd().split('\n').at(-1)).toBe('✖ 12 problems (12 errors, 0 warnings, 0 notes)');
  });

  it('--max-warnings says why the run failed', () => {
    write('warn-only.json', group('w', '{"direction": "ingress", "protocol": {"name": "tcp"}, "portRange": {"min": 8080, "max": 8080}}'));
    const run = runCli(['warn-only.json', '--max-warnings', '0', '-q'], { cwd: work });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('sglint: too many warnings: 1, more than --max-warnings 0\n');
  });

  it('--no-color output has no escape sequences, and the same input gives the same bytes', () => {
    const args = [path.join(ROOT, 'fixtures', 'risky', 'project.json'), '--no-color'];
    const first = runCli(args);
    expect(first.stdout).not.toContain('\u001b[');
    expect(runCli(args).stdout).toBe(first.stdout);
  });

  it('--color forces colour', () => {
    write('warn.json', warningOnly);
    expect(runCli(['warn.json', '--color'], { cwd: work }).stdout).toContain('\u001b[');
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = runCli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('--help describes the usage and the options', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: sglint [options] [command] [paths...]');
    for (const flag of ['--format', '--output', '--fail-on', '--max-warnings', '--quiet', '--no-color']) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('an unknown option is a usage error', () => {
    const run = runCli(['--frmat', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--frmat'");
  });
});

describe('sglint rules', () => {
  it('lists every check with its default severity', async () => {
    const { BUILTIN_CHECKS } = await import('../../src/engine/registry.js');
    const run = runCli(['rules']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/).slice(0, 2))).toEqual(
      BUILTIN_CHECKS.map((check) => [check.id, check.defaultSeverity]),
    );
  });
});
