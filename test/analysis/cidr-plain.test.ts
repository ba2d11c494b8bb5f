import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidrWithIpaddr } from '../../src/analysis/cidr.js';
import { formatIpv6, parsePlainIpv4, parsePlainIpv6 } from '../../src/analysis/cidr-plain.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from './fc-settings.js';

/** A fast reader either declines a text or reads it exactly as ipaddr.js does. */
function expectAgreement(read: (text: string) => unknown, text: string): boolean {
  const fast = read(text);
  if (fast !== undefined) expect(fast).toEqual(parseCidrWithIpaddr(text));
  return fast !== undefined;
}

describe('parsePlainIpv4', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0', 0x0a000000n, 0x0affffffn, true],
    ['10.1.2.3/8', '10.0.0.0', 0x0a000000n, 0x0affffffn, false],
    ['0.0.0.0/0', '0.0.0.0', 0n, 0xffffffffn, true],
    ['255.255.255.255/32', '255.255.255.255', 0xffffffffn, 0xffffffffn, true],
    ['192.168.7.9/31', '192.168.7.8', 0xc0a80708n, 0xc0a80709n, false],
  ])('reads %s', (text, network, lo, hi, canonical) => {
    expect(parsePlainIpv4(text)).toEqual({
      family: 4,
      network,
      prefix: Number(text.split('/')[1]),
      lo,
      hi,
      canonical,
      ipv4Mapped: false,
      bare: false,
    });
  });

  it.each(['010.0.0.0/8', '1.2.3.4/08', '1.2.3.4/33', '256.0.0.0/8', '1.2.3/8', '1.2.3.4', '1.2.3.4/8/8',
    '1.2.3.4/', '1.2.3.4.5/8', '1234.0.0.0/8', ' 1.2.3.4/8', '1.2.3.4/8 ', '1..2.3/8'])(
    'declines %j (the full parser decides)',
    (text) => {
      expect(parsePlainIpv4(text)).toBeUndefined();
    },
  );

  it(
    'declines or agrees with ipaddr.js on near-miss dotted quads',
    () => {
      const octet = fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: 255 }).map(String) },
        fc.constantFrom('00', '01', '256', '999', '1000', ''),
      );
      const separator = fc.oneof(
        { weight: 8, arbitrary: fc.constant('.') },
        fc.constantFrom('..', '/', ':', ' '),
      );
      const prefix = fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 32 }).map((length) => `/${length}`) },
        fc.constantFrom('/08', '/33', '/99', '/', '', '/8/8', '/x'),
      );
      let read = 0;
      fc.assert(
        fc.property(
          fc.array(fc.tuple(octet, separator), { minLength: 4, maxLength: 4 }),
          prefix,
          (parts, end) => {
            const address = parts.map(([value, dot], index) => (index < 3 ? value + dot : value)).join('');
            if (expectAgreement(parsePlainIpv4, `${address}${end}`)) read += 1;
          },
        ),
        FC_PARAMETERS,
      );
      expect(read).toBeGreaterThan(FC_PARAMETERS.numRuns / 50);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads every plain dotted quad with a prefix as ipaddr.js does',
    () => {
      const octet = fc.integer({ min: 0, max: 255 });
      fc.assert(
        fc.property(
          fc.tuple(octet, octet, octet, octet),
          fc.integer({ min: 0, max: 32 }),
          (octets, prefix) => {
            expect(expectAgreement(parsePlainIpv4, `${octets.join('.')}/${prefix}`)).toBe(true);
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('parsePlainIpv6', () => {
  it.each([
    ['::/0', '::', 0n, (1n << 128n) - 1n],
    ['2001:db8::/32', '2001:db8::', 0x20010db8n << 96n, (0x20010db8n << 96n) | ((1n << 96n) - 1n)],
    ['2001:DB8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1', (0x20010db8n << 96n) | (1n << 48n) | 1n, undefined],
    ['1::/16', '1::', 1n << 112n, (1n << 112n) | ((1n << 112n) - 1n)],
  ])('reads %s', (text, network, lo, hi) => {
    expect(parsePlainIpv6(text)).toMatchObject({ family: 6, network, lo, hi: hi ?? lo, canonical: true });
  });

  it.each(['1:2:3:4:5:6:7::/64', '::ffff:1.2.3.4/128', 'fe80::1%eth0/64', '1:::2/64', ':1::/64', '1::2:/64',
    '1::2::3/64', '::/129', '::/01', '2001:db8::1', '12345::/16', '1:2:3:4:5:6:7:8:9/64', '/64'])(
    'declines %j (the full parser decides)',
    (text) => {
      expect(parsePlainIpv6(text)).toBeUndefined();
    },
  );

  it(
    'declines or agrees with ipaddr.js on near-miss hex groups',
    () => {
      const group = fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((word) => word.toString(16)) },
        fc.constantFrom('0000', 'FFFF', 'Ab', '12345', 'g', '', '1.2.3.4'),
      );
      const separator = fc.oneof(
        { weight: 8, arbitrary: fc.constant(':') },
        fc.constantFrom('::', ':::', '/'),
      );
      const prefix = fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 128 }).map((length) => `/${length}`) },
        fc.constantFrom('/08', '/129', '/', '', '/8/8', '%1/8'),
      );
      let read = 0;
      fc.assert(
        fc.property(
          fc.array(fc.tuple(group, separator), { minLength: 1, maxLength: 9 }),
          prefix,
          (parts, end) => {
            const last = parts.length - 1;
            const address = parts.map(([word, colon], index) => (index < last ? word + colon : word));
            if (expectAgreement(parsePlainIpv6, `${address.join('')}${end}`)) read += 1;
          },
        ),
        FC_PARAMETERS,
      );
      expect(read).toBeGreaterThan(FC_PARAMETERS.numRuns / 50);
    },
    PROPERTY_TIMEOUT,
  );

  it('prints the longest zero run as ::, the first of equal runs, and never a single zero', () => {
    expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
    expect(formatIpv6([1, 0, 0, 2, 0, 0, 0, 3])).toBe('1:0:0:2::3');
    expect(formatIpv6([1, 0, 0, 2, 0, 0, 3, 4])).toBe('1::2:0:0:3:4');
    expect(formatIpv6([1, 0, 2, 3, 4, 5, 6, 7])).toBe('1:0:2:3:4:5:6:7');
    expect(formatIpv6([0xabcd, 0, 0, 0, 0, 0, 0, 0])).toBe('abcd::');
    expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 1])).toBe('::1');
  });
});
