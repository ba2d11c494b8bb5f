import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicates, findRedundant } from '../../src/analysis/redundancy.js';
import type { Box } from '../../src/analysis/space.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from './fc-settings.js';
import { ADDRESSES, ALL_POINTS, boxesArbitrary, contains, coveredWithAtoms, key } from './small-universe.js';

/** Every point the boxes allow, with atoms implied by every address. */
function semanticUnion(boxes: readonly Box[]): Set<string> {
  return new Set(ALL_POINTS.filter((point) => coveredWithAtoms(boxes, point)).map(key));
}

function coveredBy(target: Box, boxes: readonly Box[]): boolean {
  return ALL_POINTS.every((point) => !contains(target, point) || coveredWithAtoms(boxes, point));
}

const equalSets = (a: Set<string>, b: Set<string>): boolean =>
  a.size === b.size && [...a].every((item) => b.has(item));

describe('redundancy against point enumeration', () => {
  it(
    'reports only covered rules, keeps the union, and leaves no redundant rule behind',
    () => {
      fc.assert(
        fc.property(boxesArbitrary(8), (boxes) => {
          const members = boxes.map((_, index) => index);
          const found = findRedundant(boxes, members, undefined, ADDRESSES);
          const reported = new Set(found.map((entry) => entry.index));
          const kept = members.filter((index) => !reported.has(index)).map((index) => boxes[index] as Box);

          for (const entry of found) {
            expect(entry.coveredBy).not.toContain(entry.index);
            expect(entry.coveredBy.length).toBeGreaterThan(0);
            const covers = entry.coveredBy.map((index) => boxes[index] as Box);
            expect(coveredBy(boxes[entry.index] as Box, covers)).toBe(true);
          }
          expect(equalSets(semanticUnion(kept), semanticUnion(boxes))).toBe(true);
          kept.forEach((box, position) => {
            const others = kept.filter((_, other) => other !== position);
            expect(coveredBy(box, others)).toBe(false);
          });
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'never reports a rule that meets no other rule and no full address range',
    () => {
      fc.assert(
        fc.property(boxesArbitrary(8), (boxes) => {
          const found = findRedundant(
            boxes,
            boxes.map((_, index) => index),
            undefined,
            ADDRESSES,
          );
          for (const entry of found) {
            const others = boxes.filter((_, index) => index !== entry.index);
            const target = boxes[entry.index] as Box;
            const touches = ALL_POINTS.some(
              (point) => contains(target, point) && coveredWithAtoms(others, point),
            );
            expect(touches).toBe(true);
          }
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'without atoms, judges on the plain union',
    () => {
      fc.assert(
        fc.property(boxesArbitrary(8), (boxes) => {
          const found = findRedundant(
            boxes,
            boxes.map((_, index) => index),
          );
          for (const entry of found) {
            const covers = entry.coveredBy.map((index) => boxes[index] as Box);
            expect(
              ALL_POINTS.every(
                (point) =>
                  !contains(boxes[entry.index] as Box, point) || covers.some((box) => contains(box, point)),
              ),
            ).toBe(true);
          }
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'pairs each later duplicate with the first equal key',
    () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 10 }), (keys) => {
          const duplicates = findDuplicates(keys);
          keys.forEach((value, index) => {
            const first = keys.indexOf(value);
            if (first === index) expect(duplicates.has(index)).toBe(false);
            else expect(duplicates.get(index)).toBe(first);
          });
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
