/**
 * `findRedundant` for a few members, on a `MemberScan` instead of a
 * `BoxIndex`: the same questions in the same order with the same answers
 * and the same charges to the work budget, only cheaper to ask.
 */
import { coveringSubset, spendBudget, type WorkBudget } from './box.js';
import { MemberScan } from './member-scan.js';
import type { Redundancy } from './redundancy.js';
import type { BigInterval, Box } from './space.js';

/** The last address point of the remote axis that a target's corners are probed at. */
function lastAddressOf(target: Box, addresses: BigInterval | undefined): bigint {
  return addresses === undefined ? target.remote.hi : addresses.hi;
}

/** `cornersCovered` of `redundancy.ts`, for the box at `position`. */
function cornersCovered(scan: MemberScan, position: number, target: Box, last: bigint): boolean {
  if (target.remote.lo > last) return true;
  const high = target.remote.hi < last ? target.remote.hi : last;
  return (
    scan.holds(position, target.protocol.lo, target.detail.lo, target.remote.lo) &&
    scan.holds(position, target.protocol.hi, target.detail.hi, high)
  );
}

/** Positions of the boxes that may help cover `target` (`atomQuery`, then `intersecting`). */
function helpers(
  scan: MemberScan,
  position: number,
  target: Box,
  addresses: BigInterval | undefined,
): number[] {
  const { lo, hi } = target.remote;
  if (addresses === undefined || hi <= addresses.hi) return scan.meeting(position, target, lo, hi);
  const first = addresses.lo;
  const widen = scan.meeting(position, target, first, first, true).length > 0;
  return scan.meeting(position, target, widen ? first : lo, hi);
}

/** Charges `amount` (when positive); false when the budget ran out. */
function charge(budget: WorkBudget | undefined, amount: number): boolean {
  return amount === 0 || spendBudget(budget, amount);
}

/** The one scan `findRedundantByScan` loads each part into (it is never nested). */
const SCAN = new MemberScan();

/**
 * Positions that are not hopeless, in the order `findRedundant` judges
 * boxes: smaller first, the later member first among equal sizes. A
 * hopeless box is one whose lowest corner no other box holds: it is not
 * covered now, nor later when the pool is smaller.
 */
function judgedInOrder(scan: MemberScan, addresses: BigInterval | undefined): number[] {
  const judged = scan.cornersHeld([]);
  if (addresses !== undefined) {
    // A box past the last address is not probed: it is judged whether or not its corner is held.
    for (let position = 0; position < scan.members.length; position += 1) {
      if (scan.box(position).remote.lo > addresses.hi && !judged.includes(position)) judged.push(position);
    }
  }
  if (judged.length === 0) return judged;
  scan.measure();
  return judged.sort((a, b) => scan.compareSize(a, b) || b - a);
}

/** The place of `position` in the judging order of every member, hopeless ones too. */
function rankOf(scan: MemberScan, position: number): number {
  let rank = 0;
  for (let other = 0; other < scan.members.length; other += 1) {
    const order = scan.compareSize(other, position) || position - other;
    if (order < 0) rank += 1;
  }
  return rank;
}

/**
 * `findRedundant` (same arguments, same result, same budget use) by
 * scanning the members. Hopeless boxes are not judged, but their units
 * are charged together with the next judged box's (or at the end): a
 * budget runs out at the same judged box either way, and only whether it
 * ran out is ever read.
 */
export function findRedundantByScan(
  boxes: readonly Box[],
  members: readonly number[],
  budget?: WorkBudget,
  addresses?: BigInterval,
): Redundancy[] {
  const scan = SCAN.reset(boxes, members);
  const judged = judgedInOrder(scan, addresses);
  const found: Redundancy[] = [];
  let charged = -1;
  for (const position of judged) {
    const rank = rankOf(scan, position);
    const units = rank - charged;
    charged = rank;
    if (!charge(budget, units)) return found.sort((a, b) => a.index - b.index);
    const member = scan.members[position] as number;
    const target = boxes[member] as Box;
    if (!cornersCovered(scan, position, target, lastAddressOf(target, addresses))) continue;
    const container = scan.firstContaining(position, target);
    if (container !== -1) {
      found.push({ index: member, coveredBy: [scan.members[container] as number] });
      scan.alive[position] = 0;
      continue;
    }
    const others = helpers(scan, position, target, addresses);
    if (!charge(budget, others.length)) return found.sort((a, b) => a.index - b.index);
    if (others.length === 0) continue;
    const bySize = others.sort((a, b) => -scan.compareSize(a, b) || a - b);
    const covers = bySize.map((other) => scan.box(other));
    const used = coveringSubset(target, covers, budget, addresses);
    if (used !== undefined) {
      const coveredBy = used.map((at) => scan.members[bySize[at] as number] as number).sort((a, b) => a - b);
      found.push({ index: member, coveredBy });
      scan.alive[position] = 0;
    }
  }
  charge(budget, scan.members.length - 1 - charged);
  return found.sort((a, b) => a.index - b.index);
}
