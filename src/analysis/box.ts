/**
 * Exact set operations on traffic boxes (see `space.ts`). Subtraction
 * splits along one axis at a time, so the pieces are disjoint and their
 * union is exactly the difference.
 */
import type { Interval } from '../model/types.js';
import type { BigInterval, Box } from './space.js';

export function intervalsIntersect(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

export function bigIntervalsIntersect(a: BigInterval, b: BigInterval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return (
    intervalsIntersect(a.protocol, b.protocol) &&
    intervalsIntersect(a.detail, b.detail) &&
    bigIntervalsIntersect(a.remote, b.remote)
  );
}

/** True when `outer` contains every point of `inner`. */
export function boxContains(outer: Box, inner: Box): boolean {
  return (
    outer.protocol.lo <= inner.protocol.lo &&
    inner.protocol.hi <= outer.protocol.hi &&
    outer.detail.lo <= inner.detail.lo &&
    inner.detail.hi <= outer.detail.hi &&
    outer.remote.lo <= inner.remote.lo &&
    inner.remote.hi <= outer.remote.hi
  );
}

export function boxesEqual(a: Box, b: Box): boolean {
  return (
    a.protocol.lo === b.protocol.lo &&
    a.protocol.hi === b.protocol.hi &&
    a.detail.lo === b.detail.lo &&
    a.detail.hi === b.detail.hi &&
    a.remote.lo === b.remote.lo &&
    a.remote.hi === b.remote.hi
  );
}

/** The common part of two boxes, or undefined when they are disjoint. */
export function intersectBoxes(a: Box, b: Box): Box | undefined {
  if (!boxesIntersect(a, b)) return undefined;
  return {
    protocol: {
      lo: Math.max(a.protocol.lo, b.protocol.lo),
      hi: Math.min(a.protocol.hi, b.protocol.hi),
    },
    detail: { lo: Math.max(a.detail.lo, b.detail.lo), hi: Math.min(a.detail.hi, b.detail.hi) },
    remote: {
      lo: a.remote.lo > b.remote.lo ? a.remote.lo : b.remote.lo,
      hi: a.remote.hi < b.remote.hi ? a.remote.hi : b.remote.hi,
    },
  };
}

/**
 * `a` minus `b`, as at most six disjoint boxes. The pieces are built from
 * the bounds directly, sharing `a`'s intervals where they are whole
 * (intervals are never modified): no intermediate boxes.
 */
export function subtractBox(a: Box, b: Box): Box[] {
  if (!boxesIntersect(a, b)) return [a];
  const { protocol, detail, remote } = a;
  // The common part's bounds: the protocol and detail intervals of `a` kept where `b` holds them whole.
  const protocolLo = Math.max(protocol.lo, b.protocol.lo);
  const protocolHi = Math.min(protocol.hi, b.protocol.hi);
  const detailLo = Math.max(detail.lo, b.detail.lo);
  const detailHi = Math.min(detail.hi, b.detail.hi);
  const remoteLo = remote.lo > b.remote.lo ? remote.lo : b.remote.lo;
  const remoteHi = remote.hi < b.remote.hi ? remote.hi : b.remote.hi;
  const pieces: Box[] = [];

  if (protocol.lo < protocolLo) pieces.push({ protocol: { lo: protocol.lo, hi: protocolLo - 1 }, detail, remote });
  if (protocolHi < protocol.hi) pieces.push({ protocol: { lo: protocolHi + 1, hi: protocol.hi }, detail, remote });
  const commonProtocol =
    protocolLo === protocol.lo && protocolHi === protocol.hi ? protocol : { lo: protocolLo, hi: protocolHi };

  if (detail.lo < detailLo) {
    pieces.push({ protocol: commonProtocol, detail: { lo: detail.lo, hi: detailLo - 1 }, remote });
  }
  if (detailHi < detail.hi) {
    pieces.push({ protocol: commonProtocol, detail: { lo: detailHi + 1, hi: detail.hi }, remote });
  }
  if (remote.lo < remoteLo || remoteHi < remote.hi) {
    const commonDetail = detailLo === detail.lo && detailHi === detail.hi ? detail : { lo: detailLo, hi: detailHi };
    if (remote.lo < remoteLo) {
      pieces.push({ protocol: commonProtocol, detail: commonDetail, remote: { lo: remote.lo, hi: remoteLo - 1n } });
    }
    if (remoteHi < remote.hi) {
      pieces.push({ protocol: commonProtocol, detail: commonDetail, remote: { lo: remoteHi + 1n, hi: remote.hi } });
    }
  }
  return pieces;
}

/** A bound on the work one coverage question may do. */
export interface WorkBudget {
  /** Remaining box operations; when it reaches 0 the answer is "undecided". */
  remaining: number;
  /** Set when any question ran out of budget. */
  exhausted: boolean;
}

export function createBudget(operations: number): WorkBudget {
  return { remaining: operations, exhausted: false };
}

/** Charges `amount` operations; false (and `exhausted` set) when the budget ran out. */
export function spendBudget(budget: WorkBudget | undefined, amount: number): boolean {
  if (budget === undefined) return true;
  budget.remaining -= amount;
  if (budget.remaining < 0) {
    budget.exhausted = true;
    return false;
  }
  return true;
}

function spendOne(budget: WorkBudget | undefined): boolean {
  if (budget === undefined) return true;
  budget.remaining -= 1;
  if (budget.remaining < 0) {
    budget.exhausted = true;
    return false;
  }
  return true;
}

/**
 * The part of `target` outside the plain union of `covers`, or undefined
 * when the budget ran out. With `used`, adds the index of every cover that
 * took something away.
 */
function outsideUnion(
  target: Box,
  covers: readonly Box[],
  budget?: WorkBudget,
  used?: Set<number>,
): Box[] | undefined {
  let remaining: Box[] = [target];
  for (let index = 0; index < covers.length; index += 1) {
    const cover = covers[index] as Box;
    // Most covers miss every piece: the next list is made only once one is cut, from the pieces before it.
    let next: Box[] | undefined;
    for (let at = 0; at < remaining.length; at += 1) {
      const piece = remaining[at] as Box;
      if (!spendOne(budget)) return undefined;
      if (!boxesIntersect(piece, cover)) {
        next?.push(piece);
        continue;
      }
      used?.add(index);
      if (next === undefined) next = remaining.slice(0, at);
      for (const rest of subtractBox(piece, cover)) next.push(rest);
    }
    if (next === undefined) continue;
    remaining = next;
    if (remaining.length === 0) return remaining;
  }
  return remaining;
}

/** `boxes` made pairwise disjoint (same union), or undefined when the budget ran out. */
function disjoint(boxes: readonly Box[], budget?: WorkBudget): Box[] | undefined {
  const result: Box[] = [];
  for (const box of boxes) {
    const pieces = outsideUnion(box, result, budget);
    if (pieces === undefined) return undefined;
    for (const piece of pieces) result.push(piece);
  }
  return result;
}

/**
 * The group-atom part of `piece` (remote points after `addresses`) that
 * stays uncovered: an atom is covered at a protocol and detail where the
 * covers hold every address. Returns undefined when the budget ran out.
 */
function uncoveredAtoms(
  piece: Box,
  covers: readonly Box[],
  addresses: BigInterval,
  budget?: WorkBudget,
): Box[] | undefined {
  const everyAddress = { protocol: piece.protocol, detail: piece.detail, remote: addresses };
  const holes = outsideUnion(everyAddress, covers, budget);
  if (holes === undefined) return undefined;
  return disjoint(
    holes.map((hole) => ({ protocol: hole.protocol, detail: hole.detail, remote: piece.remote })),
    budget,
  );
}

/**
 * The part of `target` that no box in `covers` contains, as disjoint boxes.
 * With `addresses` (the address part of the remote axis; later points are
 * group atoms), a group atom also counts as covered wherever the covers
 * together hold every address, as "every address" includes every group.
 * Returns undefined when the budget ran out before the answer was known.
 */
export function uncoveredPart(
  target: Box,
  covers: readonly Box[],
  budget?: WorkBudget,
  addresses?: BigInterval,
): Box[] | undefined {
  const rest = outsideUnion(target, covers, budget);
  if (rest === undefined || addresses === undefined || rest.length === 0) return rest;
  const result: Box[] = [];
  for (const piece of rest) {
    if (piece.remote.hi <= addresses.hi) {
      result.push(piece);
      continue;
    }
    if (piece.remote.lo <= addresses.hi) {
      result.push({ ...piece, remote: { lo: piece.remote.lo, hi: addresses.hi } });
    }
    const firstAtom = piece.remote.lo > addresses.hi ? piece.remote.lo : addresses.hi + 1n;
    const atoms = { ...piece, remote: { lo: firstAtom, hi: piece.remote.hi } };
    const open = uncoveredAtoms(atoms, covers, addresses, budget);
    if (open === undefined) return undefined;
    for (const box of open) result.push(box);
  }
  return result;
}

/**
 * Whether the union of `covers` contains all of `target`, group atoms as
 * in `uncoveredPart` (`uncoveredPart` is empty exactly when this is true),
 * but it stops at the first piece known to be uncovered. Undefined when
 * the budget ran out before the answer was known.
 */
export function decideCovered(
  target: Box,
  covers: readonly Box[],
  budget?: WorkBudget,
  addresses?: BigInterval,
): boolean | undefined {
  const rest = outsideUnion(target, covers, budget);
  if (rest === undefined) return undefined;
  for (const piece of rest) {
    if (addresses === undefined || piece.remote.lo <= addresses.hi) return false;
    const everyAddress = { protocol: piece.protocol, detail: piece.detail, remote: addresses };
    const holes = outsideUnion(everyAddress, covers, budget);
    if (holes === undefined) return undefined;
    if (holes.length > 0) return false;
  }
  return true;
}

/**
 * True when the union of `covers` contains all of `target` (with
 * `addresses`, group atoms are also covered where the covers hold every
 * address). An answer the budget could not reach counts as "not covered":
 * the tool does not claim what it could not prove.
 */
export function isCovered(
  target: Box,
  covers: readonly Box[],
  budget?: WorkBudget,
  addresses?: BigInterval,
): boolean {
  return coveringSubset(target, covers, budget, addresses) !== undefined;
}

/**
 * When the union of `covers` contains all of `target` (group atoms as in
 * `isCovered`), the indexes of the covers that the proof used, ascending:
 * their union alone contains `target`. Otherwise, or when the budget ran
 * out, undefined.
 */
export function coveringSubset(
  target: Box,
  covers: readonly Box[],
  budget?: WorkBudget,
  addresses?: BigInterval,
): number[] | undefined {
  const used = new Set<number>();
  const rest = outsideUnion(target, covers, budget, used);
  if (rest === undefined) return undefined;
  if (rest.length > 0) {
    if (addresses === undefined) return undefined;
    for (const piece of rest) {
      if (piece.remote.lo <= addresses.hi) return undefined;
      const everyAddress = { protocol: piece.protocol, detail: piece.detail, remote: addresses };
      const holes = outsideUnion(everyAddress, covers, budget, used);
      if (holes === undefined || holes.length > 0) return undefined;
    }
  }
  return [...used].sort((a, b) => a - b);
}

/** Number of points in a box (for ordering by size). */
export function boxVolume(box: Box): bigint {
  // At most 2^24 protocol and detail points together: exact as a number.
  const plain = (box.protocol.hi - box.protocol.lo + 1) * (box.detail.hi - box.detail.lo + 1);
  return BigInt(plain) * (box.remote.hi - box.remote.lo + 1n);
}
