import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boxVolume,
  boxesIntersect,
  createBudget,
  decideCovered,
  uncoveredPart,
  type WorkBudget,
} from '../../src/analysis/box.js';
import { BoxIndex } from '../../src/analysis/box-index.js';
import { MemberScan } from '../../src/analysis/member-scan.js';
import { findRedundantByScan } from '../../src/analysis/redundancy-scan.js';
import {
  findDuplicateRules,
  findDuplicates,
  findDuplicatesByScan,
  findDuplicatesBySort,
  findRedundant,
  findRedundantIndexed,
} from '../../src/analysis/redundancy.js';
import type { Box } from '../../src/analysis/space.js';
import { compareTraffic, trafficKey } from '../../src/analysis/traffic.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from './fc-settings.js';
import { makeRule } from './model-rules.js';
import { ADDRESSES, boxArbitrary, boxesArbitrary } from './small-universe.js';

/** A remote interval anywhere on a 130-bit axis, with widths of every size, near powers of two too. */
const wideRemote: fc.Arbitrary<{ lo: bigint; hi: bigint }> = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 1n << 130n }),
    fc.integer({ min: 0, max: 128 }),
    fc.integer({ min: -1, max: 1 }),
  )
  .map(([lo, bits, nudge]) => {
    const width = (1n << BigInt(bits)) + BigInt(nudge);
    return { lo, hi: lo + (width > 0n ? width : 1n) - 1n };
  });

const wideBox: fc.Arbitrary<Box> = fc.record({
  protocol: fc.constantFrom({ lo: 6, hi: 6 }, { lo: 0, hi: 255 }),
  detail: fc.constantFrom({ lo: 22, hi: 22 }, { lo: 0, hi: 65535 }),
  remote: wideRemote,
});

describe('BoxIndex on wide remote intervals', () => {
  it(
    'finds every member that meets the query, whatever the widths',
    () => {
      fc.assert(
        fc.property(fc.array(wideBox, { minLength: 49, maxLength: 90 }), wideBox, (boxes, query) => {
          const members = boxes.map((_, position) => position);
          const expected = members.filter((member) => boxesIntersect(boxes[member] as Box, query));
          expect(new BoxIndex(boxes, members).intersecting(query)).toEqual(expected);
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});

/** Boxes with a shuffled subset of their indexes as members. */
const membersArbitrary = (boxes: fc.Arbitrary<Box[]>): fc.Arbitrary<[Box[], number[]]> =>
  boxes.chain((list) =>
    fc.tuple(fc.constant(list), fc.shuffledSubarray(list.map((_, index) => index))),
  );

const budgetOf = (operations: number | undefined): WorkBudget | undefined =>
  operations === undefined ? undefined : createBudget(operations);

describe('decideCovered against uncoveredPart', () => {
  it(
    'is true exactly when nothing is uncovered, and never answers wrongly on a small budget',
    () => {
      fc.assert(
        fc.property(
          boxArbitrary,
          boxesArbitrary(6),
          fc.boolean(),
          fc.integer({ min: 0, max: 60 }),
          (target, covers, atoms, operations) => {
            const addresses = atoms ? ADDRESSES : undefined;
            const open = uncoveredPart(target, covers, undefined, addresses) as Box[];
            expect(decideCovered(target, covers, undefined, addresses)).toBe(open.length === 0);
            const budget = createBudget(operations);
            const answer = decideCovered(target, covers, budget, addresses);
            if (answer === undefined) expect(budget.exhausted).toBe(true);
            else expect(answer).toBe(open.length === 0);
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('findRedundant by scan against the indexed path', () => {
  it(
    'finds the same rules and covers, and spends the budget alike',
    () => {
      fc.assert(
        fc.property(
          membersArbitrary(
            fc.oneof(
              { weight: 4, arbitrary: boxesArbitrary(14) },
              { weight: 1, arbitrary: fc.array(boxArbitrary, { minLength: 49, maxLength: 70 }) },
            ),
          ),
          fc.boolean(),
          fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
          ([boxes, members], atoms, operations) => {
            const addresses = atoms ? ADDRESSES : undefined;
            const scanned = budgetOf(operations);
            const indexed = budgetOf(operations);
            expect(findRedundantByScan(boxes, members, scanned, addresses)).toEqual(
              findRedundantIndexed(boxes, members, indexed, addresses),
            );
            expect(scanned?.exhausted).toBe(indexed?.exhausted);
            // Only whether the budget ran out is ever read; until then it is spent to the unit.
            if (indexed?.exhausted === false) expect(scanned?.remaining).toBe(indexed.remaining);
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'agrees on remote bounds past 2^53 and on volumes that numbers round',
    () => {
      // Remotes below 2^53 (numbers exact, volumes up to 2^72 rounded) or anywhere on a wide axis.
      const nearExact = fc
        .tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: -1, max: 1 }))
        .map(([lo, bits, nudge]) => {
          const width = 2 ** bits + nudge > 0 ? 2 ** bits + nudge : 1;
          return { lo: BigInt(lo), hi: BigInt(lo + width - 1) };
        });
      const box = (remote: fc.Arbitrary<{ lo: bigint; hi: bigint }>): fc.Arbitrary<Box> =>
        fc.record({
          protocol: fc.constantFrom({ lo: 6, hi: 6 }, { lo: 0, hi: 255 }, { lo: 6, hi: 17 }),
          detail: fc.constantFrom({ lo: 22, hi: 22 }, { lo: 0, hi: 65535 }, { lo: 20, hi: 30 }),
          remote,
        });
      fc.assert(
        fc.property(
          membersArbitrary(
            fc.oneof(
              fc.array(box(nearExact), { minLength: 1, maxLength: 20 }),
              fc.array(box(fc.oneof(nearExact, wideRemote)), { minLength: 1, maxLength: 20 }),
            ),
          ),
          fc.constantFrom(undefined, { lo: 0n, hi: 2n ** 32n - 1n }, { lo: 0n, hi: 2n ** 128n - 1n }),
          fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
          ([boxes, members], addresses, operations) => {
            const scanned = budgetOf(operations);
            const indexed = budgetOf(operations);
            expect(findRedundantByScan(boxes, members, scanned, addresses)).toEqual(
              findRedundantIndexed(boxes, members, indexed, addresses),
            );
            expect(scanned?.exhausted).toBe(indexed?.exhausted);
            if (indexed?.exhausted === false) expect(scanned?.remaining).toBe(indexed.remaining);
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('orders volumes exactly where numbers round them alike', () => {
    // 3 * (2^52 + 1) and 2 * (3 * 2^51 + 2) are both 3 * 2^52 + 4 as numbers.
    const smaller: Box = {
      protocol: { lo: 0, hi: 2 },
      detail: { lo: 0, hi: 0 },
      remote: { lo: 0n, hi: 2n ** 52n },
    };
    const larger: Box = {
      protocol: { lo: 0, hi: 1 },
      detail: { lo: 0, hi: 0 },
      remote: { lo: 0n, hi: 3n * 2n ** 51n + 1n },
    };
    expect(boxVolume(smaller) < boxVolume(larger)).toBe(true);
    const scan = new MemberScan().reset([smaller, larger], [0, 1]);
    scan.measure();
    expect(scan.compareSize(0, 1)).toBe(-1);
    expect(scan.compareSize(1, 0)).toBe(1);
    expect(scan.compareSize(1, 1)).toBe(0);
  });

  it('scans only sets of distinct members', () => {
    const box: Box = { protocol: { lo: 0, hi: 0 }, detail: { lo: 0, hi: 0 }, remote: { lo: 0n, hi: 0n } };
    // A member listed twice is not its own cover, as in the indexed path.
    expect(findRedundant([box], [0, 0])).toEqual(findRedundantIndexed([box], [0, 0]));
    expect(findRedundant([box], [0, 0])).toEqual([]);
  });

  it(
    'holds a point exactly where `some` meets the point box',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(boxesArbitrary(12), fc.array(boxArbitrary, { minLength: 49, maxLength: 80 })),
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: 0, max: 7 }),
          fc.integer({ min: 0, max: 15 }),
          fc.func(fc.boolean()),
          (boxes, protocol, detail, remote, accept) => {
            const index = new BoxIndex(
              boxes,
              boxes.map((_, position) => position),
            );
            const point: Box = {
              protocol: { lo: protocol, hi: protocol },
              detail: { lo: detail, hi: detail },
              remote: { lo: BigInt(remote), hi: BigInt(remote) },
            };
            expect(index.holds(protocol, detail, BigInt(remote), (member) => accept(member))).toBe(
              index.some(point, (member) => accept(member)),
            );
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});

const REMOTES = [
  {},
  { ipRange: '0.0.0.0/0' },
  { ipRange: '10.0.0.0/8' },
  { ipRange: '10.0.0.1/8' },
  { ipRange: '10.0.0.0/9' },
  { ipRange: '10.0.0.5/32' },
  { ipRange: '::/0' },
  { ipRange: '2001:db8::/32' },
  { ipRange: '2001:DB8:0:0::1/32' },
  { ipRange: '2001:db8::/33' },
  { ipRange: '2001:db8::1/128' },
  { remoteSecurityGroupId: 'ga' },
  { remoteSecurityGroupId: 'gb' },
];
const PORTS = [{ min: 22, max: 22 }, { min: 1, max: 65535 }, { min: 20, max: 25 }, { min: 22, max: 25 }];
const ICMP = [{ type: 8, code: 0 }, { type: 3, code: 1 }, { type: 3, code: 0 }];

/** One API-shaped rule with few values per field. */
const rawRuleArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    direction: fc.constantFrom('ingress', 'egress'),
    protocol: fc.constantFrom(undefined, 'tcp', 'udp', 'icmp', 'ipv6-icmp', 'gre', 6),
    ports: fc.option(fc.constantFrom(...PORTS), { nil: undefined }),
    icmp: fc.option(fc.constantFrom(...ICMP), { nil: undefined }),
    remote: fc.constantFrom(...REMOTES),
    ethertype: fc.constantFrom('IPv4', 'IPv6'),
  })
  .map(({ direction, protocol, ports, icmp, remote, ethertype }) => ({
    direction,
    ethertype,
    ...(protocol === undefined ? {} : {
      protocol: typeof protocol === 'number' ? protocol : { name: protocol },
    }),
    ...(ports === undefined ? {} : { portRange: ports }),
    ...(icmp === undefined ? {} : { icmpParameters: icmp }),
    ...remote,
  }));

/**
 * Rules drawn from a few base rules, each copy perhaps with another
 * remote or port range, so rules that differ in one field only are common.
 */
const rawRulesArbitrary: fc.Arbitrary<Record<string, unknown>[]> = fc
  .array(rawRuleArbitrary, { minLength: 1, maxLength: 4 })
  .chain((bases) =>
    fc.array(
      fc
        .tuple(
          fc.constantFrom(...bases),
          fc.option(fc.constantFrom(...REMOTES)),
          fc.option(fc.constantFrom(...PORTS)),
        )
        .map(([base, remote, ports]) => {
          const { ipRange: _range, remoteSecurityGroupId: _group, ...rest } = base;
          const withRemote = remote === null ? base : { ...rest, ...remote };
          if (ports === null || base.portRange === undefined) return withRemote;
          return { ...withRemote, portRange: ports };
        }),
      { maxLength: 60 },
    ),
  );

describe('duplicates without key strings', () => {
  it(
    'compares traffic exactly as trafficKey does and finds the same duplicates',
    () => {
      fc.assert(
        fc.property(rawRulesArbitrary, (raws) => {
          const rules = raws.map((raw, index) => makeRule(raw, index)).filter((rule) => rule.analysable);
          const keys = rules.map(trafficKey);
          rules.forEach((a, i) =>
            rules.forEach((b, j) => {
              expect(compareTraffic(a, b) === 0).toBe(keys[i] === keys[j]);
              expect(Math.sign(compareTraffic(a, b)) + Math.sign(compareTraffic(b, a))).toBe(0);
            }),
          );
          expect([...findDuplicateRules(rules)]).toEqual([...findDuplicates(keys)]);
          // Both ways of finding them, whatever the number of rules.
          expect([...findDuplicatesByScan(rules)]).toEqual([...findDuplicates(keys)]);
          expect([...findDuplicatesBySort(rules)]).toEqual([...findDuplicates(keys)]);
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
