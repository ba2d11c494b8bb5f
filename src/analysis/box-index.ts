/**
 * An index that finds the boxes intersecting a query box without looking
 * at every box: boxes are bucketed by protocol (boxes spanning several
 * protocols share one extra bucket), and each bucket indexes its boxes
 * by width class and start on the remote axis, or on the detail axis for
 * boxes that span every remote, so a query looks only at boxes that start
 * near it.
 */
import { boxContains, boxesIntersect } from './box.js';
import type { Box } from './space.js';

/** Which interval of a box a tree is keyed on. */
type Axis = (box: Box) => { lo: number | bigint; hi: number | bigint };
const REMOTE: Axis = (box) => box.remote;
const DETAIL: Axis = (box) => box.detail;

/** The largest bigint that converts to a number exactly. */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** Bit length of a positive integer below 2^53, exactly (no logarithms). */
function exactBitLength(value: number): number {
  return value < 2 ** 32 ? 32 - Math.clz32(value) : 64 - Math.clz32(Math.floor(value / 2 ** 32));
}

function bitLength(value: number | bigint): number {
  if (typeof value !== 'bigint') return Math.floor(Math.log2(value)) + 1;
  // Most remote widths fit a number; only wider ones pay for the binary text.
  return value <= MAX_EXACT ? exactBitLength(Number(value)) : value.toString(2).length;
}

/**
 * Boxes grouped by the width of their interval on one axis (its bit
 * length), each group sorted by start. An interval narrower than 2^c that
 * meets [a, b] starts in [a - 2^c + 1, b], so each width class needs one
 * binary search and a scan of that window, however wide the other
 * classes are.
 */
class WidthIndex {
  private readonly classes: { reach: number | bigint; order: number[]; starts: (number | bigint)[] }[] = [];

  constructor(
    private readonly boxes: readonly Box[],
    members: readonly number[],
    private readonly axis: Axis,
  ) {
    const byWidth = new Map<number, number[]>();
    for (const member of members) {
      const { lo, hi } = axis(boxes[member] as Box);
      const width =
        typeof lo === 'bigint' ? bitLength((hi as bigint) - lo + 1n) : bitLength((hi as number) - lo + 1);
      const list = byWidth.get(width);
      if (list === undefined) byWidth.set(width, [member]);
      else list.push(member);
    }
    for (const [width, list] of byWidth) {
      const order = list.sort((a, b) => {
        const x = axis(boxes[a] as Box).lo;
        const y = axis(boxes[b] as Box).lo;
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      const sample = axis(boxes[order[0] as number] as Box).lo;
      const reach = typeof sample === 'bigint' ? 1n << BigInt(width) : 2 ** width;
      this.classes.push({ reach, order, starts: order.map((member) => axis(boxes[member] as Box).lo) });
    }
  }

  /** Adds to `found` every box that intersects `query` and passes `accept`. */
  collect(query: Box, accept: (index: number) => boolean, found: number[]): void {
    const { lo, hi } = this.axis(query);
    for (const { reach, order, starts } of this.classes) {
      const from = typeof lo === 'bigint' ? lo - (reach as bigint) : (lo as number) - (reach as number);
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((starts[middle] as number | bigint) < from) low = middle + 1;
        else high = middle;
      }
      for (
        let position = low;
        position < starts.length && (starts[position] as number | bigint) <= hi;
        position += 1
      ) {
        const index = order[position] as number;
        if (accept(index) && boxesIntersect(this.boxes[index] as Box, query)) found.push(index);
      }
    }
  }

  /** Position in `starts` of the first start at or after `from`. */
  private static firstAtOrAfter(starts: readonly (number | bigint)[], from: number | bigint): number {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((starts[middle] as number | bigint) < from) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** True when some box intersects `query` and passes `accept`. */
  some(query: Box, accept: (index: number) => boolean): boolean {
    const { lo, hi } = this.axis(query);
    for (const { reach, order, starts } of this.classes) {
      const from = typeof lo === 'bigint' ? lo - (reach as bigint) : (lo as number) - (reach as number);
      for (
        let position = WidthIndex.firstAtOrAfter(starts, from);
        position < starts.length && (starts[position] as number | bigint) <= hi;
        position += 1
      ) {
        const index = order[position] as number;
        if (accept(index) && boxesIntersect(this.boxes[index] as Box, query)) return true;
      }
    }
    return false;
  }

  /** The lowest index below `best` of a box that contains `query` and passes `accept`, else `best`. */
  firstContaining(query: Box, accept: (index: number) => boolean, best: number): number {
    const { lo } = this.axis(query);
    let result = best;
    for (const { reach, order, starts } of this.classes) {
      const from = typeof lo === 'bigint' ? lo - (reach as bigint) : (lo as number) - (reach as number);
      // A box that contains the query starts at or before the query does.
      for (
        let position = WidthIndex.firstAtOrAfter(starts, from);
        position < starts.length && (starts[position] as number | bigint) <= lo;
        position += 1
      ) {
        const index = order[position] as number;
        if (index < result && accept(index) && boxContains(this.boxes[index] as Box, query)) result = index;
      }
    }
    return result;
  }
}

/**
 * The boxes of one bucket: those spanning the bucket's whole remote extent
 * (typically every address) are keyed on the detail axis, the others on
 * the remote axis, so neither kind makes the other's queries slow.
 */
class Bucket {
  private readonly byRemote: WidthIndex;
  private readonly byDetail: WidthIndex;

  constructor(boxes: readonly Box[], members: readonly number[]) {
    let lo: bigint | undefined;
    let hi: bigint | undefined;
    for (const member of members) {
      const { remote } = boxes[member] as Box;
      if (lo === undefined || remote.lo < lo) lo = remote.lo;
      if (hi === undefined || remote.hi > hi) hi = remote.hi;
    }
    const spanning = (member: number): boolean => {
      const { remote } = boxes[member] as Box;
      return remote.lo === lo && remote.hi === hi;
    };
    this.byDetail = new WidthIndex(boxes, members.filter(spanning), DETAIL);
    this.byRemote = new WidthIndex(
      boxes,
      members.filter((member) => !spanning(member)),
      REMOTE,
    );
  }

  collect(query: Box, accept: (index: number) => boolean, found: number[]): void {
    this.byDetail.collect(query, accept, found);
    this.byRemote.collect(query, accept, found);
  }

  some(query: Box, accept: (index: number) => boolean): boolean {
    return this.byDetail.some(query, accept) || this.byRemote.some(query, accept);
  }

  firstContaining(query: Box, accept: (index: number) => boolean, best: number): number {
    return this.byRemote.firstContaining(query, accept, this.byDetail.firstContaining(query, accept, best));
  }
}

const ALWAYS = (): boolean => true;

/** Below this many members a plain scan is cheaper than building trees. */
const SCAN_LIMIT = 48;

/** Finds, among `members`, the boxes that intersect a query box. */
export class BoxIndex {
  private readonly single = new Map<number, Bucket>();
  private readonly wide: Bucket | undefined;
  /** Members in ascending order, when the set is small enough to scan. */
  private readonly scan: number[] | undefined;

  constructor(
    private readonly boxes: readonly Box[],
    members: readonly number[],
  ) {
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
    for (const [protocol, list] of byProtocol) this.single.set(protocol, new Bucket(boxes, list));
    this.wide = new Bucket(boxes, wide);
  }

  /** Indexes of the members that intersect `query` and pass `accept`, ascending. */
  intersecting(query: Box, accept: (index: number) => boolean = ALWAYS): number[] {
    const found: number[] = [];
    if (this.scan !== undefined) {
      // The cheap box test first: most members miss, and `accept` may be a set lookup.
      for (const index of this.scan) {
        if (boxesIntersect(this.boxes[index] as Box, query) && accept(index)) found.push(index);
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
        if (query.protocol.lo <= protocol && protocol <= query.protocol.hi)
          tree.collect(query, accept, found);
      }
    }
    return found.sort((a, b) => a - b);
  }

  /** True when some member intersects `query` and passes `accept` (`intersecting` is not empty). */
  some(query: Box, accept: (index: number) => boolean = ALWAYS): boolean {
    if (this.scan !== undefined) {
      for (const index of this.scan) {
        if (boxesIntersect(this.boxes[index] as Box, query) && accept(index)) return true;
      }
      return false;
    }
    if (this.wide?.some(query, accept) === true) return true;
    for (const [protocol, tree] of this.single) {
      const inQuery = query.protocol.lo <= protocol && protocol <= query.protocol.hi;
      if (inQuery && tree.some(query, accept)) return true;
    }
    return false;
  }

  /** True when some member holds the point and passes `accept` (`some` of the one-point box). */
  holds(
    protocol: number,
    detail: number,
    remote: bigint,
    accept: (index: number) => boolean = ALWAYS,
  ): boolean {
    if (this.scan === undefined) {
      const point = {
        protocol: { lo: protocol, hi: protocol },
        detail: { lo: detail, hi: detail },
        remote: { lo: remote, hi: remote },
      };
      return this.some(point, accept);
    }
    for (const index of this.scan) {
      const box = this.boxes[index] as Box;
      const inside =
        box.protocol.lo <= protocol &&
        protocol <= box.protocol.hi &&
        box.detail.lo <= detail &&
        detail <= box.detail.hi &&
        box.remote.lo <= remote &&
        remote <= box.remote.hi;
      if (inside && accept(index)) return true;
    }
    return false;
  }

  /**
   * The lowest-indexed member that contains `query` and passes `accept`
   * (the first of `intersecting` that contains it), or undefined.
   */
  firstContaining(query: Box, accept: (index: number) => boolean = ALWAYS): number | undefined {
    if (this.scan !== undefined) {
      for (const index of this.scan) {
        if (boxContains(this.boxes[index] as Box, query) && accept(index)) return index;
      }
      return undefined;
    }
    let best = this.wide?.firstContaining(query, accept, Infinity) ?? Infinity;
    // A single-protocol member contains the query only when the query has that one protocol.
    if (query.protocol.lo === query.protocol.hi) {
      best = this.single.get(query.protocol.lo)?.firstContaining(query, accept, best) ?? best;
    }
    return best === Infinity ? undefined : best;
  }
}
