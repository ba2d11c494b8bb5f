/**
 * The cases the traffic-set analysis exists for: findings that only the
 * union of several rules explains, checked end to end through `lintTexts`.
 */
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';

type RawRule = Record<string, unknown>;

const ingress = (id: string, rest: RawRule): RawRule => ({
  id,
  direction: 'ingress',
  ethertype: 'IPv4',
  ...rest,
});
const egress = (id: string, rest: RawRule): RawRule => ({
  id,
  direction: 'egress',
  ethertype: 'IPv4',
  ...rest,
});
const tcp = (min: number, max = min): RawRule => ({ protocol: { name: 'tcp' }, portRange: { min, max } });
const ALL_EGRESS = [egress('out4', {}), { id: 'out6', direction: 'egress', ethertype: 'IPv6' }];

/** One API list document with one group; every rule object starts on a line of its own. */
function document(rules: readonly RawRule[], stateful = true): string {
  return JSON.stringify(
    { items: [{ id: 'sg-1', name: 'web', description: 'web tier', stateful, rules }] },
    null,
    2,
  );
}

function lint(rules: readonly RawRule[], stateful = true): Finding[] {
  const result = lintTexts([{ path: 'groups.json', text: document(rules, stateful) }]);
  expect(result.problems).toEqual([]);
  expect(result.failures).toEqual([]);
  return result.findings;
}

const only = (findings: readonly Finding[], check: string): Finding[] =>
  findings.filter((f) => f.check === check);
const where = (finding: Finding): string => `${finding.line}:${finding.column}`;

describe('exposure through the union of rules', () => {
  it('reports four /2 ranges on tcp/3389 once, as RDP open to the world', () => {
    const rules = ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'].map((cidr, index) =>
      ingress(`rdp${index}`, { ...tcp(3389), ipRange: cidr }),
    );
    const findings = lint([...rules, ...ALL_EGRESS]);
    const exposure = findings.filter((f) => f.check.startsWith('ingress-'));
    expect(exposure).toHaveLength(1);
    const [finding] = exposure as [Finding];
    expect(finding.check).toBe('ingress-sensitive-port-world');
    expect(finding.message).toBe(
      'tcp/3389 (RDP) reachable from the world through the union of 4 rules ' +
        '(0.0.0.0/2, 128.0.0.0/2, 192.0.0.0/2, 64.0.0.0/2)',
    );
    expect(finding.rule).toEqual({ id: 'rdp0' });
    expect(where(finding)).toBe('9:9');
    expect(finding.related.map((r) => `${r.rule.id}@${r.line}:${r.column}`)).toEqual([
      'rdp1@22:9',
      'rdp2@35:9',
      'rdp3@48:9',
    ]);
    expect(findings.map((f) => f.check)).toEqual(['ingress-sensitive-port-world']);
  });

  it('exposes only the shared port when two halves overlap on tcp/22', () => {
    const findings = lint([
      ingress('low', { ...tcp(20, 22), ipRange: '0.0.0.0/1' }),
      ingress('high', { ...tcp(22, 25), ipRange: '128.0.0.0/1' }),
      ...ALL_EGRESS,
    ]);
    const world = findings.filter((f) => f.check.endsWith('-world'));
    expect(world.map((f) => [f.check, f.message])).toEqual([
      [
        'ingress-sensitive-port-world',
        'tcp/22 (SSH) reachable from the world through the union of 2 rules (0.0.0.0/1, 128.0.0.0/1)',
      ],
    ]);
    expect(only(findings, 'ingress-broad-public-range').map((f) => f.message)).toEqual([
      'tcp/20-21 reachable from public ranges wider than /16 through 0.0.0.0/1',
      'tcp/23-25 reachable from public ranges wider than /16 through 128.0.0.0/1',
    ]);
  });

  it('names the world source of a single rule: 0.0.0.0/0, ::/0 or no ipRange', () => {
    const findings = lint([
      ingress('v4', { ...tcp(8000, 8100), ipRange: '0.0.0.0/0' }),
      { id: 'v6', direction: 'ingress', ethertype: 'IPv6', ...tcp(5432), ipRange: '::/0' },
      ingress('none', { protocol: { name: 'udp' }, portRange: { min: 5060, max: 5060 } }),
      ...ALL_EGRESS,
    ]);
    expect(findings.map((f) => [f.check, f.rule?.id, f.message])).toEqual([
      ['ingress-world', 'v4', 'tcp/8000-8100 reachable from the world through 0.0.0.0/0'],
      ['ingress-sensitive-port-world', 'v6', 'tcp/5432 (PostgreSQL) reachable from the world through ::/0'],
      ['ingress-world', 'none', 'udp/5060 reachable from the world through every address (no ipRange)'],
    ]);
  });
});

describe('redundancy and duplicates on sets', () => {
  it('finds a rule that only the union of two others covers', () => {
    const findings = lint([
      ingress('a', { ...tcp(20, 30), ipRange: '10.0.0.0/8' }),
      ingress('b', { ...tcp(31, 40), ipRange: '10.0.0.0/8' }),
      ingress('c', { ...tcp(25, 35), ipRange: '10.1.0.0/16' }),
      ...ALL_EGRESS,
    ]);
    expect(findings).toHaveLength(1);
    const [finding] = findings as [Finding];
    expect(finding.check).toBe('redundant-rule');
    expect(finding.rule).toEqual({ id: 'c' });
    expect(where(finding)).toBe('35:9');
    expect(finding.message).toBe('is covered by the union of 2 rules (a, b); it allows nothing more');
    expect(finding.related.map((r) => r.rule.id)).toEqual(['a', 'b']);
  });

  it('finds redundancy by two address halves, and a group atom covered by every address', () => {
    const findings = lint([
      ingress('low', { ...tcp(443), ipRange: '0.0.0.0/1' }),
      ingress('high', { ...tcp(443), ipRange: '128.0.0.0/1' }),
      ingress('lb', { ...tcp(443), remoteSecurityGroupId: 'sg-lb' }),
      ingress('office', { ...tcp(443), ipRange: '203.0.113.0/24' }),
      ...ALL_EGRESS,
    ]);
    const redundant = only(findings, 'redundant-rule');
    expect(redundant.map((f) => [f.rule?.id, f.message, f.related.map((r) => r.rule.id)])).toEqual([
      ['lb', 'is covered by the union of 2 rules (low, high); it allows nothing more', ['low', 'high']],
      ['office', 'is covered by rule high; it allows nothing more', ['high']],
    ]);
  });

  it('does not cover a group atom with ranges that miss an address', () => {
    const findings = lint([
      ingress('low', { ...tcp(443), ipRange: '0.0.0.0/1' }),
      ingress('high', { ...tcp(443), ipRange: '128.0.0.0/2' }),
      ingress('lb', { ...tcp(443), remoteSecurityGroupId: 'sg-lb' }),
      ...ALL_EGRESS,
    ]);
    expect(only(findings, 'redundant-rule')).toEqual([]);
  });

  it('reports equal sets once, on the later rule, as duplicate and never also as redundant', () => {
    const findings = lint([
      ingress('first', { ...tcp(22), ipRange: '10.0.0.0/8', description: 'ssh from vpn' }),
      ingress('second', {
        protocol: { name: 'tcp', number: 6 },
        portRange: { min: 22, max: 22 },
        ipRange: '10.0.0.0/8',
      }),
      ingress('third', { protocol: 'tcp', portRange: { min: 22, max: 22 }, ipRange: '10.0.0.0/8' }),
      ...ALL_EGRESS,
    ]);
    expect(findings.map((f) => [f.check, f.rule?.id, f.message, f.related.map((r) => r.rule.id)])).toEqual([
      ['duplicate-rule', 'second', 'duplicates rule first: both match the same traffic', ['first']],
      ['duplicate-rule', 'third', 'duplicates rule first: both match the same traffic', ['first']],
    ]);
  });

  it('treats 0.0.0.0/0 and a missing ipRange as the same set', () => {
    const findings = lint([
      ingress('world', { ...tcp(443), ipRange: '0.0.0.0/0' }),
      ingress('open', { ...tcp(443) }),
      ...ALL_EGRESS,
    ]);
    expect(only(findings, 'duplicate-rule').map((f) => [f.rule?.id, f.related.map((r) => r.rule.id)])).toEqual(
      [['open', ['world']]],
    );
    expect(only(findings, 'redundant-rule')).toEqual([]);
  });

  it('never calls disjoint rules redundant', () => {
    const findings = lint([
      ingress('a', { ...tcp(22), ipRange: '10.0.0.0/9' }),
      ingress('b', { ...tcp(22), ipRange: '10.128.0.0/9' }),
      ingress('c', { ...tcp(23), ipRange: '10.0.0.0/8' }),
      ingress('d', { protocol: { name: 'udp' }, portRange: { min: 22, max: 22 }, ipRange: '10.0.0.0/8' }),
      { id: 'e', direction: 'ingress', ethertype: 'IPv6', ...tcp(22), ipRange: 'fd00::/8' },
      egress('f', { ...tcp(22), ipRange: '10.0.0.0/8' }),
      ...ALL_EGRESS,
    ]);
    expect(findings.filter((f) => f.check === 'redundant-rule' && f.rule?.id !== 'f')).toEqual([]);
    expect(only(findings, 'redundant-rule').map((f) => [f.rule?.id, f.related.map((r) => r.rule.id)])).toEqual(
      [['f', ['out4']]],
    );
  });
});

describe('stateless groups need rules for replies', () => {
  const server = ingress('https', { ...tcp(443), ipRange: '0.0.0.0/0' });

  it('asks for an egress rule to the clients on their ephemeral ports', () => {
    const findings = lint(
      [
        server,
        egress('dns', { protocol: { name: 'udp' }, portRange: { min: 53, max: 53 }, ipRange: '10.0.0.2/32' }),
      ],
      false,
    );
    const missing = only(findings, 'stateless-missing-return');
    expect(missing.map((f) => [f.rule?.id, where(f), f.message])).toEqual([
      [
        'https',
        '9:9',
        'replies to this ingress rule are not allowed in stateless group "web": ' +
          'add an egress rule for tcp/1024-65535 to 0.0.0.0/0',
      ],
      [
        'dns',
        '22:9',
        'replies to this egress rule are not allowed in stateless group "web": ' +
          'add an ingress rule for udp/1024-65535 from 10.0.0.2/32',
      ],
    ]);
  });

  it('is satisfied by an egress rule on 1024-65535, which is a return rule and needs no replies itself', () => {
    const findings = lint([server, egress('reply', { ...tcp(1024, 65535), ipRange: '0.0.0.0/0' })], false);
    expect(only(findings, 'stateless-missing-return')).toEqual([]);
  });

  it('still asks replies for an egress rule on every port: it also opens new outbound flows', () => {
    const findings = lint(
      [server, egress('reply', { protocol: { name: 'tcp' }, ipRange: '0.0.0.0/0' })],
      false,
    );
    expect(only(findings, 'stateless-missing-return').map((f) => [f.rule?.id, f.message])).toEqual([
      [
        'reply',
        'replies to this egress rule are not allowed in stateless group "web": ' +
          'add an ingress rule for tcp/1024-65535 from 0.0.0.0/0',
      ],
    ]);
  });

  it('is not satisfied by a reply rule on too few ports or to too few clients', () => {
    // The narrower reply rule is itself taken as a return rule, not asked for replies of its own.
    const narrow = lint([server, egress('reply', { ...tcp(32768, 60999), ipRange: '0.0.0.0/0' })], false);
    expect(only(narrow, 'stateless-missing-return').map((f) => f.rule?.id)).toEqual(['https']);
    const half = lint([server, egress('reply', { ...tcp(1024, 65535), ipRange: '0.0.0.0/1' })], false);
    expect(only(half, 'stateless-missing-return').map((f) => f.rule?.id)).toEqual(['https']);
  });

  it('accepts replies allowed by the union of two egress rules', () => {
    const findings = lint(
      [
        server,
        egress('low', { ...tcp(1024, 65535), ipRange: '0.0.0.0/1' }),
        egress('high', { ...tcp(1024, 65535), ipRange: '128.0.0.0/1' }),
      ],
      false,
    );
    expect(only(findings, 'stateless-missing-return')).toEqual([]);
  });

  it('asks for the ICMP echo reply of an echo request rule', () => {
    const findings = lint(
      [
        ingress('ping', {
          protocol: { name: 'icmp' },
          icmpParameters: { type: 8, code: 0 },
          ipRange: '10.0.0.0/8',
        }),
      ],
      false,
    );
    expect(only(findings, 'stateless-missing-return').map((f) => f.message)).toEqual([
      'replies to this ingress rule are not allowed in stateless group "web": ' +
        'add an egress rule for icmp to 10.0.0.0/8',
    ]);
  });

  it('exempts stateful groups', () => {
    expect(only(lint([server], true), 'stateless-missing-return')).toEqual([]);
  });
});
