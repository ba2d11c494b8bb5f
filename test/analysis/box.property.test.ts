import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boxContains,
  boxVolume,
  boxesEqual,
  boxesIntersect,
  coveringSubset,
  intersectBoxes,
  isCovered,
  subtractBox,
  uncoveredPart,
} from '../../src/analysis/box.js';
import { BoxIndex } from '../../src/analysis/box-index.js';
import type { Box } from '../../src/analysis/space.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from './fc-settings.js';
import {
  ADDRESSES,
  ALL_POINTS,
  boxArbitrary,
  boxesArbitrary,
  contains,
  coveredWithAtoms,
  inAny,
} from './small-universe.js';

/** True when the boxes are pairwise disjoint. */
function pairwiseDisjoint(boxes: readonly Box[]): boolean {
  return ALL_POINTS.every((point) => boxes.filter((box) => contains(box, point)).length <= 1);
}

describe('box algebra against point enumeration', () => {
  it(
    'intersects exactly',
    () => {
      fc.assert(
        fc.property(boxArbitrary, boxArbitrary, (a, b) => {
          const common = intersectBoxes(a, b);
          const expected = ALL_POINTS.filter((point) => contains(a, point) && contains(b, point));
          expect(boxesIntersect(a, b)).toBe(expected.length > 0);
          if (common === undefined) return expected.length === 0;
          return ALL_POINTS.every(
            (point) => contains(common, point) === (contains(a, point) && contains(b, point)),
          );
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'subtracts into disjoint pieces whose union is the difference',
    () => {
      fc.assert(
        fc.property(boxArbitrary, boxArbitrary, (a, b) => {
          const pieces = subtractBox(a, b);
          expect(pieces.length).toBeLessThanOrEqual(6);
          expect(pairwiseDisjoint(pieces)).toBe(true);
          return ALL_POINTS.every(
            (point) => inAny(pieces, point) === (contains(a, point) && !contains(b, point)),
          );
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'decides containment, equality and volume',
    () => {
      fc.assert(
        fc.property(boxArbitrary, boxArbitrary, (a, b) => {
          const inA = ALL_POINTS.filter((point) => contains(a, point));
          expect(boxContains(a, b)).toBe(
            ALL_POINTS.every((point) => !contains(b, point) || contains(a, point)),
          );
          expect(boxesEqual(a, b)).toBe(
            ALL_POINTS.every((point) => contains(a, point) === contains(b, point)),
          );
          return boxVolume(a) === BigInt(inA.length);
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'finds the uncovered part of a box under a plain union',
    () => {
      fc.assert(
        fc.property(boxArbitrary, boxesArbitrary(6), (target, covers) => {
          const rest = uncoveredPart(target, covers);
          expect(rest).toBeDefined();
          expect(pairwiseDisjoint(rest as Box[])).toBe(true);
          const expected = (point: (typeof ALL_POINTS)[number]): boolean =>
            contains(target, point) && !inAny(covers, point);
          expect(isCovered(target, covers)).toBe(ALL_POINTS.every((point) => !expected(point)));
          return ALL_POINTS.every((point) => inAny(rest as Box[], point) === expected(point));
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'covers a group atom where the union holds every address',
    () => {
      fc.assert(
        fc.property(boxArbitrary, boxesArbitrary(6), (target, covers) => {
          const rest = uncoveredPart(target, covers, undefined, ADDRESSES);
          expect(rest).toBeDefined();
          expect(pairwiseDisjoint(rest as Box[])).toBe(true);
          const expected = (point: (typeof ALL_POINTS)[number]): boolean =>
            contains(target, point) && !coveredWithAtoms(covers, point);
          const covered = ALL_POINTS.every((point) => !expected(point));
          expect(isCovered(target, covers, undefined, ADDRESSES)).toBe(covered);
          return ALL_POINTS.every((point) => inAny(rest as Box[], point) === expected(point));
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'names a subset of covers that alone covers the box',
    () => {
      fc.assert(
        fc.property(boxArbitrary, boxesArbitrary(6), fc.boolean(), (target, covers, atoms) => {
          const addresses = atoms ? ADDRESSES : undefined;
          const used = coveringSubset(target, covers, undefined, addresses);
          const oracle =
            (boxes: readonly Box[]) =>
            (point: (typeof ALL_POINTS)[number]): boolean =>
              !contains(target, point) || (atoms ? coveredWithAtoms(boxes, point) : inAny(boxes, point));
          const covered = ALL_POINTS.every(oracle(covers));
          if (!covered) return used === undefined;
          expect(used).toBeDefined();
          const subset = (used as number[]).map((index) => covers[index] as Box);
          return ALL_POINTS.every(oracle(subset));
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'answers "not covered" when the work budget runs out',
    () => {
      fc.assert(
        fc.property(
          boxArbitrary,
          boxesArbitrary(6),
          fc.integer({ min: 0, max: 3 }),
          (target, covers, operations) => {
            const budget = { remaining: operations, exhausted: false };
            const answer = isCovered(target, covers, budget, ADDRESSES);
            if (budget.exhausted) return answer === false;
            return (
              answer ===
              ALL_POINTS.every((point) => !contains(target, point) || coveredWithAtoms(covers, point))
            );
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'indexes boxes, small sets and trees alike: exactly the members that meet the query',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(boxesArbitrary(12), fc.array(boxArbitrary, { minLength: 49, maxLength: 150 })),
          boxArbitrary,
          fc.func(fc.boolean()),
          (boxes, query, accept) => {
            const members = boxes.map((_, index) => index).filter((index) => index % 3 !== 2);
            const index = new BoxIndex(boxes, members);
            const expected = members
              .filter((member) => boxesIntersect(boxes[member] as Box, query) && accept(member))
              .sort((a, b) => a - b);
            expect(index.intersecting(query, (member) => accept(member))).toEqual(expected);
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'answers whether any member meets the query, and which lowest member contains it',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(boxesArbitrary(12), fc.array(boxArbitrary, { minLength: 49, maxLength: 150 })),
          boxArbitrary,
          fc.option(fc.nat()),
          fc.func(fc.boolean()),
          (boxes, drawn, pick, accept) => {
            const members = boxes.map((_, index) => index).filter((index) => index % 3 !== 2);
            // Many queries are a member's own box, so containers are common.
            const query = pick === null || boxes.length === 0 ? drawn : (boxes[pick % boxes.length] as Box);
            const index = new BoxIndex(boxes, members);
            const meeting = members.filter(
              (member) => boxesIntersect(boxes[member] as Box, query) && accept(member),
            );
            const containing = meeting.filter((member) => boxContains(boxes[member] as Box, query));
            expect(index.some(query, (member) => accept(member))).toBe(meeting.length > 0);
            expect(index.firstContaining(query, (member) => accept(member))).toBe(
              containing.length === 0 ? undefined : Math.min(...containing),
            );
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
