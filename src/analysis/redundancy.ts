/**
 * Duplicate and redundant rules, decided on traffic sets: a rule is
 * redundant when the other rules of its group, alone or together, already
 * allow all of its traffic.
 */
import { boxContains, boxVolume, coveringSubset, type WorkBudget } from './box.js';
import { BoxIndex } from './box-index.js';
import type { BigInterval, Box } from './space.js';

/**
 * Finds rules whose traffic equals an earlier rule's. Returns, for each
 * later duplicate, the index of the first rule with the same traffic.
 */
export function findDuplicates(keys: readonly string[]): Map<number, number> {
  const first = new Map<string, number>();
  const duplicates = new Map<number, number>();
  keys.forEach((key, index) => {
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else duplicates.set(index, earlier);
  });
  return duplicates;
}

export interface Redundancy {
  index: number;
  /** The rules that together cover it. */
  coveredBy: number[];
}

/**
 * Rules among `members` whose traffic the remaining members already allow.
 * Smaller rules are judged first and leave the pool when found redundant,
 * so removing every reported rule together keeps the allowed traffic the
 * same. With `addresses` (see `isCovered`), a group atom also counts as
 * covered where the others hold every address. `coveredBy` lists the rules
 * the proof used: their union alone covers the rule. A question the budget
 * cannot answer counts as "not redundant".
 */
export function findRedundant(
  boxes: readonly Box[],
  members: readonly number[],
  budget?: WorkBudget,
  addresses?: BigInterval,
): Redundancy[] {
  const pool = new Set(members);
  const index = new BoxIndex(boxes, members);
  const volumes = new Map(members.map((member) => [member, boxVolume(boxes[member] as Box)]));
  const order = [...members].sort((a, b) => {
    const x = volumes.get(a) as bigint;
    const y = volumes.get(b) as bigint;
    return x < y ? -1 : x > y ? 1 : b - a;
  });

  const found: Redundancy[] = [];
  for (const member of order) {
    const target = boxes[member] as Box;
    const query =
      addresses !== undefined && target.remote.hi > addresses.hi
        ? { ...target, remote: { lo: addresses.lo, hi: target.remote.hi } }
        : target;
    const others = index.intersecting(query, (other) => other !== member && pool.has(other));
    if (others.length === 0) continue;

    const container = others.find((other) => boxContains(boxes[other] as Box, target));
    if (container !== undefined) {
      found.push({ index: member, coveredBy: [container] });
      pool.delete(member);
      continue;
    }
    const bySize = [...others].sort((a, b) => {
      const x = volumes.get(a) as bigint;
      const y = volumes.get(b) as bigint;
      return x > y ? -1 : x < y ? 1 : a - b;
    });
    const used = coveringSubset(target, bySize.map((other) => boxes[other] as Box), budget, addresses);
    if (used !== undefined) {
      found.push({ index: member, coveredBy: used.map((position) => bySize[position] as number).sort((a, b) => a - b) });
      pool.delete(member);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
