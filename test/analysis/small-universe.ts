/**
 * A small traffic universe for brute-force oracles: protocol 0..3,
 * detail 0..7, remote 0..15 where 0..11 are addresses and 12..15 are
 * group atoms. The box functions are generic over axis values, so every
 * answer can be checked against an enumeration of all 512 points.
 */
import fc from 'fast-check';
import type { Box } from '../../src/analysis/space.js';

export const PROTOCOLS = 4;
export const DETAILS = 8;
export const REMOTES = 16;
export const ADDRESSES = { lo: 0n, hi: 11n };

export interface Point {
  protocol: number;
  detail: number;
  remote: bigint;
}

export const ALL_POINTS: Point[] = [];
for (let protocol = 0; protocol < PROTOCOLS; protocol += 1) {
  for (let detail = 0; detail < DETAILS; detail += 1) {
    for (let remote = 0n; remote < BigInt(REMOTES); remote += 1n)
      ALL_POINTS.push({ protocol, detail, remote });
  }
}

export function contains(box: Box, point: Point): boolean {
  return (
    box.protocol.lo <= point.protocol &&
    point.protocol <= box.protocol.hi &&
    box.detail.lo <= point.detail &&
    point.detail <= box.detail.hi &&
    box.remote.lo <= point.remote &&
    point.remote <= box.remote.hi
  );
}

export const inAny = (boxes: readonly Box[], point: Point): boolean =>
  boxes.some((box) => contains(box, point));

/**
 * The oracle for coverage with group atoms: a point is covered when a box
 * holds it, or when it is an atom and the boxes hold every address at its
 * protocol and detail.
 */
export function coveredWithAtoms(boxes: readonly Box[], point: Point): boolean {
  if (inAny(boxes, point)) return true;
  if (point.remote <= ADDRESSES.hi) return false;
  for (let address = ADDRESSES.lo; address <= ADDRESSES.hi; address += 1n) {
    if (!inAny(boxes, { ...point, remote: address })) return false;
  }
  return true;
}

function interval(max: number): fc.Arbitrary<{ lo: number; hi: number }> {
  return fc
    .tuple(fc.integer({ min: 0, max: max - 1 }), fc.integer({ min: 0, max: max - 1 }))
    .map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) }));
}

/** Remote intervals: mostly address ranges, sometimes one atom, sometimes everything. */
const remoteInterval = fc.oneof(
  { weight: 6, arbitrary: interval(12).map(({ lo, hi }) => ({ lo: BigInt(lo), hi: BigInt(hi) })) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 12, max: 15 }).map((atom) => ({ lo: BigInt(atom), hi: BigInt(atom) })),
  },
  { weight: 1, arbitrary: fc.constant({ lo: 0n, hi: 15n }) },
  { weight: 1, arbitrary: interval(REMOTES).map(({ lo, hi }) => ({ lo: BigInt(lo), hi: BigInt(hi) })) },
);

export const boxArbitrary: fc.Arbitrary<Box> = fc.record({
  protocol: interval(PROTOCOLS),
  detail: interval(DETAILS),
  remote: remoteInterval,
});

export const boxesArbitrary = (max: number): fc.Arbitrary<Box[]> =>
  fc.array(boxArbitrary, { maxLength: max });

export function pointsOf(boxes: readonly Box[]): Set<string> {
  const set = new Set<string>();
  for (const point of ALL_POINTS) if (inAny(boxes, point)) set.add(key(point));
  return set;
}

export const key = (point: Point): string => `${point.protocol}/${point.detail}/${point.remote}`;
