/**
 * Which traffic the union of a set of rules opens to the whole world, and
 * which it opens to broad public ranges, computed exactly: a port counts as
 * world-open when the rules that allow it together cover every address of
 * the family, whether one rule does it or many.
 */
import type { Interval } from '../model/types.js';
import type { WorkBudget } from './box.js';
import { intersectIntervals, mergeIntervals } from './public-space.js';
import type { BigInterval, Box } from './space.js';

export interface ExposureOptions {
  /** Every address of the family (the address part of the remote axis). */
  addresses: BigInterval;
  /** Public address space as sorted disjoint intervals. */
  publicSpace: readonly BigInterval[];
  /** A public run with more addresses than this is "broad". */
  broadSize: bigint;
}

export interface ExposureCell {
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

function spend(budget: WorkBudget | undefined, amount: number): boolean {
  if (budget === undefined) return true;
  budget.remaining -= amount;
  if (budget.remaining < 0) {
    budget.exhausted = true;
    return false;
  }
  return true;
}

/** Classifies one elementary cell given the rules active on it. */
function classify(
  boxes: readonly Box[],
  active: readonly number[],
  options: ExposureOptions,
): { kind: 'world' | 'broad'; contributors: number[]; runs: BigInterval[] } | undefined {
  const addressParts: { index: number; part: BigInterval }[] = [];
  for (const index of active) {
    const part = clip((boxes[index] as Box).remote, options.addresses);
    if (part === undefined) continue;
    if (part.lo === options.addresses.lo && part.hi === options.addresses.hi) {
      return { kind: 'world', contributors: [index], runs: [] };
    }
    addressParts.push({ index, part });
  }
  if (addressParts.length === 0) return undefined;

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
 * Exposure of the traffic allowed by `boxes` (one direction and family).
 * Cells come sorted by protocol then detail; adjacent cells with the same
 * kind and contributors are merged. Returns undefined when the budget ran
 * out (the caller must then not claim anything).
 */
export function computeExposure(
  boxes: readonly Box[],
  options: ExposureOptions,
  budget?: WorkBudget,
): ExposureCell[] | undefined {
  const cells: ExposureCell[] = [];
  if (boxes.length === 0) return cells;
  const protocolPoints = breakpoints(
    boxes.map((box) => box.protocol),
    { lo: 0, hi: 255 },
  );

  for (let p = 0; p + 1 < protocolPoints.length; p += 1) {
    const protocol = { lo: protocolPoints[p] as number, hi: (protocolPoints[p + 1] as number) - 1 };
    const relevant: number[] = [];
    boxes.forEach((box, index) => {
      if (box.protocol.lo <= protocol.lo && protocol.hi <= box.protocol.hi) relevant.push(index);
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

    const active = new Set<number>();
    for (let d = 0; d + 1 < detailPoints.length; d += 1) {
      const at = detailPoints[d] as number;
      for (const index of ends.get(at) ?? []) active.delete(index);
      for (const index of starts.get(at) ?? []) active.add(index);
      if (active.size === 0) continue;
      // Classifying sorts the active rules and their address ranges: charge what that costs.
      if (!spend(budget, active.size * Math.ceil(Math.log2(active.size + 1)))) return undefined;

      const detail = { lo: at, hi: (detailPoints[d + 1] as number) - 1 };
      const verdict = classify(boxes, [...active].sort((a, b) => a - b), options);
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
