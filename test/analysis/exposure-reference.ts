/**
 * The straightforward exposure sweep, as it was before the shortcuts in
 * `src/analysis/exposure.ts` (every box's address part and public size up
 * front, protocol slices from a sorted set): the general path the fast one
 * is pinned against, cell for cell and charge for charge.
 */
import type { Interval } from '../../src/model/types.js';
import type { WorkBudget } from '../../src/analysis/box.js';
import { intersectIntervals, mergeIntervals } from '../../src/analysis/public-space.js';
import type { BigInterval, Box } from '../../src/analysis/space.js';

interface ExposureOptions {
  /** Every address of the family (the address part of the remote axis). */
  addresses: BigInterval;
  /** Public address space as sorted disjoint intervals. */
  publicSpace: readonly BigInterval[];
  /** A public run with more addresses than this is "broad". */
  broadSize: bigint;
}

interface ExposureCell {
  kind: 'world' | 'broad';
  protocol: Interval;
  detail: Interval;
  /** Indexes (into the input boxes) of the rules that open this traffic. */
  contributors: number[];
  /** For broad cells: the public runs that are open. */
  runs: BigInterval[];
}

function breakpoints(intervals: readonly Interval[], axis: Interval): number[] {
  const points = new Set<number>([axis.lo, axis.hi + 1]);
  for (const interval of intervals) {
    points.add(interval.lo);
    points.add(interval.hi + 1);
  }
  return [...points].sort((a, b) => a - b);
}

function clip(remote: BigInterval, to: BigInterval): BigInterval | undefined {
  const lo = remote.lo > to.lo ? remote.lo : to.lo;
  const hi = remote.hi < to.hi ? remote.hi : to.hi;
  return lo <= hi ? { lo, hi } : undefined;
}

/** Two ascending index lists merged into one (the second is ascending too, as pushed). */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const result: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number))) result.push(a[i++] as number);
    else result.push(b[j++] as number);
  }
  return result;
}

function spend(budget: WorkBudget | undefined, amount: number): boolean {
  if (budget === undefined) return true;
  budget.remaining -= amount;
  if (budget.remaining < 0) {
    budget.exhausted = true;
    return false;
  }
  return true;
}

/** What one box offers on the address part of the remote axis, computed once per box. */
interface AddressPart {
  part: BigInterval | undefined;
  /** True when the box holds every address. */
  full: boolean;
  /** Number of addresses in the part. */
  size: bigint;
  /** Number of public addresses in the part. */
  publicSize: bigint;
}

function addressPart(box: Box, options: ExposureOptions): AddressPart {
  const part = clip(box.remote, options.addresses);
  if (part === undefined) return { part, full: false, size: 0n, publicSize: 0n };
  let publicSize = 0n;
  for (const run of intersectIntervals([part], options.publicSpace)) publicSize += run.hi - run.lo + 1n;
  return {
    part,
    full: part.lo === options.addresses.lo && part.hi === options.addresses.hi,
    size: part.hi - part.lo + 1n,
    publicSize,
  };
}

/**
 * Classifies one elementary cell given the rules active on it (ascending).
 * Cheap bounds come first: the world needs at least as many addresses as
 * the family has, and a broad run needs more public addresses than the
 * threshold; only a cell that passes them has its union computed.
 */
function classify(
  parts: readonly AddressPart[],
  active: readonly number[],
  options: ExposureOptions,
  worldSize: bigint,
): { kind: 'world' | 'broad'; contributors: number[]; runs: BigInterval[] } | undefined {
  let size = 0n;
  let publicSize = 0n;
  for (const index of active) {
    const entry = parts[index] as AddressPart;
    if (entry.full) return { kind: 'world', contributors: [index], runs: [] };
    size += entry.size;
    publicSize += entry.publicSize;
  }
  if (size < worldSize && publicSize <= options.broadSize) return undefined;

  const addressParts: { index: number; part: BigInterval }[] = [];
  for (const index of active) {
    const { part } = parts[index] as AddressPart;
    if (part !== undefined) addressParts.push({ index, part });
  }
  const union = mergeIntervals(addressParts.map((entry) => entry.part));
  const first = union[0];
  if (
    union.length === 1 &&
    first !== undefined &&
    first.lo === options.addresses.lo &&
    first.hi === options.addresses.hi
  ) {
    return { kind: 'world', contributors: addressParts.map((entry) => entry.index), runs: [] };
  }

  const runs = intersectIntervals(union, options.publicSpace).filter(
    (run) => run.hi - run.lo + 1n > options.broadSize,
  );
  if (runs.length === 0) return undefined;
  const contributors = addressParts
    .filter((entry) => runs.some((run) => entry.part.lo <= run.hi && run.lo <= entry.part.hi))
    .map((entry) => entry.index);
  return { kind: 'broad', contributors, runs };
}

/**
 * Which boxes can take part in any world or broad cell, decided once for
 * all cells so that the sweep below runs over those only. A cell is world
 * when a box holding every address is active, or when its partial boxes
 * together hold every address, which needs all partial boxes together to
 * do so. A broad run of a cell lies inside a broad run of the union of all
 * partial boxes, so a partial box outside those runs never contributes.
 */
function rulesThatCanMatter(parts: readonly AddressPart[], options: ExposureOptions): boolean[] {
  const partial = parts.filter((entry) => entry.part !== undefined && !entry.full).map((entry) => entry.part as BigInterval);
  const union = mergeIntervals(partial);
  const first = union[0];
  const worldFromPartial =
    union.length === 1 &&
    first !== undefined &&
    first.lo === options.addresses.lo &&
    first.hi === options.addresses.hi;
  const broadRuns = worldFromPartial
    ? []
    : intersectIntervals(union, options.publicSpace).filter((run) => run.hi - run.lo + 1n > options.broadSize);
  return parts.map((entry) => {
    if (entry.part === undefined) return false;
    if (entry.full || worldFromPartial) return true;
    const { lo, hi } = entry.part;
    return broadRuns.some((run) => lo <= run.hi && run.lo <= hi);
  });
}

/**
 * Exposure of the traffic allowed by `boxes` (one direction and family).
 * Cells come sorted by protocol then detail; adjacent cells with the same
 * kind and contributors are merged. Returns undefined when the budget ran
 * out (the caller must then not claim anything).
 */
/** The exposure of `boxes` by the general sweep over every box. */
export function referenceExposure(
  boxes: readonly Box[],
  options: ExposureOptions,
  budget?: WorkBudget,
): ExposureCell[] | undefined {
  const cells: ExposureCell[] = [];
  const parts = boxes.map((box) => addressPart(box, options));
  const worldSize = options.addresses.hi - options.addresses.lo + 1n;
  const keep = rulesThatCanMatter(parts, options);
  if (!keep.some(Boolean)) return cells;
  const protocolPoints = breakpoints(
    boxes.map((box) => box.protocol),
    { lo: 0, hi: 255 },
  );

  for (let p = 0; p + 1 < protocolPoints.length; p += 1) {
    const protocol = { lo: protocolPoints[p] as number, hi: (protocolPoints[p + 1] as number) - 1 };
    const relevant: number[] = [];
    boxes.forEach((box, index) => {
      const inProtocol = box.protocol.lo <= protocol.lo && protocol.hi <= box.protocol.hi;
      if (inProtocol && keep[index] === true) relevant.push(index);
    });
    if (!spend(budget, boxes.length)) return undefined;
    if (relevant.length === 0) continue;

    const starts = new Map<number, number[]>();
    const ends = new Map<number, number[]>();
    for (const index of relevant) {
      const { detail } = boxes[index] as Box;
      (starts.get(detail.lo) ?? starts.set(detail.lo, []).get(detail.lo))?.push(index);
      (ends.get(detail.hi + 1) ?? ends.set(detail.hi + 1, []).get(detail.hi + 1))?.push(index);
    }
    const detailPoints = breakpoints(
      relevant.map((index) => (boxes[index] as Box).detail),
      { lo: 0, hi: 65535 },
    );

    let active: number[] = [];
    for (let d = 0; d + 1 < detailPoints.length; d += 1) {
      const at = detailPoints[d] as number;
      const ending = ends.get(at);
      if (ending !== undefined) active = active.filter((index) => !ending.includes(index));
      const starting = starts.get(at);
      if (starting !== undefined) active = mergeSorted(active, starting);
      if (active.length === 0) continue;
      if (!spend(budget, active.length)) return undefined;

      const detail = { lo: at, hi: (detailPoints[d + 1] as number) - 1 };
      const verdict = classify(parts, active, options, worldSize);
      if (verdict === undefined) continue;

      const last = cells[cells.length - 1];
      if (
        last !== undefined &&
        last.kind === verdict.kind &&
        last.protocol.lo === protocol.lo &&
        last.detail.hi + 1 === detail.lo &&
        last.contributors.join(',') === verdict.contributors.join(',')
      ) {
        last.detail = { lo: last.detail.lo, hi: detail.hi };
        last.runs = mergeIntervals([...last.runs, ...verdict.runs]);
      } else {
        cells.push({ kind: verdict.kind, protocol, detail, contributors: verdict.contributors, runs: verdict.runs });
      }
    }
  }
  return cells;
}
