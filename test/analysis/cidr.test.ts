import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  cidrProblem,
  formatCidr,
  intervalToCidrs,
  outerCidrs,
  parseCidr,
  parseCidrWithIpaddr,
  sameUnderOctal,
} from '../../src/analysis/cidr.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from './fc-settings.js';

const MAX_V6 = (1n << 128n) - 1n;

describe('parseCidr', () => {
  it.each([
    ['0.0.0.0/0', 4, '0.0.0.0', 0, 0n, 0xffffffffn],
    ['10.1.2.3/32', 4, '10.1.2.3', 32, 0x0a010203n, 0x0a010203n],
    ['255.255.255.255/32', 4, '255.255.255.255', 32, 0xffffffffn, 0xffffffffn],
    ['192.168.0.0/16', 4, '192.168.0.0', 16, 0xc0a80000n, 0xc0a8ffffn],
    ['::/0', 6, '::', 0, 0n, MAX_V6],
    ['::/128', 6, '::', 128, 0n, 0n],
    ['2001:db8::/32', 6, '2001:db8::', 32, 0x20010db8n << 96n, (0x20010db8n << 96n) | ((1n << 96n) - 1n)],
    ['8000::/1', 6, '8000::', 1, 1n << 127n, MAX_V6],
  ])('reads %s as an exact interval', (text, family, network, prefix, lo, hi) => {
    expect(parseCidr(text)).toEqual({
      family,
      network,
      prefix,
      lo,
      hi,
      canonical: true,
      ipv4Mapped: false,
      bare: false,
    });
  });

  it('clears host bits and says the input was not canonical', () => {
    expect(parseCidr('10.0.0.1/8')).toMatchObject({
      network: '10.0.0.0',
      lo: 0x0a000000n,
      hi: 0x0affffffn,
      canonical: false,
    });
    expect(parseCidr('2001:db8::1/64')).toMatchObject({
      network: '2001:db8::',
      prefix: 64,
      canonical: false,
    });
    expect(parseCidr('0.0.0.1/0')).toMatchObject({
      network: '0.0.0.0',
      lo: 0n,
      hi: 0xffffffffn,
      canonical: false,
    });
  });

  it('reads a bare IPv6 address as a /128 and marks it bare', () => {
    expect(parseCidr('2001:db8::1')).toMatchObject({
      prefix: 128,
      bare: true,
      lo: (0x20010db8n << 96n) | 1n,
    });
  });

  it('marks IPv4-mapped IPv6 ranges, which an IPv6 rule never matches', () => {
    expect(parseCidr('::ffff:1.2.3.4/128')).toMatchObject({
      family: 6,
      ipv4Mapped: true,
      lo: 0xffff01020304n,
    });
    expect(parseCidr('::ffff:1.2.3.0/120')).toMatchObject({ ipv4Mapped: true, hi: 0xffff010203ffn });
    expect(parseCidr('::1/128')).toMatchObject({ ipv4Mapped: false });
    expect(parseCidr('::ffff:0:0/96')).toMatchObject({ ipv4Mapped: true, lo: 0xffff00000000n });
  });

  it.each([
    ['000.000.000.000/0', '0.0.0.0/0'],
    ['010.1.1.1/0', '10.1.1.1/0'],
    ['192.168.001.000/24', '192.168.1.0/24'],
    ['10.0.0.07/8', '10.0.0.7/8'],
    ['010.0.0.0/8', undefined], // octal 8.0.0.0/8, decimal 10.0.0.0/8
    ['10.0.0.08/32', undefined], // 08 is no octal number
    ['10.0.0.0/8', undefined], // no leading zero: not this reader's case
    ['0300.0.0.0/8', undefined], // octal 192, decimal 300
  ])('reads %s as %s when octal and decimal readers agree', (text, expected) => {
    expect(sameUnderOctal(text)).toBe(expected);
  });

  it('judges a mapped address by the network its prefix keeps, not by the text', () => {
    expect(parseCidr('::ffff:0:0/0')).toMatchObject({ ipv4Mapped: false, prefix: 0, lo: 0n, canonical: false });
    expect(parseCidr('::ffff:10.0.0.1/95')).toMatchObject({ ipv4Mapped: false, lo: 0xfffe00000000n });
    expect(parseCidrWithIpaddr('::ffff:0:0/0')).toMatchObject({ ipv4Mapped: false });
    expect(parseCidrWithIpaddr('::ffff:10.0.0.1/95')).toMatchObject({ ipv4Mapped: false });
    expect(parseCidrWithIpaddr('::ffff:10.0.0.1/96')).toMatchObject({ ipv4Mapped: true });
  });

  it.each([
    ['1.2.3.4', 'an IPv4 range needs a prefix length (/0 to /32)'],
    ['1.2.3.4/33', 'an IPv4 prefix length is at most 32'],
    ['1.2.3/24', 'expected four decimal octets'],
    ['010.0.0.0/8', 'an octet with a leading zero is ambiguous (octal or decimal)'],
    ['1.2.3.4/x', 'the prefix length must be a number'],
    ['1.2.3.4/8/8', 'expected one "/" between address and prefix length'],
    ['2001:db8::/129', 'an IPv6 prefix length is at most 128'],
    ['fe80::1%eth0/64', 'a zone index (%…) is not allowed in a CIDR'],
    ['example.com/24', 'not an IPv4 or IPv6 address'],
    ['', 'expected a CIDR such as 10.0.0.0/8'],
  ])('refuses %j: %s', (text, problem) => {
    expect(cidrProblem(text)).toBe(problem);
    expect(parseCidr(text)).toBeUndefined();
  });

  it(
    'reads every dotted-quad CIDR as ipaddr.js does',
    () => {
      const octet = fc.integer({ min: 0, max: 255 });
      fc.assert(
        fc.property(
          fc.tuple(octet, octet, octet, octet),
          fc.integer({ min: 0, max: 32 }),
          (octets, prefix) => {
            const text = `${octets.join('.')}/${prefix}`;
            const [address, length] = ipaddr.parseCIDR(text);
            const value = BigInt(`0x${Buffer.from(address.toByteArray()).toString('hex')}`);
            const size = 1n << BigInt(32 - length);
            const lo = value - (value % size);
            expect(parseCidr(text)).toEqual({
              family: 4,
              network: ipaddr
                .fromByteArray([...Buffer.from(lo.toString(16).padStart(8, '0'), 'hex')])
                .toString(),
              prefix: length,
              lo,
              hi: lo + size - 1n,
              canonical: lo === value,
              ipv4Mapped: false,
              bare: false,
            });
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('parseCidr on IPv6 texts', () => {
  const word = fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(0xffff) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
  );
  /** One way to write the words: groups padded or not, either case, one zero run compressed or not. */
  const spelling = fc.record({
    pad: fc.boolean(),
    upper: fc.boolean(),
    compress: fc.option(fc.tuple(fc.nat({ max: 7 }), fc.nat({ max: 8 }))),
  });

  interface Spelling {
    pad: boolean;
    upper: boolean;
    compress: [number, number] | null;
  }

  function spell(words: readonly number[], how: Spelling): string {
    const groups = words.map((value) => {
      const text = value.toString(16);
      const padded = how.pad ? text.padStart(4, '0') : text;
      return how.upper ? padded.toUpperCase() : padded;
    });
    if (how.compress === null) return groups.join(':');
    const [start, length] = how.compress;
    const end = Math.min(8, start + length);
    if (!words.slice(start, end).every((value) => value === 0)) return groups.join(':');
    return `${groups.slice(0, start).join(':')}::${groups.slice(end).join(':')}`;
  }

  it(
    'reads every IPv6 CIDR as ipaddr.js does, in any spelling',
    () => {
      fc.assert(
        fc.property(
          fc.array(word, { minLength: 8, maxLength: 8 }),
          spelling,
          fc.oneof(fc.integer({ min: 0, max: 128 }).map(String), fc.constantFrom('', '08', '129', 'x')),
          (words, how, prefix) => {
            const text = `${spell(words, how)}/${prefix}`;
            expect(parseCidr(text)).toEqual(parseCidrWithIpaddr(text));
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'agrees with ipaddr.js on any short text of address characters',
    () => {
      fc.assert(
        fc.property(
          fc.string({
            unit: fc.constantFrom('0', '1', 'f', 'F', 'g', ':', '::', '.', '/', '%', '8'),
            maxLength: 24,
          }),
          (text) => {
            expect(parseCidr(text)).toEqual(parseCidrWithIpaddr(text));
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('prints networks as RFC 5952 asks', () => {
    expect(parseCidr('2001:DB8:0:0:1:0:0:1/128')?.network).toBe('2001:db8::1:0:0:1');
    expect(parseCidr('0:0:1::/64')?.network).toBe('0:0:1::');
    expect(parseCidr('1:0:0:2:0:0:0:3/128')?.network).toBe('1:0:0:2::3');
    expect(parseCidr('::/0')?.network).toBe('::');
  });
});

describe('intervalToCidrs and formatCidr', () => {
  it('splits an interval into the fewest blocks', () => {
    expect(intervalToCidrs(4, 1n, 6n)).toEqual(['0.0.0.1/32', '0.0.0.2/31', '0.0.0.4/31', '0.0.0.6/32']);
    expect(intervalToCidrs(4, 0n, 0xffffffffn)).toEqual(['0.0.0.0/0']);
    expect(intervalToCidrs(4, 0x0a000000n, 0x0a0000ffn)).toEqual(['10.0.0.0/24']);
    expect(intervalToCidrs(6, 0n, MAX_V6)).toEqual(['::/0']);
    expect(intervalToCidrs(6, MAX_V6, MAX_V6)).toEqual(['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128']);
  });

  it('names the first and last of those blocks without listing them', () => {
    expect(outerCidrs(4, 1n, 6n)).toEqual({ first: '0.0.0.1/32', last: '0.0.0.6/32', single: false });
    expect(outerCidrs(4, 0x0a000000n, 0x0a0000ffn)).toEqual({
      first: '10.0.0.0/24',
      last: '10.0.0.0/24',
      single: true,
    });
    expect(outerCidrs(6, 1n, MAX_V6)).toEqual({ first: '::1/128', last: '8000::/1', single: false });
  });

  it(
    'agrees with the full list of blocks on any interval',
    () => {
      const bound = (family: 4 | 6): bigint => (family === 4 ? 0xffffffffn : MAX_V6);
      fc.assert(
        fc.property(
          fc.constantFrom(4 as const, 6 as const),
          fc.bigInt({ min: 0n, max: MAX_V6 }),
          fc.bigInt({ min: 0n, max: MAX_V6 }),
          fc.nat({ max: 40 }),
          (family, a, b, spread) => {
            const lo = a % (bound(family) + 1n);
            const far = b % (bound(family) + 1n);
            const near = lo + BigInt(spread) > bound(family) ? bound(family) : lo + BigInt(spread);
            const hi = spread % 2 === 0 ? near : far < lo ? lo : far;
            const blocks = intervalToCidrs(family, lo, hi);
            expect(outerCidrs(family, lo, hi)).toEqual({
              first: blocks[0],
              last: blocks[blocks.length - 1],
              single: blocks.length === 1,
            });
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('formats block starts', () => {
    expect(formatCidr(6, 1n << 127n, 1)).toBe('8000::/1');
    expect(formatCidr(4, 0xc0a80100n, 24)).toBe('192.168.1.0/24');
  });
});
