import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { loadTexts } from '../../src/load/index.js';
import type { InputText } from '../../src/load/read.js';

const GROUP = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function input(path: string, value: unknown): InputText {
  return { path, absolute: undefined, text: `${JSON.stringify(value, null, 2)}\n`, fromDirectory: false };
}

const sshWorld = {
  id: 'r-ssh',
  securityGroupId: GROUP,
  direction: 'ingress',
  ethertype: 'IPv4',
  protocol: { name: 'tcp', number: 6 },
  portRange: { min: 22, max: 22 },
};
const egress = { id: 'r-out', securityGroupId: GROUP, direction: 'egress', ethertype: 'IPv4' };

function findings(texts: InputText[]): string[] {
  return lintTexts(texts).findings.map(
    (finding) => `${finding.check} ${finding.file}:${finding.line}:${finding.column}`,
  );
}

describe('rule shapes from the CLI and the API', () => {
  it.each([
    ['API rule list {"items":[rule…]}', { items: [sshWorld] }, 'rules.json:3:5'],
    ['bare array (stackit security-group rule list -o json)', [sshWorld], 'rules.json:2:3'],
    ['one rule (rule describe)', sshWorld, 'rules.json:1:1'],
  ])('reads %s and reports the world-open port on the rule', (_name, value, place) => {
    expect(findings([input('rules.json', value)])).toEqual([`ingress-sensitive-port-world ${place}`]);
  });

  it('accepts the create payload with a bare protocol name or number', () => {
    const byName = { direction: 'ingress', protocol: 'tcp', portRange: { min: 22, max: 22 } };
    const byNumber = { direction: 'ingress', protocol: 6, portRange: { min: 3389, max: 3389 } };
    const result = lintTexts([input('a.json', [byName, byNumber])]);
    expect(result.findings.map((finding) => finding.message)).toEqual([
      'tcp/22 (SSH) reachable from the world through every address (no ipRange)',
      'tcp/3389 (RDP) reachable from the world through every address (no ipRange)',
    ]);
  });

  it('never pairs rules that name no group: each may belong to a different one', () => {
    const half = (ipRange: string) => ({
      direction: 'ingress',
      protocol: 'tcp',
      portRange: { min: 3306, max: 3306 },
      ipRange,
      description: 'x',
    });
    const ssh = { direction: 'ingress', protocol: 'tcp', portRange: { min: 22, max: 22 }, ipRange: '0.0.0.0/0' };
    const result = lintTexts([
      input('a.json', half('0.0.0.0/1')),
      input('b.json', half('128.0.0.0/1')),
      input('c.json', [ssh, ssh]),
    ]);
    expect(
      result.findings.map((finding) => `${finding.check} ${finding.file}:${finding.line}:${finding.column}`),
    ).toEqual([
      'ingress-broad-public-range a.json:1:1',
      'ingress-broad-public-range b.json:1:1',
      'ingress-sensitive-port-world c.json:2:3',
      'ingress-sensitive-port-world c.json:11:3',
    ]);
    expect(result.model.groups.map((group) => [group.name, group.rules.length])).toEqual([
      ['(rules without a group)', 1],
      ['(rules without a group)', 1],
      ['(rules without a group)', 1],
      ['(rules without a group)', 1],
    ]);
  });

  it('joins rules to their group by securityGroupId, across files', () => {
    const { model } = loadTexts([
      input('rules.json', [sshWorld, { ...egress, securityGroupId: OTHER }]),
      input('groups.json', [
        { id: GROUP, name: 'web' },
        { id: OTHER, name: 'db' },
      ]),
    ]);
    expect(
      model.groups.map((group) => [group.name, group.rules.map((rule) => rule.id), group.rulesKnown]),
    ).toEqual([
      ['web', ['r-ssh'], true],
      ['db', ['r-out'], true],
    ]);
  });

  it('drops a listed rule that repeats the group\'s copy, and checks both copies when they differ', () => {
    const office = { ...sshWorld, ipRange: '10.0.0.0/8', description: 'ssh' };
    const group = { id: GROUP, name: 'web', rules: [egress, office] };
    const same = lintTexts([input('group.json', group), input('rules.json', [{ ...office }])]);
    expect(same.model.groups.map((entry) => entry.rules.map((rule) => rule.id))).toEqual([['r-out', 'r-ssh']]);
    expect(same.findings.map((finding) => finding.check)).toEqual(['missing-egress']);

    const changed = lintTexts([input('group.json', group), input('rules.json', [sshWorld])]);
    expect(changed.model.groups.map((entry) => entry.rules.map((rule) => rule.id))).toEqual([
      ['r-out', 'r-ssh', 'r-ssh'],
    ]);
    expect(
      changed.findings
        .filter((finding) => finding.check !== 'missing-egress')
        .map((finding) => `${finding.check} ${finding.file}:${finding.line}:${finding.column} ${finding.message}`),
    ).toEqual([
      'redundant-rule group.json:11:5 is covered by rule r-ssh; it allows nothing more',
      'ingress-sensitive-port-world rules.json:2:3 tcp/22 (SSH) reachable from the world through every address (no ipRange)',
      'invalid-rule rules.json:3:11 rule r-ssh also appears in group.json with different values; ' +
        'sglint does not merge them and checks both copies',
    ]);
  });

  it('says so, instead of guessing, when only rules are given', () => {
    const result = lintTexts([input('rules.json', [sshWorld])]);
    expect(result.findings.map((finding) => finding.check)).toEqual(['ingress-sensitive-port-world']);
    expect(result.problems).toEqual([
      {
        file: 'rules.json',
        message:
          `group "${GROUP}" is known only by rules here: checks that need every rule of a group ` +
          '(missing-egress, stateless-missing-return) skipped them; pass the group list too to check them',
        fatal: false,
      },
    ]);
  });

  it('checks the whole group once its list of rules and the group are both given', () => {
    const result = lintTexts([
      input('groups.json', [{ id: GROUP, name: 'web' }]),
      input('rules.json', [sshWorld]),
    ]);
    expect(result.findings.map((finding) => `${finding.check} ${finding.file}:${finding.line}`)).toEqual([
      'missing-egress groups.json:4',
      'ingress-sensitive-port-world rules.json:2',
    ]);
    expect(result.problems).toEqual([]);
  });

  it('does not take one rule (rule describe) for every rule of its group', () => {
    const result = lintTexts([
      input('groups.json', [{ id: GROUP, name: 'web' }]),
      input('rule.json', egress),
    ]);
    expect(result.model.groups[0]?.rulesKnown).toBe(false);
    expect(result.findings).toEqual([]);
  });

  it('reads a rule seen both in its group and in a rule list once', () => {
    const { model } = loadTexts([
      input('groups.json', { items: [{ id: GROUP, name: 'web', rules: [sshWorld] }] }),
      input('rules.json', [sshWorld, egress]),
    ]);
    expect(model.groups[0]?.rules.map((rule) => rule.id)).toEqual(['r-ssh', 'r-out']);
  });
});
