/**
 * An index that finds the boxes intersecting a query box without looking
 * at every box: boxes are bucketed by protocol (boxes spanning several
 * protocols share one extra bucket), and each bucket is an interval tree
 * on the remote axis (sorted by start, with the largest end of every
 * subtree), so a query costs O(log n + matches) per bucket it touches.
 */
import { boxesIntersect } from './box.js';
import type { Box } from './space.js';

/** A static interval tree over the remote intervals of some boxes. */
class RemoteTree {
  /** Box indexes sorted by remote start. */
  private readonly order: number[];
  /** Largest remote end in the implicit subtree rooted at each position. */
  private readonly maxHi: bigint[];

  constructor(private readonly boxes: readonly Box[], members: readonly number[]) {
    this.order = [...members].sort((a, b) => {
      const x = (boxes[a] as Box).remote.lo;
      const y = (boxes[b] as Box).remote.lo;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    this.maxHi = new Array<bigint>(this.order.length).fill(-1n);
    this.build(0, this.order.length);
  }

  private build(low: number, high: number): bigint {
    if (low >= high) return -1n;
    const middle = (low + high) >> 1;
    let max = (this.boxes[this.order[middle] as number] as Box).remote.hi;
    const left = this.build(low, middle);
    const right = this.build(middle + 1, high);
    if (left > max) max = left;
    if (right > max) max = right;
    this.maxHi[middle] = max;
    return max;
  }

  /** Adds to `found` every box that intersects `query` and passes `accept`. */
  collect(query: Box, accept: (index: number) => boolean, found: number[]): void {
    this.visit(0, this.order.length, query, accept, found);
  }

  private visit(low: number, high: number, query: Box, accept: (index: number) => boolean, found: number[]): void {
    if (low >= high) return;
    const middle = (low + high) >> 1;
    if ((this.maxHi[middle] as bigint) < query.remote.lo) return;
    this.visit(low, middle, query, accept, found);
    const index = this.order[middle] as number;
    const box = this.boxes[index] as Box;
    if (box.remote.lo > query.remote.hi) return;
    if (accept(index) && boxesIntersect(box, query)) found.push(index);
    this.visit(middle + 1, high, query, accept, found);
  }
}

const ALWAYS = (): boolean => true;

/** Below this many members a plain scan is cheaper than building trees. */
const SCAN_LIMIT = 48;

/** Finds, among `members`, the boxes that intersect a query box. */
export class BoxIndex {
  private readonly single = new Map<number, RemoteTree>();
  private readonly wide: RemoteTree | undefined;
  /** Members in ascending order, when the set is small enough to scan. */
  private readonly scan: number[] | undefined;

  constructor(private readonly boxes: readonly Box[], members: readonly number[]) {
    if (members.length <= SCAN_LIMIT) {
      this.scan = [...members].sort((a, b) => a - b);
      return;
    }
    const byProtocol = new Map<number, number[]>();
    const wide: number[] = [];
    for (const member of members) {
      const { protocol } = boxes[member] as Box;
      if (protocol.lo !== protocol.hi) {
        wide.push(member);
        continue;
      }
      const list = byProtocol.get(protocol.lo);
      if (list === undefined) byProtocol.set(protocol.lo, [member]);
      else list.push(member);
    }
    for (const [protocol, list] of byProtocol) this.single.set(protocol, new RemoteTree(boxes, list));
    this.wide = new RemoteTree(boxes, wide);
  }

  /** Indexes of the members that intersect `query` and pass `accept`, ascending. */
  intersecting(query: Box, accept: (index: number) => boolean = ALWAYS): number[] {
    const found: number[] = [];
    if (this.scan !== undefined) {
      for (const index of this.scan) {
        if (accept(index) && boxesIntersect(this.boxes[index] as Box, query)) found.push(index);
      }
      return found;
    }
    this.wide?.collect(query, accept, found);
    if (query.protocol.hi - query.protocol.lo < this.single.size) {
      for (let protocol = query.protocol.lo; protocol <= query.protocol.hi; protocol += 1) {
        this.single.get(protocol)?.collect(query, accept, found);
      }
    } else {
      for (const [protocol, tree] of this.single) {
        if (query.protocol.lo <= protocol && protocol <= query.protocol.hi) tree.collect(query, accept, found);
      }
    }
    return found.sort((a, b) => a - b);
  }
}
