import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExposure, type ExposureCell } from '../../src/analysis/exposure.js';
import type { BigInterval } from '../../src/analysis/space.js';
import { DEFAULT_ALLOWED, splitWorldCells } from '../../src/analysis/world.js';
import { defaultShared } from '../../src/engine/settings.js';
import { referenceExposure } from './exposure-reference.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from './fc-settings.js';
import { makeRule } from './model-rules.js';
import { ADDRESSES, boxesArbitrary } from './small-universe.js';
import { referenceSplitWorldCells } from './world-reference.js';

/** Public space: sorted disjoint runs inside the addresses 0..11. */
const publicArbitrary = fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }).map((flags) => {
  const runs: BigInterval[] = [];
  flags.forEach((isPublic, address) => {
    if (!isPublic) return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.hi + 1n === BigInt(address)) last.hi = BigInt(address);
    else runs.push({ lo: BigInt(address), hi: BigInt(address) });
  });
  return runs;
});

describe('exposure shortcuts against the general sweep', () => {
  it(
    'gives the same cells, cell boundaries and budget charge as the sweep over every box',
    () => {
      fc.assert(
        fc.property(
          boxesArbitrary(8),
          publicArbitrary,
          // Up to above the 12 addresses, so the "too few addresses to matter" shortcut is taken often.
          fc.bigInt({ min: 1n, max: 14n }),
          fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
          (boxes, publicSpace, broadSize, operations) => {
            const options = { addresses: ADDRESSES, publicSpace, broadSize };
            const fast = operations === undefined ? undefined : { remaining: operations, exhausted: false };
            const slow = operations === undefined ? undefined : { remaining: operations, exhausted: false };
            const expected = referenceExposure(boxes, options, slow);
            expect(computeExposure(boxes, options, fast)).toEqual(expected);
            expect(fast?.exhausted).toBe(slow?.exhausted);
            if (slow !== undefined && !slow.exhausted) expect(fast?.remaining).toBe(slow.remaining);
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'gives the same cells on addresses beyond plain numbers (the bigint form of the shortcut)',
    () => {
      // The same small universe moved up by 2^100, as IPv6 addresses are.
      const offset = 2n ** 100n;
      const shift = (interval: BigInterval): BigInterval => ({
        lo: interval.lo + offset,
        hi: interval.hi + offset,
      });
      fc.assert(
        fc.property(
          boxesArbitrary(8),
          publicArbitrary,
          fc.bigInt({ min: 1n, max: 14n }),
          (boxes, space, broadSize) => {
            const moved = boxes.map((box) => ({ ...box, remote: shift(box.remote) }));
            const options = { addresses: shift(ADDRESSES), publicSpace: space.map(shift), broadSize };
            expect(computeExposure(moved, options)).toEqual(referenceExposure(moved, options));
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});

const interval = (max: number): fc.Arbitrary<{ lo: number; hi: number }> =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }))
    .map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) }));

/** Protocol ranges: every protocol, tcp, udp, the ranges between, or any range. */
const protocolArbitrary = fc.oneof(
  fc.constantFrom({ lo: 0, hi: 255 }, { lo: 6, hi: 6 }, { lo: 17, hi: 17 }, { lo: 0, hi: 5 }),
  fc.constantFrom({ lo: 7, hi: 16 }),
  fc.constantFrom({ lo: 18, hi: 255 }, { lo: 1, hi: 1 }, { lo: 47, hi: 47 }),
  interval(255),
);

/** Detail ranges: everything, every port, around sensitive and allowed ports, or any range. */
const detailArbitrary = fc.oneof(
  fc.constantFrom({ lo: 0, hi: 65535 }, { lo: 1, hi: 65535 }, { lo: 0, hi: 0 }, { lo: 22, hi: 22 }),
  fc.constantFrom({ lo: 0, hi: 443 }, { lo: 444, hi: 65535 }, { lo: 80, hi: 3389 }, { lo: 20, hi: 21 }),
  interval(65535),
  interval(600),
);

const cellArbitrary = (rules: number): fc.Arbitrary<ExposureCell> =>
  fc.record({
    kind: fc.constantFrom<'world' | 'broad'>('world', 'world', 'world', 'broad'),
    protocol: protocolArbitrary,
    detail: detailArbitrary,
    contributors: fc
      .uniqueArray(fc.integer({ min: 0, max: rules - 1 }), { minLength: 1, maxLength: rules })
      .map((indexes) => indexes.sort((a, b) => a - b)),
    runs: fc.constant([]),
  });

/** API-shaped ingress rules: any protocol, tcp/udp with or without ports, to the world or not. */
const rawRuleArbitrary = fc.record({
  ethertype: fc.constant('IPv4'),
  protocol: fc.constantFrom(undefined, { name: 'tcp' }, { name: 'udp' }, { name: 'icmp' }, { name: 'gre' }),
  portRange: fc.constantFrom(undefined, { min: 22, max: 22 }, { min: 1, max: 65535 }),
  ipRange: fc.constantFrom(undefined, '0.0.0.0/0', '0.0.0.0/1', '10.0.0.0/8'),
});

describe('world split shortcuts against the per-protocol split', () => {
  it(
    'splits any world cells exactly as the split over per-protocol pieces does',
    () => {
      const sensitive = defaultShared().sensitivePorts;
      fc.assert(
        fc.property(
          fc.array(rawRuleArbitrary, { minLength: 4, maxLength: 4 }),
          fc.array(cellArbitrary(4), { maxLength: 9 }),
          fc.constantFrom(DEFAULT_ALLOWED, []),
          (raws, cells, allowed) => {
            const rules = raws.map((raw, index) => {
              const { protocol, portRange } = raw;
              const ported = protocol?.name === 'tcp' || protocol?.name === 'udp';
              return makeRule({ ...raw, portRange: ported ? portRange : undefined }, index);
            });
            expect(splitWorldCells(rules, cells, sensitive, allowed)).toEqual(
              referenceSplitWorldCells(rules, cells, sensitive, allowed),
            );
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('finds every protocol open when cells of several rules together hold all of them', () => {
    const rules = [
      makeRule({ ethertype: 'IPv4' }, 0),
      makeRule({ ethertype: 'IPv4', protocol: { name: 'tcp' } }, 1),
    ];
    const every = { lo: 0, hi: 65535 };
    const cells: ExposureCell[] = [
      { kind: 'world', protocol: { lo: 0, hi: 5 }, detail: every, contributors: [0], runs: [] },
      { kind: 'world', protocol: { lo: 6, hi: 6 }, detail: every, contributors: [1], runs: [] },
      { kind: 'world', protocol: { lo: 7, hi: 255 }, detail: every, contributors: [0], runs: [] },
    ];
    const split = splitWorldCells(rules, cells, defaultShared().sensitivePorts, []);
    expect(split.allPorts.map((finding) => finding.items)).toEqual([['every protocol and port']]);
    expect(split.allPorts[0]?.rules).toEqual([rules[0]]);
  });

  it('does not find every protocol open when part of one protocol, or port 1 of tcp, is missing', () => {
    const rules = [makeRule({ ethertype: 'IPv4' }, 0)];
    const every = { lo: 0, hi: 65535 };
    const sensitive = defaultShared().sensitivePorts;
    const allBut255: ExposureCell[] = [
      { kind: 'world', protocol: { lo: 0, hi: 254 }, detail: every, contributors: [0], runs: [] },
      { kind: 'world', protocol: { lo: 255, hi: 255 }, detail: { lo: 0, hi: 9 }, contributors: [0], runs: [] },
    ];
    const from2 = { lo: 2, hi: 65535 };
    const tcpFrom2: ExposureCell[] = [
      { kind: 'world', protocol: { lo: 0, hi: 5 }, detail: every, contributors: [0], runs: [] },
      { kind: 'world', protocol: { lo: 6, hi: 6 }, detail: from2, contributors: [0], runs: [] },
      { kind: 'world', protocol: { lo: 7, hi: 255 }, detail: every, contributors: [0], runs: [] },
    ];
    for (const cells of [allBut255, tcpFrom2]) {
      const split = splitWorldCells(rules, cells, sensitive, []);
      expect(split.allPorts.map((finding) => finding.items)).not.toContainEqual(['every protocol and port']);
      expect(split).toEqual(referenceSplitWorldCells(rules, cells, sensitive, []));
    }
  });
});
