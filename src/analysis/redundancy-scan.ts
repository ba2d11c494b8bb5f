/**
 * `findRedundant` for a few members, on a `MemberScan` instead of a
 * `BoxIndex`: the same questions in the same order with the same answers
 * and the same charges to the work budget, only cheaper to ask.
 */
import { boxVolume, coveringSubset, spendBudget, type WorkBudget } from './box.js';
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

/**
 * Positions whose lowest corner no other box holds. Such a box is not
 * covered now, nor later when the pool is smaller, so judging it only
 * charges its one unit of budget.
 */
function hopeless(scan: MemberScan, boxes: readonly Box[], addresses: BigInterval | undefined): boolean[] {
  const result: boolean[] = [];
  scan.members.forEach((member, position) => {
    const target = boxes[member] as Box;
    const { protocol, detail, remote } = target;
    const probed = remote.lo <= lastAddressOf(target, addresses);
    result.push(probed && !scan.holds(position, protocol.lo, detail.lo, remote.lo));
  });
  return result;
}

/** Charges `amount` (when positive); false when the budget ran out. */
function charge(budget: WorkBudget | undefined, amount: number): boolean {
  return amount === 0 || spendBudget(budget, amount);
}

/**
 * `findRedundant` (same arguments, same result, same budget use) by
 * scanning the members. A hopeless box's unit is charged together with
 * the next judged box's (or at the end): a budget runs out at the same
 * judged box either way, and only whether it ran out is ever read.
 */
export function findRedundantByScan(
  boxes: readonly Box[],
  members: readonly number[],
  budget?: WorkBudget,
  addresses?: BigInterval,
): Redundancy[] {
  const scan = new MemberScan(boxes, members);
  const skip = hopeless(scan, boxes, addresses);
  if (!skip.includes(false)) {
    charge(budget, members.length);
    return [];
  }
  const volumes = scan.members.map((member) => boxVolume(boxes[member] as Box));
  const order = scan.members.map((_, position) => position);
  order.sort((a, b) => {
    const x = volumes[a] as bigint;
    const y = volumes[b] as bigint;
    return x < y ? -1 : x > y ? 1 : b - a;
  });

  const found: Redundancy[] = [];
  let pending = 0;
  for (const position of order) {
    if (skip[position] === true) {
      pending += 1;
      continue;
    }
    const units = pending + 1;
    pending = 0;
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
    const bySize = others.sort((a, b) => {
      const x = volumes[a] as bigint;
      const y = volumes[b] as bigint;
      return x > y ? -1 : x < y ? 1 : a - b;
    });
    const covers = bySize.map((other) => boxes[scan.members[other] as number] as Box);
    const used = coveringSubset(target, covers, budget, addresses);
    if (used !== undefined) {
      const coveredBy = used.map((at) => scan.members[bySize[at] as number] as number).sort((a, b) => a - b);
      found.push({ index: member, coveredBy });
      scan.alive[position] = 0;
    }
  }
  charge(budget, pending);
  return found.sort((a, b) => a.index - b.index);
}
