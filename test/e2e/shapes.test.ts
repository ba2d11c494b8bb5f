/**
 * End to end through the built CLI: one risky setup, written in every shape
 * sglint reads (fixtures/shapes/), gives the same findings by check, group
 * and message, each at its own exact place in its own file.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/sglint.js');
const SHAPES = 'fixtures/shapes';

interface Finding {
  check: string;
  message: string;
  file: string;
  line: number;
  column: number;
  logical?: string;
  securityGroup: { name: string } | null;
}

interface Run {
  code: number;
  findings: Finding[];
  stderr: string;
}

async function sglint(...inputs: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...inputs, '--format', 'json'], { cwd: ROOT });
    return { code: 0, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return {
      code: failed.code,
      findings: (JSON.parse(failed.stdout) as { findings: Finding[] }).findings,
      stderr: failed.stderr,
    };
  }
}

/** What a finding says, without what differs by shape: rule ids and input order in "rule …" references. */
function meaning(finding: Finding): string {
  const message = finding.message.replace(/rule (#\d+|[0-9a-f-]{36}|(?:[\w.]+\.)?stackit_security_group_rule\.\w+)/g, 'rule <other>');
  return `${finding.check} | ${finding.securityGroup?.name ?? '-'} | ${message}`;
}

function located(finding: Finding): string {
  return `${finding.check} ${finding.file.slice(SHAPES.length + 1)}:${finding.line}:${finding.column}`;
}

const SHAPE_NAMES = ['api', 'cli', 'cli-rules', 'tf-state', 'tf-plan', 'tf-config'] as const;
const runs = new Map<string, Run>();

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist/sglint.mjs'))) throw new Error('build first: npm run build');
  for (const shape of SHAPE_NAMES) runs.set(shape, await sglint(`${SHAPES}/${shape}`));
}, 60_000);

const EXPECTED_MEANINGS = [
  'duplicate-rule | web | duplicates rule <other>: both match the same traffic',
  'ingress-all-ports-world | admin | every udp port reachable from the world through every address (no ipRange)',
  'ingress-broad-public-range | admin | tcp/3389 reachable from public ranges wider than /16 through 52.0.0.0/8',
  'ingress-broad-public-range | split-a | tcp/3306 reachable from public ranges wider than /16 through 0.0.0.0/1',
  'ingress-broad-public-range | split-b | tcp/3306 reachable from public ranges wider than /16 through 128.0.0.0/1',
  'ingress-sensitive-port-world | - | tcp/3306 (MySQL) reachable from the world on NIC "app-nic" of server "app-1" ' +
    'through the union of groups "split-a", "split-b"',
  'ingress-sensitive-port-world | db | tcp/5432 (PostgreSQL) reachable from the world through the union of 3 rules ' +
    '(0.0.0.0/1, 128.0.0.0/1, 203.0.113.7/24)',
  'ingress-sensitive-port-world | web | tcp/22 (SSH) reachable from the world through every address (no ipRange)',
  'missing-egress | admin | group "admin" has egress rules for IPv6 only: outbound IPv4 traffic is blocked',
  'missing-egress | db | group "db" has no egress rule: all outbound traffic is blocked',
  'missing-egress | web | group "web" has egress rules for IPv4 only: outbound IPv6 traffic is blocked',
  'nic-security-disabled | - | nicSecurity is off on "db-nic" of server "db-1": no security group filters its traffic',
  'non-canonical-cidr | db | ipRange "203.0.113.7/24" has host bits set; it means 203.0.113.0/24',
  'redundant-rule | db | is covered by rule <other>; it allows nothing more',
  'unused-group | admin | group "admin" is attached to no network interface',
  'unused-group | db | group "db" is attached to no network interface',
];

const EXPECTED_PLACES: Record<(typeof SHAPE_NAMES)[number], string[]> = {
  api: [
    'missing-egress api/groups.json:5:15',
    'ingress-sensitive-port-world api/groups.json:30:9',
    'duplicate-rule api/groups.json:47:9',
    'missing-egress api/groups.json:114:15',
    'unused-group api/groups.json:114:15',
    'ingress-sensitive-port-world api/groups.json:121:9',
    'redundant-rule api/groups.json:121:9',
    'non-canonical-cidr api/groups.json:134:22',
    'ingress-broad-public-range api/groups.json:186:9',
    'ingress-broad-public-range api/groups.json:215:9',
    'missing-egress api/groups.json:237:15',
    'unused-group api/groups.json:237:15',
    'ingress-broad-public-range api/groups.json:244:9',
    'ingress-all-ports-world api/groups.json:262:9',
    'ingress-sensitive-port-world api/nics.json:3:5',
    'nic-security-disabled api/nics.json:26:22',
  ],
  cli: [
    'missing-egress cli/groups.json:7:13',
    'ingress-sensitive-port-world cli/groups.json:27:7',
    'duplicate-rule cli/groups.json:44:7',
    'missing-egress cli/groups.json:116:13',
    'unused-group cli/groups.json:116:13',
    'ingress-sensitive-port-world cli/groups.json:118:7',
    'redundant-rule cli/groups.json:118:7',
    'non-canonical-cidr cli/groups.json:124:20',
    'ingress-broad-public-range cli/groups.json:183:7',
    'ingress-broad-public-range cli/groups.json:212:7',
    'missing-egress cli/groups.json:239:13',
    'unused-group cli/groups.json:239:13',
    'ingress-broad-public-range cli/groups.json:241:7',
    'ingress-all-ports-world cli/groups.json:259:7',
    'ingress-sensitive-port-world cli/nics.json:2:3',
    'nic-security-disabled cli/nics.json:25:20',
  ],
  'cli-rules': [
    'missing-egress cli-rules/groups.json:7:13',
    'missing-egress cli-rules/groups.json:16:13',
    'unused-group cli-rules/groups.json:16:13',
    'missing-egress cli-rules/groups.json:43:13',
    'unused-group cli-rules/groups.json:43:13',
    'ingress-sensitive-port-world cli-rules/nics.json:2:3',
    'nic-security-disabled cli-rules/nics.json:25:20',
    'ingress-broad-public-range cli-rules/rules-admin.json:2:3',
    'ingress-all-ports-world cli-rules/rules-admin.json:20:3',
    'ingress-sensitive-port-world cli-rules/rules-db.json:2:3',
    'redundant-rule cli-rules/rules-db.json:2:3',
    'non-canonical-cidr cli-rules/rules-db.json:8:16',
    'ingress-broad-public-range cli-rules/rules-split-a.json:2:3',
    'ingress-broad-public-range cli-rules/rules-split-b.json:2:3',
    'ingress-sensitive-port-world cli-rules/rules-web.json:20:3',
    'duplicate-rule cli-rules/rules-web.json:37:3',
  ],
  'tf-state': [
    'missing-egress tf-state/state.json:17:21',
    'unused-group tf-state/state.json:17:21',
    'ingress-broad-public-range tf-state/state.json:33:21',
    'ingress-all-ports-world tf-state/state.json:63:21',
    'missing-egress tf-state/state.json:138:25',
    'missing-egress tf-state/state.json:157:25',
    'unused-group tf-state/state.json:157:25',
    'ingress-sensitive-port-world tf-state/state.json:241:25',
    'duplicate-rule tf-state/state.json:271:25',
    'ingress-sensitive-port-world tf-state/state.json:385:25',
    'redundant-rule tf-state/state.json:385:25',
    'non-canonical-cidr tf-state/state.json:403:29',
    'ingress-broad-public-range tf-state/state.json:475:25',
    'ingress-broad-public-range tf-state/state.json:505:25',
    'ingress-sensitive-port-world tf-state/state.json:535:25',
    'nic-security-disabled tf-state/state.json:576:29',
  ],
  'tf-plan': [
    'missing-egress tf-plan/plan.json:563:19',
    'missing-egress tf-plan/plan.json:591:19',
    'unused-group tf-plan/plan.json:591:19',
    'missing-egress tf-plan/plan.json:674:19',
    'unused-group tf-plan/plan.json:674:19',
    'ingress-sensitive-port-world tf-plan/plan.json:740:18',
    'duplicate-rule tf-plan/plan.json:781:18',
    'ingress-sensitive-port-world tf-plan/plan.json:937:18',
    'redundant-rule tf-plan/plan.json:937:18',
    'non-canonical-cidr tf-plan/plan.json:949:23',
    'ingress-broad-public-range tf-plan/plan.json:1060:18',
    'ingress-broad-public-range tf-plan/plan.json:1101:18',
    'ingress-broad-public-range tf-plan/plan.json:1141:18',
    'ingress-all-ports-world tf-plan/plan.json:1181:18',
    'ingress-sensitive-port-world tf-plan/plan.json:1251:18',
    'nic-security-disabled tf-plan/plan.json:1296:23',
  ],
  'tf-config': [
    'missing-egress tf-config/main.tf:32:3',
    'unused-group tf-config/main.tf:32:3',
    'ingress-broad-public-range tf-config/main.tf:36:1',
    'ingress-all-ports-world tf-config/main.tf:46:1',
    'missing-egress tf-config/modules/net/groups.tf:19:3',
    'missing-egress tf-config/modules/net/groups.tf:25:3',
    'unused-group tf-config/modules/net/groups.tf:25:3',
    'ingress-sensitive-port-world tf-config/modules/net/rules.tf:12:1',
    'duplicate-rule tf-config/modules/net/rules.tf:21:1',
    'ingress-sensitive-port-world tf-config/modules/net/rules.tf:58:1',
    'redundant-rule tf-config/modules/net/rules.tf:58:1',
    'non-canonical-cidr tf-config/modules/net/rules.tf:65:3',
    'ingress-broad-public-range tf-config/modules/net/rules.tf:88:1',
    'ingress-broad-public-range tf-config/modules/net/rules.tf:98:1',
    'ingress-sensitive-port-world tf-config/modules/net/servers.tf:1:1',
    'nic-security-disabled tf-config/modules/net/servers.tf:16:3',
  ],
};

describe('one risky setup in every shape', () => {
  it.each(SHAPE_NAMES)('%s gives the same findings by check, group and message', (shape) => {
    const result = runs.get(shape) as Run;
    expect(result.code).toBe(1);
    expect(result.findings.map(meaning).sort()).toEqual(EXPECTED_MEANINGS);
  });

  it.each(SHAPE_NAMES)('%s places each finding exactly in its own file', (shape) => {
    expect((runs.get(shape) as Run).findings.map(located)).toEqual(EXPECTED_PLACES[shape]);
  });

  it.each([
    ['tf-state', 'module.net.stackit_security_group_rule.db_pg_office'],
    ['tf-plan', 'module.net.stackit_security_group_rule.db_pg_office'],
    ['tf-config', 'stackit_security_group_rule.db_pg_office'],
  ])('%s names the Terraform resource address', (shape, address) => {
    const finding = (runs.get(shape) as Run).findings.find((entry) => entry.check === 'non-canonical-cidr');
    expect(finding?.logical).toBe(address);
  });

  it('never reports the rule whose range is unknown until apply, and says it skipped it', () => {
    const plan = runs.get('tf-plan') as Run;
    expect(plan.findings.filter((finding) => finding.logical?.includes('web_from_lb'))).toEqual([]);
    // The note, then only the run's summary line.
    const [note, summary, ...rest] = plan.stderr.split('\n');
    expect(note).toBe(
      'fixtures/shapes/tf-plan/plan.json: note: 1 rule has values known only after apply: ' +
        'module.net.stackit_security_group_rule.web_from_lb (remote); checks that depend on those values skipped them',
    );
    expect(summary).toMatch(/^sglint: \d+ errors?, \d+ warnings?, \d+ notes? in 1 file, \d+\.\d\ds$/);
    expect(rest).toEqual(['']);
  });
});

describe('mixed inputs in one run', () => {
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'sglint-shapes-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('forms one model from a groups export, a NIC list and the state of the same groups', async () => {
    const mixed = await sglint(`${SHAPES}/api/groups.json`, `${SHAPES}/cli/nics.json`, `${SHAPES}/tf-state`);
    expect(mixed.findings.map(meaning).sort()).toEqual(EXPECTED_MEANINGS);
    expect(new Set(mixed.findings.map((finding) => finding.file.slice(SHAPES.length + 1)))).toEqual(
      new Set(['api/groups.json', 'cli/nics.json']),
    );
  });

  it('reports a conflicting copy of a group instead of merging it', async () => {
    const export_ = JSON.parse(await readFile(path.join(ROOT, SHAPES, 'api/groups.json'), 'utf8')) as {
      items: { name: string; rules: { portRange?: { min: number; max: number } }[] }[];
    };
    const web = export_.items.find((group) => group.name === 'web');
    const https = web?.rules[0];
    if (https?.portRange === undefined) throw new Error("fixture changed: web's first rule has no portRange");
    https.portRange = { min: 443, max: 444 };
    const changed = path.join(scratch, 'changed.json');
    await writeFile(changed, `${JSON.stringify(export_, null, 2)}\n`);
    const mixed = await sglint(`${SHAPES}/api/groups.json`, changed);
    const conflicts = mixed.findings
      .filter((finding) => finding.check === 'invalid-rule')
      .map((finding) => `${path.basename(finding.file)}:${finding.line} ${finding.message}`);
    expect(conflicts).toEqual([
      'changed.json:4 group 0a000000-0000-4000-8000-000000000001 also appears in fixtures/shapes/api/groups.json ' +
        'with different rules; sglint does not merge them and checks both copies',
    ]);
  });
});
