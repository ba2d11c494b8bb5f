import { describe, expect, it } from 'vitest';
import {
  describeRemote,
  describeSources,
  describeTraffic,
  formatRange,
  listItems,
} from '../../src/analysis/describe.js';
import { makeRule } from './model-rules.js';

describe('describeTraffic', () => {
  it.each([
    [{ lo: 6, hi: 6 }, { lo: 22, hi: 22 }, 'tcp/22'],
    [{ lo: 6, hi: 6 }, { lo: 8000, hi: 8100 }, 'tcp/8000-8100'],
    [{ lo: 6, hi: 6 }, { lo: 0, hi: 0 }, 'tcp/0'],
    [{ lo: 17, hi: 17 }, { lo: 65535, hi: 65535 }, 'udp/65535'],
    [{ lo: 17, hi: 17 }, { lo: 0, hi: 65535 }, 'every udp port'],
    [{ lo: 6, hi: 6 }, { lo: 1, hi: 65535 }, 'every tcp port'],
    [{ lo: 132, hi: 132 }, { lo: 1024, hi: 65535 }, 'sctp/1024-65535'],
    [{ lo: 1, hi: 1 }, { lo: 8 * 256, hi: 8 * 256 }, 'icmp type 8 code 0'],
    [{ lo: 1, hi: 1 }, { lo: 3 * 256, hi: 3 * 256 + 255 }, 'icmp type 3'],
    [{ lo: 58, hi: 58 }, { lo: 128 * 256, hi: 129 * 256 + 255 }, 'ipv6-icmp types 128-129'],
    [{ lo: 1, hi: 1 }, { lo: 0, hi: 65535 }, 'icmp'],
    [{ lo: 47, hi: 47 }, { lo: 0, hi: 65535 }, 'gre'],
    [{ lo: 200, hi: 200 }, { lo: 0, hi: 65535 }, 'protocol 200'],
    [{ lo: 0, hi: 255 }, { lo: 0, hi: 65535 }, 'every protocol'],
    [{ lo: 18, hi: 32 }, { lo: 0, hi: 65535 }, 'protocols 18-32'],
  ])('%j %j reads %s', (protocol, detail, text) => {
    expect(describeTraffic(protocol, detail)).toBe(text);
  });

  it('formats ranges', () => {
    expect(formatRange({ lo: 5, hi: 5 })).toBe('5');
    expect(formatRange({ lo: 5, hi: 7 })).toBe('5-7');
  });
});

describe('describeRemote and describeSources', () => {
  const world4 = makeRule({ ipRange: '0.0.0.0/0' });
  const world6 = makeRule({ ethertype: 'IPv6', ipRange: '::/0' });
  const absent = makeRule({});
  const office = makeRule({ ipRange: '198.51.100.0/29' }, 1);
  const peers = makeRule({ remoteSecurityGroupId: 'sg-lb' }, 2);

  it('names each kind of remote', () => {
    expect([world4, world6, absent, office, peers].map(describeRemote)).toEqual([
      '0.0.0.0/0',
      '::/0',
      'every address (no ipRange)',
      '198.51.100.0/29',
      'members of group sg-lb',
    ]);
  });

  it('names one rule by its remote and several as a union, capped', () => {
    expect(describeSources([office])).toBe('198.51.100.0/29');
    expect(describeSources([office, peers])).toBe(
      'the union of 2 rules (198.51.100.0/29, members of group sg-lb)',
    );
    const many = ['1.0.0.0/8', '2.0.0.0/8', '3.0.0.0/8', '4.0.0.0/8', '5.0.0.0/8', '6.0.0.0/8'].map(
      (cidr, index) => makeRule({ ipRange: cidr }, index),
    );
    expect(describeSources(many)).toBe(
      'the union of 6 rules (1.0.0.0/8, 2.0.0.0/8, 3.0.0.0/8, 4.0.0.0/8, and 2 more)',
    );
  });

  it('lists items with a limit', () => {
    expect(listItems(['a', 'b'])).toBe('a, b');
    expect(listItems(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});
