import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEgress, exportText, group, tcpIn } from '../gate-fixtures.js';
import { ROOT, runCli, summaryPattern } from './run-cli.js';
import { sarifErrors } from './sarif-validate.js';

const WEB = '11111111-1111-4111-8111-111111111111';
const DB = '22222222-2222-4222-8222-222222222222';

function project(extraWebRules = [] as ReturnType<typeof tcpIn>[]): Record<string, unknown>[] {
  return [
    group({
      id: WEB,
      name: 'web',
      rules: [
        tcpIn(22, '0.0.0.0/0', 'w1'),
        tcpIn(8080, '0.0.0.0/0', 'w2'),
        ...extraWebRules,
        ...allEgress('w'),
      ],
    }),
    group({
      id: DB,
      name: 'db',
      labels: { 'sglint-disable': 'ingress-sensitive-port-world' },
      rules: [tcpIn(5432, '0.0.0.0/0', 'd1'), ...allEgress('d')],
    }),
  ];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sglint-gate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function workspace(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(dir, name);
  await mkdir(root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

describe('adopting sglint with a baseline', () => {
  it('--update-baseline accepts today, then only new findings fail, even after reformatting', async () => {
    const cwd = await workspace('adopt', { 'sg.json': exportText(project()) });

    const update = await runCli(['sg.json', '--baseline', 'sglint.baseline.json', '--update-baseline'], cwd);
    expect(update.status).toBe(0);
    expect(update.stderr).toContain('sglint: wrote 2 fingerprints to sglint.baseline.json\n');
    expect(update.stderr).toMatch(summaryPattern('0 errors, 0 warnings, 0 notes (3 suppressed)'));
    const baseline = JSON.parse(await readFile(path.join(cwd, 'sglint.baseline.json'), 'utf8'));
    expect(baseline.version).toBe(1);
    expect(baseline.fingerprints).toHaveLength(2);
    expect([...baseline.fingerprints].sort()).toEqual(baseline.fingerprints);

    const same = await runCli(
      ['sg.json', '--baseline', 'sglint.baseline.json', '-f', 'stylish', '-f', 'sarif=b.sarif'],
      cwd,
    );
    expect(same.status).toBe(0);
    expect(same.stdout).toBe('✔ no problems in 2 security groups\n');
    const sarif = JSON.parse(await readFile(path.join(cwd, 'b.sarif'), 'utf8')) as Sarif.Log;
    expect(sarif.runs[0]?.results?.map((result) => result.suppressions?.[0]?.kind)).toEqual([
      'external',
      'external',
      'inSource',
    ]);

    const reformatted = [...project()].reverse();
    await writeFile(path.join(cwd, 'sg.json'), JSON.stringify({ items: reformatted }));
    expect((await runCli(['sg.json', '--baseline', 'sglint.baseline.json'], cwd)).status).toBe(0);

    await writeFile(path.join(cwd, 'sg.json'), exportText(project([tcpIn(3306, '0.0.0.0/0', 'w3')])));
    const next = await runCli(['sg.json', '--baseline', 'sglint.baseline.json', '-f', 'json'], cwd);
    expect(next.status).toBe(1);
    const report = JSON.parse(next.stdout);
    expect(report.findings.map((finding: { message: string }) => finding.message)).toEqual([
      'tcp/3306 (MySQL) reachable from the world through 0.0.0.0/0',
    ]);
    expect(report.summary).toMatchObject({ errors: 1, warnings: 0, suppressed: 3 });
  });

  it('refuses --update-baseline without --baseline, a missing baseline and writing over an input', async () => {
    const cwd = await workspace('baseline-errors', { 'sg.json': exportText(project()) });
    const alone = await runCli(['sg.json', '--update-baseline'], cwd);
    expect([alone.status, alone.stderr]).toEqual([
      2,
      'sglint: --update-baseline needs --baseline FILE to know where to write\n',
    ]);
    const missing = await runCli(['sg.json', '--baseline', 'nope.json'], cwd);
    expect([missing.status, missing.stderr]).toEqual([
      2,
      'sglint: cannot read baseline nope.json: no such file (create it with --update-baseline)\n',
    ]);
    const over = await runCli(['sg.json', '--baseline', 'sg.json', '--update-baseline'], cwd);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('sglint: refusing to write the report over input file sg.json\n');
    expect(JSON.parse(await readFile(path.join(cwd, 'sg.json'), 'utf8')).items).toHaveLength(2);
  });
});

describe('suppression by group label', () => {
  it('keeps the group quiet in stylish and shows it as suppressed in SARIF, which validates', async () => {
    const cwd = await workspace('suppress', { 'sg.json': exportText(project()) });
    const quiet = await runCli(['sg.json'], cwd);
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).not.toContain('5432');
    expect(quiet.stderr).toMatch(summaryPattern('1 error, 1 warning, 0 notes (1 suppressed)'));

    const shown = await runCli(['sg.json', '--report-suppressed'], cwd);
    expect(shown.stdout).toContain(
      '[db] tcp/5432 (PostgreSQL) reachable from the world through 0.0.0.0/0 (suppressed)  ingress-sensitive-port-world',
    );

    const sarif = await runCli(['sg.json', '-f', 'sarif=out.sarif'], cwd);
    expect(sarif.status).toBe(1);
    expect(sarif.stdout).toBe('');
    const log = JSON.parse(await readFile(path.join(cwd, 'out.sarif'), 'utf8')) as Sarif.Log;
    const results = log.runs[0]?.results ?? [];
    const suppressed = results.filter((result) => result.suppressions !== undefined);
    expect(suppressed.map((result) => [result.ruleId, result.suppressions])).toEqual([
      [
        'ingress-sensitive-port-world',
        [
          {
            kind: 'inSource',
            status: 'accepted',
            justification: 'group label sglint-disable=ingress-sensitive-port-world',
          },
        ],
      ],
    ]);
    expect(results.every((result) => typeof result.partialFingerprints?.['sglint/v1'] === 'string')).toBe(
      true,
    );
    expect(sarifErrors(path.join(cwd, 'out.sarif'))).toEqual([]);
  });
});

describe('formats', () => {
  it('feeds several consumers in one run', async () => {
    const cwd = await workspace('formats', { 'sg.json': exportText(project()) });
    const everyFormat = [
      'sg.json',
      ...['-f', 'json', '-f', 'sarif=r/out.sarif', '-f', 'github=r/gh.txt'],
      ...['-f', 'gitlab=r/gl.json', '-f', 'junit=r/j.xml'],
    ];
    const run = await runCli(
      everyFormat,
      cwd,
    ).catch((error) => error);
    // The report folder does not exist: nothing half-written, exit 2.
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('sglint: cannot write r/out.sarif: directory does not exist\n');

    await mkdir(path.join(cwd, 'r'));
    const ok = await runCli(
      everyFormat,
      cwd,
    );
    expect(ok.status).toBe(1);
    const json = JSON.parse(ok.stdout);
    expect(json.findings.map((finding: { check: string }) => finding.check)).toEqual([
      'ingress-sensitive-port-world',
      'ingress-world',
    ]);
    const read = (file: string): Promise<string> => readFile(path.join(cwd, 'r', file), 'utf8');
    expect((await read('gh.txt')).split('\n').map((line) => line.slice(0, line.indexOf(' ')))).toEqual([
      '::error',
      '::warning',
      '',
    ]);
    const gitlab = JSON.parse(await read('gl.json'));
    expect(gitlab.map((entry: { severity: string; fingerprint: string }) => entry.severity)).toEqual([
      'critical',
      'major',
    ]);
    expect(gitlab.map((entry: { fingerprint: string }) => entry.fingerprint)).toEqual(
      json.findings.map((finding: { fingerprint: string }) => finding.fingerprint),
    );
    const junit = await read('j.xml');
    expect(junit).toContain(
      '<testsuite name="sglint" tests="2" failures="2" errors="0" skipped="0" time="0">',
    );
    expect(junit.match(/<testcase /g)).toHaveLength(2);
    const sarif = JSON.parse(await read('out.sarif')) as Sarif.Log;
    expect(sarif.runs[0]?.results?.map((result) => result.ruleId)).toEqual([
      'ingress-sensitive-port-world',
      'ingress-world',
      'ingress-sensitive-port-world',
    ]);
  });

  it('keeps -f json and --output FILE working as before', async () => {
    const cwd = await workspace('json', { 'sg.json': exportText(project()) });
    const stdout = await runCli(['sg.json', '-f', 'json'], cwd);
    const file = await runCli(['sg.json', '--format', 'json', '--output', 'out.json'], cwd);
    expect(file.stdout).toBe('');
    expect(await readFile(path.join(cwd, 'out.json'), 'utf8')).toBe(stdout.stdout);
    expect(JSON.parse(stdout.stdout)).toMatchObject({
      version: 1,
      tool: { name: 'sglint' },
      summary: { errors: 1, warnings: 1 },
    });
  });

  it('escapes a group description with %, : and a newline in a GitHub annotation', async () => {
    const config = path.join(ROOT, 'fixtures/plugins/ticket-reference/sglint.config.json');
    const groups = [group({ name: 'ops:db', description: '100% internal: see\nwiki', rules: allEgress() })];
    const cwd = await workspace('github-escape', { 'groups.json': exportText(groups) });
    const run = await runCli(['groups.json', '-f', 'github', '--config', config], cwd);
    expect(run.stdout).toBe(
      '::warning file=groups.json,line=6,endLine=6,col=15,endColumn=23,title=description-ticket [ops%3Adb]::' +
        'group "ops:db" description "100%25 internal: see%0Awiki" names no ticket (expected /(OPS|SEC)-[0-9]+/)\n',
    );
  });
});

describe('gate controls', () => {
  const text = exportText([
    group({ name: 'web', rules: [tcpIn(8080), tcpIn(8081), { direction: 'egress', ethertype: 'IPv4' }] }),
  ]);

  it('fails on warnings with --fail-on warning, and on more than N warnings with --max-warnings', async () => {
    const cwd = await workspace('gate', { 'sg.json': text });
    const results = await Promise.all([
      runCli(['sg.json'], cwd),
      runCli(['sg.json', '--fail-on', 'warning'], cwd),
      runCli(['sg.json', '--fail-on', 'note'], cwd),
      runCli(['sg.json', '--max-warnings', '2'], cwd),
      runCli(['sg.json', '--max-warnings', '1'], cwd),
      runCli(['sg.json', '--fail-on', 'never', '--max-warnings', '0'], cwd),
    ]);
    expect(results.map((result) => result.status)).toEqual([0, 1, 1, 0, 1, 1]);
    expect(results[0]?.stderr).toMatch(summaryPattern('0 errors, 2 warnings, 1 note'));
  });

  it('prints the summary line on stderr for every format, and not with --quiet', async () => {
    const cwd = await workspace('summary', { 'sg.json': text });
    for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit']) {
      const run = await runCli(['sg.json', '-f', format], cwd);
      expect(run.stderr).toMatch(summaryPattern('0 errors, 2 warnings, 1 note'));
    }
    expect((await runCli(['sg.json', '-q'], cwd)).stderr).toBe('');
  });
});

describe('config', () => {
  it('a typo gives exit 2 with the key named', async () => {
    const cwd = await workspace('typo', {
      'sg.json': exportText(project()),
      'sglint.config.json': JSON.stringify({ preset: 'recommended', chekcs: {} }),
    });
    const run = await runCli(['sg.json'], cwd);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'sglint: sglint.config.json: chekcs: unknown key (did you mean "checks"?); allowed keys: $schema, preset, checks, ' +
        'ignore, trustedRanges, sensitivePorts, overrides, plugins\n',
    );
  });

  it('is found upward, applies severities, overrides, trusted ranges and ignore globs', async () => {
    const cwd = await workspace('configured', {
      'sglint.config.json': JSON.stringify({
        checks: { 'ingress-world': 'error', 'missing-egress': 'off' },
        overrides: [{ groups: ['legacy-*'], checks: { 'ingress-world': { severity: 'note' } } }],
        trustedRanges: ['198.51.100.0/24'],
        ignore: ['infra/old/**', 'infra/skip.json'],
      }),
      'infra/sg.json': exportText([
        group({ name: 'web', rules: [tcpIn(8080), { direction: 'egress', ethertype: 'IPv4' }] }),
        group({ name: 'legacy-app', rules: [tcpIn(8080), tcpIn(22, '198.51.100.0/24')] }),
      ]),
      'infra/old/sg.json': '{ not json',
      'infra/skip.json': '{ not json',
    });
    const run = await runCli(['.', 'skip.json', '-f', 'json'], path.join(cwd, 'infra'));
    expect(run.stderr).toContain('skip.json: note: skipped: matches an ignore glob of the config\n');
    const report = JSON.parse(run.stdout);
    expect(
      report.findings.map(
        (finding: { securityGroup: { name: string }; check: string; severity: string }) =>
          `${finding.securityGroup.name} ${finding.check} ${finding.severity}`,
      ),
    ).toEqual(['web ingress-world error', 'legacy-app ingress-world note']);
    expect(run.status).toBe(1);
  });
});

describe('plugins', () => {
  it('the worked example runs, and its rule is in SARIF, which validates', async () => {
    const cwd = path.join(ROOT, 'fixtures/plugins/ticket-reference');
    const out = path.join(dir, 'plugin.sarif');
    const run = await runCli(['groups.json', '-f', 'stylish', '-f', `sarif=${out}`], cwd);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      '[batch-workers] group "batch-workers" description "workers for nightly jobs" names no ticket (expected /(OPS|SEC)-[0-9]+/)  description-ticket',
    );
    const log = JSON.parse(await readFile(out, 'utf8')) as Sarif.Log;
    const rule = log.runs[0]?.tool.driver.rules?.find((entry) => entry.id === 'description-ticket');
    expect(rule).toMatchObject({
      shortDescription: { text: 'A security group description names no change ticket.' },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['governance'], precision: 'high' },
    });
    expect(rule?.properties?.['security-severity']).toBeUndefined();
    expect(sarifErrors(out)).toEqual([]);
  });

  it('a bad plugin is named, exits 2, and the other checks still run', async () => {
    const cwd = await workspace('bad-plugin', {
      'sg.json': exportText(project()),
      'sglint.config.json': JSON.stringify({ plugins: ['./bad.mjs'] }),
      'bad.mjs': "export default [{ description: 'no id', defaultSeverity: 'note', check() {} }];",
    });
    const run = await runCli(['sg.json', '-f', 'json'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('sglint: plugin ./bad.mjs: checks[0].id: expected a string; got nothing\n');
    expect(JSON.parse(run.stdout).findings).toHaveLength(2);
  });

  it('rules and explain know the plugin checks of the config, found upward or given', async () => {
    const cwd = path.join(ROOT, 'fixtures/plugins/ticket-reference');
    const rules = await runCli(['rules'], cwd);
    expect(rules.status).toBe(0);
    const lines = rules.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(16);
    expect(lines.at(-1)).toBe(
      'description-ticket            warning  A security group description names no change ticket. ' +
        '(plugin ./ticket-reference.mjs)',
    );
    const given = await runCli(['rules', '--config', path.join(cwd, 'sglint.config.json')], ROOT);
    expect(given.stdout).toBe(rules.stdout);
    expect((await runCli(['rules'], ROOT)).stdout.trimEnd().split('\n')).toHaveLength(15);

    const explained = await runCli(['explain', 'description-ticket'], cwd);
    expect(explained.status).toBe(0);
    expect(explained.stdout).toBe(
      '# description-ticket\n\nA security group description names no change ticket.\n\n' +
        'Default severity: warning. From plugin ./ticket-reference.mjs.\n',
    );
    const unknown = await runCli(['explain', 'description-ticket'], ROOT);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^sglint: unknown check "description-ticket"; known checks: /);
  });

  it('rules names a bad plugin, exits 2, and still lists the rest', async () => {
    const cwd = await workspace('bad-plugin-rules', {
      'sglint.config.json': JSON.stringify({ plugins: ['./bad.mjs'] }),
      'bad.mjs': "export default [{ description: 'no id', defaultSeverity: 'note', check() {} }];",
    });
    const run = await runCli(['rules'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sglint: plugin ./bad.mjs: checks[0].id: expected a string; got nothing\n');
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(15);
  });

  it('a plugin check that throws is reported with its id and plugin, exit 3, the rest still reported', async () => {
    const cwd = await workspace('throwing-plugin', {
      'sg.json': exportText(project()),
      'sglint.config.json': JSON.stringify({ plugins: ['./boom.mjs'] }),
      'boom.mjs':
        "export const checks = [{ id: 'boom', description: 'x', defaultSeverity: 'error', check() { throw new Error('kaboom'); } }];",
    });
    const run = await runCli(['sg.json', '-f', 'json'], cwd);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('sglint: check boom (plugin ./boom.mjs) failed: kaboom\n');
    expect(JSON.parse(run.stdout).findings).toHaveLength(2);
  });
});

describe('init and explain', () => {
  it('init writes a starter config once and never overwrites it', async () => {
    const cwd = await workspace('init', {});
    const first = await runCli(['init'], cwd);
    expect([first.status, first.stdout]).toEqual([
      0,
      'sglint: wrote sglint.config.json (preset "recommended")\n',
    ]);
    const text = await readFile(path.join(cwd, 'sglint.config.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      $schema: './node_modules/sglint/schema/sglint.config.schema.json',
      preset: 'recommended',
    });
    const second = await runCli(['init'], cwd);
    expect([second.status, second.stderr]).toEqual([
      2,
      'sglint: sglint.config.json already exists; not overwriting it\n',
    ]);
    expect(await readFile(path.join(cwd, 'sglint.config.json'), 'utf8')).toBe(text);
  });

  it("explain prints a check's doc page", async () => {
    const run = await runCli(['explain', 'duplicate-rule'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(await readFile(path.join(ROOT, 'rules/duplicate-rule.md'), 'utf8'));
    expect(run.stdout.startsWith('# duplicate-rule\n')).toBe(true);
  });

  it('explain names the known checks for an unknown id', async () => {
    const run = await runCli(['explain', 'ingress-everything'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^sglint: unknown check "ingress-everything"; known checks: ingress-sensitive-port-world, .*unused-group, nic-security-disabled\n$/,
    );
  });
});
