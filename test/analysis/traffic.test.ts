import { describe, expect, it } from 'vitest';
import { isCovered, uncoveredPart } from '../../src/analysis/box.js';
import { GroupAtoms, addressSpace, everyRemote, type Box } from '../../src/analysis/space.js';
import { ruleBox, trafficKey } from '../../src/analysis/traffic.js';
import { makeRule } from './model-rules.js';

const V4_TOP = (1n << 32n) - 1n;
const V6_TOP = (1n << 128n) - 1n;
const box = (raw: Record<string, unknown>, atoms = new GroupAtoms()): Box => ruleBox(makeRule(raw), atoms);

describe('ruleBox', () => {
  it('spans every protocol, port and remote for a rule with nothing but a direction', () => {
    expect(box({})).toEqual({
      protocol: { lo: 0, hi: 255 },
      detail: { lo: 0, hi: 65535 },
      remote: everyRemote(4),
    });
  });

  it('reads ports at both ends of the axis', () => {
    expect(box({ protocol: 'tcp', portRange: { min: 65535, max: 65535 } }).detail).toEqual({
      lo: 65535,
      hi: 65535,
    });
    expect(box({ protocol: 'udp', portRange: { min: 0, max: 1 } }).detail).toEqual({ lo: 0, hi: 1 });
    expect(box({ protocol: 'tcp', portRange: { min: 1, max: 65535 } }).detail).toEqual({ lo: 0, hi: 65535 });
  });

  it('keeps port 0-0 as every port, as the API stores it', () => {
    const rule = makeRule({ protocol: 'tcp', portRange: { min: 0, max: 0 } });
    expect(rule.problems.map((problem) => problem.message)).toEqual([
      'portRange 0-0 is stored by the API as "every port"',
    ]);
    expect(ruleBox(rule, new GroupAtoms()).detail).toEqual({ lo: 0, hi: 65535 });
  });

  it('puts ICMP type and code on the detail axis as type*256+code', () => {
    expect(box({ protocol: 'icmp', icmpParameters: { type: 8, code: 0 } }).detail).toEqual({
      lo: 2048,
      hi: 2048,
    });
    expect(
      box({ protocol: 'ipv6-icmp', ethertype: 'IPv6', icmpParameters: { type: 255, code: 255 } }).detail,
    ).toEqual({
      lo: 65535,
      hi: 65535,
    });
    expect(box({ protocol: 'icmp', icmpParameters: { type: 0, code: 0 } }).detail).toEqual({
      lo: 0,
      hi: 65535,
    });
  });

  it('reads /0, /32 and /128 exactly, and the same /0 as a missing ipRange', () => {
    expect(box({ ipRange: '0.0.0.0/0' }).remote).toEqual(everyRemote(4));
    expect(box({ ipRange: '255.255.255.255/32' }).remote).toEqual({ lo: V4_TOP, hi: V4_TOP });
    expect(box({ ethertype: 'IPv6', ipRange: '::/0' }).remote).toEqual(everyRemote(6));
    expect(box({ ethertype: 'IPv6', ipRange: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128' }).remote).toEqual(
      {
        lo: V6_TOP,
        hi: V6_TOP,
      },
    );
  });

  it('gives each remote group one atom after the addresses, the same for the same id', () => {
    const atoms = new GroupAtoms();
    const a = box({ remoteSecurityGroupId: 'sg-a' }, atoms).remote;
    const b = box({ remoteSecurityGroupId: 'sg-b' }, atoms).remote;
    expect(a).toEqual({ lo: V4_TOP + 1n, hi: V4_TOP + 1n });
    expect(b).toEqual({ lo: V4_TOP + 2n, hi: V4_TOP + 2n });
    expect(box({ remoteSecurityGroupId: 'sg-a' }, atoms).remote).toEqual(a);
  });

  it('does not analyse an IPv4-mapped range in an IPv6 rule', () => {
    const rule = makeRule({ ethertype: 'IPv6', ipRange: '::ffff:10.0.0.0/104' });
    expect(rule.analysable).toBe(false);
    expect(rule.problems.map((problem) => problem.kind)).toEqual(['invalid']);
  });
});

describe('trafficKey', () => {
  it('ignores ids, descriptions and the spelling of the protocol', () => {
    const keys = [
      { id: 'a', protocol: { name: 'tcp' }, portRange: { min: 22, max: 22 }, ipRange: '10.0.0.0/8' },
      {
        id: 'b',
        protocol: { number: 6 },
        portRange: { min: 22, max: 22 },
        ipRange: '10.0.0.0/8',
        description: 'x',
      },
      { protocol: 'tcp', portRange: { min: 22, max: 22 }, ipRange: '10.0.0.0/8' },
      { protocol: 6, portRange: { min: 22, max: 22 }, ipRange: '10.0.0.1/8' },
    ].map((raw) => trafficKey(makeRule(raw)));
    expect(new Set(keys)).toEqual(new Set(['ingress|IPv4|6|22-22|10.0.0.0/8']));
  });

  it('tells every address from a CIDR and a group apart', () => {
    expect(trafficKey(makeRule({}))).toBe(trafficKey(makeRule({ ipRange: '0.0.0.0/0' })));
    expect(trafficKey(makeRule({ remoteSecurityGroupId: 'sg-a' }))).toBe('ingress|IPv4|any|*|group:sg-a');
  });
});

describe('coverage on the real axes', () => {
  const tcp22 = (raw: Record<string, unknown>, atoms?: GroupAtoms): Box =>
    box({ protocol: 'tcp', portRange: { min: 22, max: 22 }, ...raw }, atoms);

  it('covers the world by two halves in both families', () => {
    expect(
      isCovered(
        tcp22({}),
        [tcp22({ ipRange: '0.0.0.0/1' }), tcp22({ ipRange: '128.0.0.0/1' })],
        undefined,
        addressSpace(4),
      ),
    ).toBe(true);
    const v6 = (cidr: string): Box => tcp22({ ethertype: 'IPv6', ipRange: cidr });
    expect(isCovered(v6('::/0'), [v6('::/1'), v6('8000::/1')], undefined, addressSpace(6))).toBe(true);
    expect(isCovered(v6('::/0'), [v6('::/1'), v6('8000::/2')], undefined, addressSpace(6))).toBe(false);
  });

  it('without the address bound, every address does not cover the groups', () => {
    expect(isCovered(tcp22({}), [tcp22({ ipRange: '0.0.0.0/1' }), tcp22({ ipRange: '128.0.0.0/1' })])).toBe(
      false,
    );
  });

  it('covers a group atom only by the same group or by every address', () => {
    const atoms = new GroupAtoms();
    const peers = tcp22({ remoteSecurityGroupId: 'sg-a' }, atoms);
    const bounds = addressSpace(4);
    expect(isCovered(peers, [tcp22({ remoteSecurityGroupId: 'sg-b' }, atoms)], undefined, bounds)).toBe(
      false,
    );
    expect(isCovered(peers, [tcp22({ remoteSecurityGroupId: 'sg-a' }, atoms)], undefined, bounds)).toBe(true);
    expect(isCovered(peers, [tcp22({ ipRange: '0.0.0.0/0' }, atoms)], undefined, bounds)).toBe(true);
    expect(isCovered(peers, [tcp22({ ipRange: '10.0.0.0/8' }, atoms)], undefined, bounds)).toBe(false);
    const halves = [tcp22({ ipRange: '0.0.0.0/1' }, atoms), tcp22({ ipRange: '128.0.0.0/1' }, atoms)];
    expect(isCovered(peers, halves, undefined, bounds)).toBe(true);
  });

  it('leaves exactly the ports the covers miss', () => {
    const target = box({ protocol: 'tcp', portRange: { min: 0, max: 65535 }, ipRange: '10.0.0.0/8' });
    const covers = [
      box({ protocol: 'tcp', portRange: { min: 1, max: 1023 }, ipRange: '10.0.0.0/8' }),
      box({ protocol: 'tcp', portRange: { min: 1024, max: 65534 }, ipRange: '0.0.0.0/0' }),
    ];
    const ten = { lo: 0x0a000000n, hi: 0x0affffffn };
    expect(uncoveredPart(target, covers)).toEqual([
      { protocol: { lo: 6, hi: 6 }, detail: { lo: 0, hi: 0 }, remote: ten },
      { protocol: { lo: 6, hi: 6 }, detail: { lo: 65535, hi: 65535 }, remote: ten },
    ]);
    const partial = [box({ protocol: 'tcp', portRange: { min: 2, max: 65535 }, ipRange: '10.0.0.0/8' })];
    expect(
      uncoveredPart(
        box({ protocol: 'tcp', portRange: { min: 65535, max: 65535 }, ipRange: '10.0.0.0/8' }),
        partial,
      ),
    ).toEqual([]);
    expect(
      uncoveredPart(box({ protocol: 'tcp', portRange: { min: 1, max: 2 }, ipRange: '10.0.0.0/8' }), partial),
    ).toEqual([
      { protocol: { lo: 6, hi: 6 }, detail: { lo: 1, hi: 1 }, remote: { lo: 0x0a000000n, hi: 0x0affffffn } },
    ]);
  });

  it('covers ICMP type/code boxes point by point', () => {
    const echo = box({ protocol: 'icmp', icmpParameters: { type: 8, code: 0 }, ipRange: '10.0.0.0/8' });
    const allIcmp = box({ protocol: 'icmp', ipRange: '10.0.0.0/8' });
    const unreachable = box({
      protocol: 'icmp',
      icmpParameters: { type: 3, code: 1 },
      ipRange: '10.0.0.0/8',
    });
    expect(isCovered(echo, [allIcmp])).toBe(true);
    expect(isCovered(echo, [unreachable])).toBe(false);
    expect(isCovered(allIcmp, [echo, unreachable])).toBe(false);
  });
});
