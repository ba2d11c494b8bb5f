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

/** Two ascending index lists merged into `result` (the second is ascending too, as pushed). */
function mergeSortedInto(result: number[], a: readonly number[], b: readonly number[]): void {
  result.length = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number))) result.push(a[i++] as number);
    else result.push(b[j++] as number);
  }
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

/**
 * What the boxes offer on the address part of the remote axis: per box the
 * clipped part (undefined for a box of group atoms only) and whether it is
 * every address. Computed without arithmetic, and without allocating for a
 * box that needs no clipping.
 */
interface AddressParts {
  parts: (BigInterval | undefined)[];
  full: boolean[];
}

function addressParts(boxes: readonly Box[], addresses: BigInterval): AddressParts {
  const parts: (BigInterval | undefined)[] = new Array(boxes.length);
  const full: boolean[] = new Array(boxes.length);
  for (let index = 0; index < boxes.length; index += 1) {
    const { remote } = boxes[index] as Box;
    const inside = addresses.lo <= remote.lo && remote.hi <= addresses.hi;
    parts[index] = inside ? remote : clip(remote, addresses);
    full[index] = remote.lo <= addresses.lo && addresses.hi <= remote.hi;
  }
  return { parts, full };
}

/** Number of addresses, and of public addresses, in the part of a kept box. */
interface PartSize {
  size: bigint;
  publicSize: bigint;
}

function partSize(part: BigInterval, publicSpace: readonly BigInterval[]): PartSize {
  let publicSize = 0n;
  for (const run of intersectIntervals([part], publicSpace)) publicSize += run.hi - run.lo + 1n;
  return { size: part.hi - part.lo + 1n, publicSize };
}

/** True when the sorted disjoint `union` is exactly every address. */
function isEveryAddress(union: readonly BigInterval[], addresses: BigInterval): boolean {
  const first = union[0];
  return union.length === 1 && first !== undefined && first.lo === addresses.lo && first.hi === addresses.hi;
}

/**
 * Classifies one elementary cell given the rules active on it (ascending).
 * Cheap bounds come first: the world needs at least as many addresses as
 * the family has, and a broad run needs more public addresses than the
 * threshold; only a cell that passes them has its union computed.
 */
function classify(
  facts: AddressParts,
  sizes: readonly (PartSize | undefined)[],
  active: readonly number[],
  options: ExposureOptions,
  worldSize: bigint,
): { kind: 'world' | 'broad'; contributors: number[]; runs: BigInterval[] } | undefined {
  let size = 0n;
  let publicSize = 0n;
  for (const index of active) {
    if (facts.full[index] === true) return { kind: 'world', contributors: [index], runs: [] };
    const entry = sizes[index];
    if (entry === undefined) continue;
    size += entry.size;
    publicSize += entry.publicSize;
  }
  if (size < worldSize && publicSize <= options.broadSize) return undefined;

  const addressParts: { index: number; part: BigInterval }[] = [];
  for (const index of active) {
    const part = facts.parts[index];
    if (part !== undefined) addressParts.push({ index, part });
  }
  const union = mergeIntervals(addressParts.map((entry) => entry.part));
  if (isEveryAddress(union, options.addresses)) {
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
 * Which boxes can take part in any world or broad cell (ascending indexes),
 * decided once for all cells so that the sweep below runs over those only.
 * A cell is world when a box holding every address is active, or when its
 * partial boxes together hold every address, which needs all partial boxes
 * together to do so. A broad run of a cell lies inside a broad run of the
 * union of all partial boxes, so a partial box outside those runs never
 * contributes. The union is only formed when the partial boxes together
 * hold more addresses than a broad run needs or the world has: below both,
 * no partial box can matter.
 */
function rulesThatCanMatter(facts: AddressParts, options: ExposureOptions, worldSize: bigint): number[] {
  const kept: number[] = [];
  const partial: BigInterval[] = [];
  let total = 0n;
  facts.parts.forEach((part, index) => {
    if (part === undefined) return;
    if (facts.full[index] === true) kept.push(index);
    else {
      partial.push(part);
      total += part.hi - part.lo + 1n;
    }
  });
  if (partial.length === 0 || (total < worldSize && total <= options.broadSize)) return kept;

  const union = mergeIntervals(partial);
  const worldFromPartial = isEveryAddress(union, options.addresses);
  const broadRuns = worldFromPartial
    ? []
    : intersectIntervals(union, options.publicSpace).filter((run) => run.hi - run.lo + 1n > options.broadSize);
  if (!worldFromPartial && broadRuns.length === 0) return kept;
  facts.parts.forEach((part, index) => {
    if (part === undefined || facts.full[index] === true) return;
    if (worldFromPartial || broadRuns.some((run) => part.lo <= run.hi && run.lo <= part.hi)) kept.push(index);
  });
  return kept.sort((a, b) => a - b);
}

/**
 * Largest address (exclusive) for which the numeric form of
 * `rulesThatCanMatter` is used: sizes and sums of sizes of such addresses
 * stay far below 2^53, so plain numbers are exact (IPv4 is 2^32).
 */
const NUMERIC_LIMIT = 2n ** 40n;

/** The public space as plain numbers `[lo, hi, lo, hi, ...]`, per space. */
const numericSpaces = new WeakMap<readonly BigInterval[], number[]>();

function numericSpace(space: readonly BigInterval[]): number[] {
  let numbers = numericSpaces.get(space);
  if (numbers === undefined) {
    numbers = space.flatMap((run) => [Number(run.lo), Number(run.hi)]);
    numericSpaces.set(space, numbers);
  }
  return numbers;
}

/**
 * Scratch space of `rulesThatCanMatterNumeric`, reused from call to call
 * (grown when a group needs more): per partial box its index and bounds,
 * the order of the bounds by start (and the sort keys that make it), the
 * union and its broad runs as `[lo, hi, lo, hi, ...]`, and which boxes
 * are kept. Thousands of small groups then allocate nothing here but the
 * result.
 */
let partialIndexes = new Int32Array(64);
let partialLos = new Float64Array(64);
let partialHis = new Float64Array(64);
let startOrder = new Int32Array(64);
let sortKeys = new Float64Array(64);
let unionBounds = new Float64Array(128);
let broadBounds = new Float64Array(128);
let keptMarks = new Uint8Array(64);

function growScratch(count: number): void {
  if (partialIndexes.length >= count) return;
  partialIndexes = new Int32Array(count * 2);
  partialLos = new Float64Array(count * 2);
  partialHis = new Float64Array(count * 2);
  startOrder = new Int32Array(count * 2);
  sortKeys = new Float64Array(count * 2);
  unionBounds = new Float64Array(count * 4);
  broadBounds = new Float64Array(count * 4);
  keptMarks = new Uint8Array(count * 2);
}

/** Up to this many partial bounds are ordered by an insertion sort (no typed-array sort call). */
const INSERTION_SORT = 32;

/**
 * Fills `startOrder[0..count-1]` with the positions of the partial bounds
 * in ascending order of their start, ties by position (`last` is the last
 * address). A few are ordered by insertion; more by a native sort of the
 * keys `lo * count + position`, exact when `(last + 1) * count` stays
 * within 2^53 (IPv4 groups of up to two million rules).
 */
function orderPartialsByStart(count: number, last: number): void {
  if (count <= INSERTION_SORT) {
    for (let at = 0; at < count; at += 1) {
      const lo = partialLos[at] as number;
      let to = at;
      while (to > 0 && (partialLos[startOrder[to - 1] as number] as number) > lo) {
        startOrder[to] = startOrder[to - 1] as number;
        to -= 1;
      }
      startOrder[to] = at;
    }
    return;
  }
  if ((last + 1) * count > 2 ** 53) {
    const order = Array.from({ length: count }, (_, position) => position);
    order.sort((a, b) => (partialLos[a] as number) - (partialLos[b] as number));
    for (let at = 0; at < count; at += 1) startOrder[at] = order[at] as number;
    return;
  }
  const keys = sortKeys.subarray(0, count);
  for (let position = 0; position < count; position += 1) {
    keys[position] = (partialLos[position] as number) * count + position;
  }
  keys.sort();
  for (let at = 0; at < count; at += 1) startOrder[at] = (keys[at] as number) % count;
}

/** The indexes marked kept, ascending; clears the marks for the next call. */
function keptIndexes(facts: AddressParts): number[] {
  const kept: number[] = [];
  for (let index = 0; index < facts.parts.length; index += 1) {
    if (keptMarks[index] === 1) {
      kept.push(index);
      keptMarks[index] = 0;
    }
  }
  return kept;
}

/**
 * `rulesThatCanMatter` for a family whose addresses are below
 * `NUMERIC_LIMIT`, on plain numbers (exact there): the same decision
 * without a bigint operation per box.
 */
function rulesThatCanMatterNumeric(facts: AddressParts, options: ExposureOptions): number[] {
  const boxes = facts.parts.length;
  growScratch(boxes);
  let partials = 0;
  let total = 0;
  for (let index = 0; index < boxes; index += 1) {
    const part = facts.parts[index];
    if (part === undefined) continue;
    if (facts.full[index] === true) {
      keptMarks[index] = 1;
      continue;
    }
    const lo = Number(part.lo);
    const hi = Number(part.hi);
    partialIndexes[partials] = index;
    partialLos[partials] = lo;
    partialHis[partials] = hi;
    partials += 1;
    total += hi - lo + 1;
  }
  const first = Number(options.addresses.lo);
  const last = Number(options.addresses.hi);
  const broadSize = Number(options.broadSize);
  if (partials === 0 || (total < last - first + 1 && total <= broadSize)) return keptIndexes(facts);

  orderPartialsByStart(partials, last);
  // The union as bounds `[lo, hi, lo, hi, ...]` in `unionBounds`, `unionLength` of them.
  let unionLength = 0;
  for (let at = 0; at < partials; at += 1) {
    const position = startOrder[at] as number;
    const lo = partialLos[position] as number;
    const hi = partialHis[position] as number;
    const end = unionLength - 1;
    if (end > 0 && lo <= (unionBounds[end] as number) + 1) {
      if (hi > (unionBounds[end] as number)) unionBounds[end] = hi;
    } else {
      unionBounds[unionLength++] = lo;
      unionBounds[unionLength++] = hi;
    }
  }
  const worldFromPartial = unionLength === 2 && unionBounds[0] === first && unionBounds[1] === last;
  let broadLength = 0;
  if (!worldFromPartial) {
    const space = numericSpace(options.publicSpace);
    // Each broad run ends a run of the union or of the space: at most this many bounds.
    if (broadBounds.length < unionLength + space.length) broadBounds = new Float64Array(unionLength + space.length);
    let i = 0;
    let j = 0;
    while (i < unionLength && j < space.length) {
      const lo = Math.max(unionBounds[i] as number, space[j] as number);
      const hi = Math.min(unionBounds[i + 1] as number, space[j + 1] as number);
      if (lo <= hi && hi - lo + 1 > broadSize) {
        broadBounds[broadLength++] = lo;
        broadBounds[broadLength++] = hi;
      }
      if ((unionBounds[i + 1] as number) < (space[j + 1] as number)) i += 2;
      else j += 2;
    }
    if (broadLength === 0) return keptIndexes(facts);
  }
  for (let position = 0; position < partials; position += 1) {
    if (
      worldFromPartial ||
      meetsRun(broadBounds, broadLength, partialLos[position] as number, partialHis[position] as number)
    ) {
      keptMarks[partialIndexes[position] as number] = 1;
    }
  }
  return keptIndexes(facts);
}

/** True when `lo`..`hi` meets one of the first `length` bounds of the runs `[lo, hi, lo, hi, ...]`. */
function meetsRun(runs: Float64Array, length: number, lo: number, hi: number): boolean {
  for (let k = 0; k < length; k += 2) {
    if (lo <= (runs[k + 1] as number) && (runs[k] as number) <= hi) return true;
  }
  return false;
}

/** Two ascending index lists with the same entries. */
function sameIndexes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** Marks of protocol breakpoints, reused across calls (cleared after each use). */
const protocolMarks = new Uint8Array(257);

/**
 * The protocol slices of `boxes`: the elementary protocol intervals between
 * the breakpoints of every box (not only the kept ones, as the slices are
 * the protocol ranges of the cells), as start points with 256 at the end.
 */
function protocolSlices(boxes: readonly Box[]): number[] {
  protocolMarks[0] = 1;
  protocolMarks[256] = 1;
  for (const box of boxes) {
    protocolMarks[box.protocol.lo] = 1;
    protocolMarks[box.protocol.hi + 1] = 1;
  }
  const points: number[] = [];
  for (let protocol = 0; protocol <= 256; protocol += 1) {
    if (protocolMarks[protocol] === 1) {
      points.push(protocol);
      protocolMarks[protocol] = 0;
    }
  }
  return points;
}

type Verdict = ReturnType<typeof classify>;

/**
 * Appends the cell of the detail range `at`..`end - 1` with `verdict`,
 * merged with the previous cell when adjacent with the same kind and
 * contributors.
 */
function appendCell(
  cells: ExposureCell[],
  verdict: NonNullable<Verdict>,
  protocol: Interval,
  at: number,
  end: number,
): void {
  const detail = { lo: at, hi: end - 1 };
  const last = cells[cells.length - 1];
  if (
    last !== undefined &&
    last.kind === verdict.kind &&
    last.protocol.lo === protocol.lo &&
    last.detail.hi + 1 === detail.lo &&
    sameIndexes(last.contributors, verdict.contributors)
  ) {
    last.detail = { lo: last.detail.lo, hi: detail.hi };
    if (verdict.runs.length > 0) last.runs = mergeIntervals([...last.runs, ...verdict.runs]);
  } else {
    const { kind, contributors, runs } = verdict;
    cells.push({ kind, protocol, detail, contributors, runs });
  }
}

/** Up to this many boxes a slice is swept by `sweepByScan`. */
const SCAN_SWEEP = 16;

/** The detail breakpoints of a scanned sweep (two per box and the axis ends), reused. */
const SWEEP_POINTS = new Int32Array(2 * SCAN_SWEEP + 2);

/**
 * `sweepDetails` for a few boxes, without maps or sets: the breakpoints
 * are sorted natively in reused storage, and the boxes active on each
 * elementary range are found by a scan of `relevant`, which gives the
 * same ascending list the incremental sweep keeps (the boxes whose detail
 * range holds the range's start).
 */
function sweepByScan(
  boxes: readonly Box[],
  relevant: readonly number[],
  protocol: Interval,
  cells: ExposureCell[],
  judge: (active: readonly number[]) => Verdict | false,
): boolean {
  let count = 0;
  SWEEP_POINTS[count++] = 0;
  SWEEP_POINTS[count++] = 65536;
  for (let at = 0; at < relevant.length; at += 1) {
    const { detail } = boxes[relevant[at] as number] as Box;
    SWEEP_POINTS[count++] = detail.lo;
    SWEEP_POINTS[count++] = detail.hi + 1;
  }
  const points = SWEEP_POINTS.subarray(0, count).sort();
  // One list for every range: the judge keeps no reference to it.
  const active: number[] = [];
  for (let d = 0; d + 1 < count; d += 1) {
    const at = points[d] as number;
    const end = points[d + 1] as number;
    if (at === end) continue;
    active.length = 0;
    for (let position = 0; position < relevant.length; position += 1) {
      const index = relevant[position] as number;
      const { detail } = boxes[index] as Box;
      if (detail.lo <= at && at <= detail.hi) active.push(index);
    }
    if (active.length === 0) continue;
    const verdict = judge(active);
    if (verdict === false) return false;
    if (verdict !== undefined) appendCell(cells, verdict, protocol, at, end);
  }
  return true;
}

/** Marks of the boxes ending at a detail breakpoint, by index, reused (cleared after each use). */
let endingMarks = new Uint8Array(64);

/**
 * Sweeps the detail axis of one protocol slice over the relevant boxes,
 * judging each elementary detail range with the rules active on it
 * (ascending) and appending the cells, merged with the previous one when
 * adjacent with the same kind and contributors. False when `judge`
 * reports that the budget ran out.
 */
function sweepDetails(
  boxes: readonly Box[],
  relevant: readonly number[],
  protocol: Interval,
  cells: ExposureCell[],
  judge: (active: readonly number[]) => Verdict | false,
): boolean {
  if (relevant.length <= SCAN_SWEEP) return sweepByScan(boxes, relevant, protocol, cells, judge);
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

  // The active list is updated in place (the judge keeps no reference to it):
  // the ending boxes are marked and dropped in one pass, the starting ones
  // merged into the spare list, which then becomes the active one.
  let active: number[] = [];
  let spare: number[] = [];
  if (endingMarks.length < boxes.length) endingMarks = new Uint8Array(boxes.length * 2);
  for (let d = 0; d + 1 < detailPoints.length; d += 1) {
    const at = detailPoints[d] as number;
    const ending = ends.get(at);
    if (ending !== undefined) {
      for (const index of ending) endingMarks[index] = 1;
      let left = 0;
      for (let position = 0; position < active.length; position += 1) {
        const index = active[position] as number;
        if (endingMarks[index] !== 1) active[left++] = index;
      }
      active.length = left;
      for (const index of ending) endingMarks[index] = 0;
    }
    const starting = starts.get(at);
    if (starting !== undefined) {
      mergeSortedInto(spare, active, starting);
      [active, spare] = [spare, active];
    }
    if (active.length === 0) continue;
    const verdict = judge(active);
    if (verdict === false) return false;
    if (verdict !== undefined) appendCell(cells, verdict, protocol, at, detailPoints[d + 1] as number);
  }
  return true;
}

/**
 * Exposure of the traffic allowed by `boxes` (one direction and family).
 * Cells come sorted by protocol then detail; adjacent cells with the same
 * kind and contributors are merged. Returns undefined when the budget ran
 * out (the caller must then not claim anything).
 *
 * Only the boxes that can matter are swept. The budget is charged as if
 * every box were looked at in every protocol slice (one charge up front
 * for all slices), so the work bound does not depend on the shortcut.
 */
export function computeExposure(
  boxes: readonly Box[],
  options: ExposureOptions,
  budget?: WorkBudget,
): ExposureCell[] | undefined {
  const cells: ExposureCell[] = [];
  const facts = addressParts(boxes, options.addresses);
  const worldSize = options.addresses.hi - options.addresses.lo + 1n;
  const kept =
    options.addresses.hi < NUMERIC_LIMIT
      ? rulesThatCanMatterNumeric(facts, options)
      : rulesThatCanMatter(facts, options, worldSize);
  if (kept.length === 0) return cells;
  const sizes: (PartSize | undefined)[] = new Array(boxes.length);
  for (const index of kept) {
    const part = facts.parts[index];
    if (facts.full[index] !== true && part !== undefined) sizes[index] = partSize(part, options.publicSpace);
  }
  const protocolPoints = protocolSlices(boxes);
  if (!spend(budget, (protocolPoints.length - 1) * boxes.length)) return undefined;

  for (let p = 0; p + 1 < protocolPoints.length; p += 1) {
    const protocol = { lo: protocolPoints[p] as number, hi: (protocolPoints[p + 1] as number) - 1 };
    const relevant = kept.filter((index) => {
      const box = (boxes[index] as Box).protocol;
      return box.lo <= protocol.lo && protocol.hi <= box.hi;
    });
    if (relevant.length === 0) continue;
    if (relevant.length === 1) {
      // One box in the slice: its detail range is the only cell, judged once.
      const index = relevant[0] as number;
      if (!spend(budget, 1)) return undefined;
      const verdict = classify(facts, sizes, relevant, options, worldSize);
      const { detail } = boxes[index] as Box;
      if (verdict !== undefined) {
        const { kind, contributors, runs } = verdict;
        cells.push({ kind, protocol, detail: { lo: detail.lo, hi: detail.hi }, contributors, runs });
      }
      continue;
    }
    if (!sweepDetails(boxes, relevant, protocol, cells, (active) => {
      if (!spend(budget, active.length)) return false;
      return classify(facts, sizes, active, options, worldSize);
    })) {
      return undefined;
    }
  }
  return cells;
}
