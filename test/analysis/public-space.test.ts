import { describe, expect, it } from 'vitest';
import { intervalToCidrs, parseCidr } from '../../src/analysis/cidr.js';
import {
  intersectIntervals,
  mergeIntervals,
  publicSpace,
  subtractIntervals,
} from '../../src/analysis/public-space.js';
import type { BigInterval } from '../../src/analysis/space.js';

const cidrs = (family: 4 | 6, runs: readonly BigInterval[]): string[] =>
  runs.flatMap((run) => intervalToCidrs(family, run.lo, run.hi));
const isPublic = (family: 4 | 6, text: string, trusted: string[] = []): boolean => {
  const address = parseCidr(text);
  if (address === undefined) throw new Error(text);
  return publicSpace(family, trusted).some((run) => run.lo <= address.lo && address.hi <= run.hi);
};

describe('public address space', () => {
  it.each([
    ['8.8.8.8/32', true],
    ['1.0.0.0/8', true],
    ['10.20.30.40/32', false],
    ['100.64.0.1/32', false],
    ['100.128.0.0/32', true],
    ['127.0.0.1/32', false],
    ['169.254.1.1/32', false],
    ['172.16.0.0/12', false],
    ['172.32.0.0/32', true],
    ['192.168.1.1/32', false],
    ['203.0.113.7/32', false],
    ['224.0.0.1/32', false],
    ['255.255.255.255/32', false],
    ['0.0.0.1/32', false],
  ])('IPv4 %s public: %s', (text, expected) => {
    expect(isPublic(4, text)).toBe(expected);
  });

  it.each([
    ['2a01:4f8::1/128', true],
    ['2001:db8::1/128', false],
    ['::1/128', false],
    ['::ffff:1.2.3.4/128', false],
    ['fd00::1/128', false],
    ['fe80::1/128', false],
    ['ff02::1/128', false],
    ['2002::1/128', false],
    ['2001:4860::/32', true],
  ])('IPv6 %s public: %s', (text, expected) => {
    expect(isPublic(6, text)).toBe(expected);
  });

  it('starts and ends IPv4 public space where the special ranges leave off', () => {
    const blocks = cidrs(4, publicSpace(4));
    expect(blocks[0]).toBe('1.0.0.0/8');
    expect(blocks[blocks.length - 1]).toBe('208.0.0.0/4');
  });

  it('treats trusted ranges as internal, per family, and memoizes', () => {
    expect(isPublic(4, '198.51.99.0/24', ['198.51.99.0/24'])).toBe(false);
    expect(isPublic(4, '198.51.98.0/24', ['198.51.99.0/24'])).toBe(true);
    expect(publicSpace(6, ['198.51.99.0/24'])).toEqual(publicSpace(6));
    expect(publicSpace(4, ['not a cidr'])).toEqual(publicSpace(4));
    expect(publicSpace(4)).toBe(publicSpace(4));
  });
});

describe('interval lists', () => {
  it('merges overlapping and adjacent intervals', () => {
    expect(
      mergeIntervals([
        { lo: 5n, hi: 9n },
        { lo: 0n, hi: 3n },
        { lo: 4n, hi: 4n },
        { lo: 12n, hi: 13n },
      ]),
    ).toEqual([
      { lo: 0n, hi: 9n },
      { lo: 12n, hi: 13n },
    ]);
  });

  it('subtracts and intersects sorted lists', () => {
    expect(
      subtractIntervals(
        [{ lo: 0n, hi: 20n }],
        [
          { lo: 5n, hi: 6n },
          { lo: 0n, hi: 0n },
          { lo: 20n, hi: 30n },
        ],
      ),
    ).toEqual([
      { lo: 1n, hi: 4n },
      { lo: 7n, hi: 19n },
    ]);
    expect(
      intersectIntervals(
        [
          { lo: 0n, hi: 4n },
          { lo: 8n, hi: 12n },
        ],
        [{ lo: 3n, hi: 9n }],
      ),
    ).toEqual([
      { lo: 3n, hi: 4n },
      { lo: 8n, hi: 9n },
    ]);
  });
});
