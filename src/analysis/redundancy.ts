/**
 * Duplicate and redundant rules, decided on traffic sets: a rule is
 * redundant when the other rules of its group, alone or together, already
 * allow all of its traffic.
 */
import { boxContains, boxVolume, boxesIntersect, isCovered, spendBudget, type WorkBudget } from './box.js';
import type { Box } from './space.js';

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

/** Finds boxes that intersect a query box, among those still in the pool. */
class IntersectionIndex {
  private readonly order: number[];
  private readonly prefixMaxHi: bigint[];

  constructor(private readonly boxes: readonly Box[], members: readonly number[]) {
    this.order = [...members].sort((a, b) => {
      const x = (boxes[a] as Box).remote.lo;
      const y = (boxes[b] as Box).remote.lo;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    this.prefixMaxHi = [];
    let max = -1n;
    for (const index of this.order) {
      const hi = (boxes[index] as Box).remote.hi;
      if (hi > max) max = hi;
      this.prefixMaxHi.push(max);
    }
  }

  /**
   * Indexes of pool members whose boxes intersect `query`; undefined when
   * the budget ran out while scanning.
   */
  intersecting(query: Box, pool: ReadonlySet<number>, budget?: WorkBudget): number[] | undefined {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.boxes[this.order[middle] as number] as Box).remote.lo <= query.remote.hi) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    let scanned = 0;
    for (let position = low - 1; position >= 0; position -= 1) {
      if ((this.prefixMaxHi[position] as bigint) < query.remote.lo) break;
      scanned += 1;
      const index = this.order[position] as number;
      if (pool.has(index) && boxesIntersect(this.boxes[index] as Box, query)) found.push(index);
    }
    if (!spendBudget(budget, scanned)) return undefined;
    return found.sort((a, b) => a - b);
  }
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
 * same. A question the budget cannot answer counts as "not redundant";
 * once the budget is spent no further rule is judged (every step, the
 * candidate scan included, is charged to it).
 */
export function findRedundant(
  boxes: readonly Box[],
  members: readonly number[],
  budget?: WorkBudget,
): Redundancy[] {
  const pool = new Set(members);
  const index = new IntersectionIndex(boxes, members);
  const volumes = new Map(members.map((member) => [member, boxVolume(boxes[member] as Box)]));
  const order = [...members].sort((a, b) => {
    const x = volumes.get(a) as bigint;
    const y = volumes.get(b) as bigint;
    return x < y ? -1 : x > y ? 1 : b - a;
  });

  const found: Redundancy[] = [];
  for (const member of order) {
    const target = boxes[member] as Box;
    const candidates = index.intersecting(target, pool, budget);
    if (candidates === undefined) break;
    const others = candidates.filter((other) => other !== member);
    if (others.length === 0) continue;
    // The candidates are sorted below: charge that, not only the containment test.
    if (!spendBudget(budget, others.length * Math.ceil(Math.log2(others.length + 1)))) break;

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
    if (isCovered(target, bySize.map((other) => boxes[other] as Box), budget)) {
      found.push({ index: member, coveredBy: others });
      pool.delete(member);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
