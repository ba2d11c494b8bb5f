/**
 * The few boxes of one part of one group (a direction and family), held
 * in flat numbers for `findRedundant`: queries scan every box and compare
 * plain numbers. Remote bounds are kept as the nearest numbers; they are
 * exact when every bound fits 2^53 (IPv4 and its group atoms), and
 * otherwise only rule boxes out (rounding keeps order, so a bound that
 * compares wrongly as a number is wrong as a bigint too) before the
 * bigint bounds decide.
 */
import { boxVolume } from './box.js';
import type { Box } from './space.js';

/** Numbers kept per box: protocol lo/hi, detail lo/hi, remote lo/hi (rounded). */
const STRIDE = 6;

/** The largest integer a number holds exactly. */
const EXACT_LIMIT = 2 ** 53;

/** True when every entry is greater than the one before (so none repeats); a plain loop, no closure. */
export function isAscending(list: readonly number[]): boolean {
  for (let at = 1; at < list.length; at += 1) {
    if ((list[at - 1] as number) >= (list[at] as number)) return false;
  }
  return true;
}

/**
 * One scan at a time: `reset` loads a part's boxes into storage that the
 * next `reset` reuses, so judging many small parts allocates little.
 */
export class MemberScan {
  /** The members in ascending order; a box's position is its place here. */
  members: readonly number[] = [];
  /** 1 while a position is still in the pool of boxes that may cover others. */
  alive = new Uint8Array(64);
  /** The boxes of `members`, by position. */
  private boxes: Box[] = [];
  private bounds = new Float64Array(64 * STRIDE);
  /** Box volumes as numbers (exact parts) or bigints (others), by position. */
  private plainVolumes = new Float64Array(64);
  private bigVolumes: bigint[] | undefined;
  /** True when every remote bound is below 2^53, so the numbers decide alone. */
  private exact = true;
  private count = 0;

  /** Loads the boxes of `members` (which must not repeat) and makes every position alive. */
  reset(boxes: readonly Box[], members: readonly number[]): this {
    this.members = isAscending(members) ? members : [...members].sort((a, b) => a - b);
    const count = members.length;
    if (this.alive.length < count) {
      this.alive = new Uint8Array(count * 2);
      this.bounds = new Float64Array(count * 2 * STRIDE);
      this.plainVolumes = new Float64Array(count * 2);
    }
    this.count = count;
    // Boxes past `count` are left from an earlier part and never read: shrinking the list would free
    // storage that the next larger part allocates again.
    this.bigVolumes = undefined;
    let exact = true;
    const { bounds } = this;
    for (let position = 0; position < count; position += 1) {
      const box = boxes[this.members[position] as number] as Box;
      const { protocol, detail, remote } = box;
      const at = position * STRIDE;
      const remoteLo = Number(remote.lo);
      const remoteHi = Number(remote.hi);
      bounds[at] = protocol.lo;
      bounds[at + 1] = protocol.hi;
      bounds[at + 2] = detail.lo;
      bounds[at + 3] = detail.hi;
      bounds[at + 4] = remoteLo;
      bounds[at + 5] = remoteHi;
      this.boxes[position] = box;
      this.alive[position] = 1;
      if (!(remoteLo >= 0 && remoteHi < EXACT_LIMIT)) exact = false;
    }
    this.exact = exact;
    return this;
  }

  /** The box at `position`. */
  box(position: number): Box {
    return this.boxes[position] as Box;
  }

  /** True when the remote bounds of `position` hold `lo`..`hi` (`near*` are their numbers). */
  private remoteHolds(position: number, nearLo: number, nearHi: number, lo: bigint, hi: bigint): boolean {
    const at = position * STRIDE;
    if (!((this.bounds[at + 4] as number) <= nearLo && nearHi <= (this.bounds[at + 5] as number))) return false;
    if (this.exact) return true;
    const { remote } = this.boxes[position] as Box;
    return remote.lo <= lo && hi <= remote.hi;
  }

  /** True when the remote bounds of `position` meet `lo`..`hi` (`near*` are their numbers). */
  private remoteMeets(position: number, nearLo: number, nearHi: number, lo: bigint, hi: bigint): boolean {
    const at = position * STRIDE;
    if (!((this.bounds[at + 4] as number) <= nearHi && nearLo <= (this.bounds[at + 5] as number))) return false;
    if (this.exact) return true;
    const { remote } = this.boxes[position] as Box;
    return remote.lo <= hi && lo <= remote.hi;
  }

  /** True when a live box other than `skip` holds the point. */
  holds(skip: number, protocol: number, detail: number, remote: bigint): boolean {
    const { bounds, alive } = this;
    const near = Number(remote);
    for (let position = 0; position < this.count; position += 1) {
      const at = position * STRIDE;
      if (
        (bounds[at] as number) <= protocol &&
        protocol <= (bounds[at + 1] as number) &&
        (bounds[at + 2] as number) <= detail &&
        detail <= (bounds[at + 3] as number) &&
        alive[position] === 1 &&
        position !== skip &&
        this.remoteHolds(position, near, near, remote, remote)
      ) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds to `found`, ascending, the positions whose lowest corner some
   * other box holds (every box alive, as before any judging).
   */
  cornersHeld(found: number[]): number[] {
    const { bounds, count } = this;
    for (let position = 0; position < count; position += 1) {
      const at = position * STRIDE;
      const protocol = bounds[at] as number;
      const detail = bounds[at + 2] as number;
      const remote = bounds[at + 4] as number;
      for (let other = 0; other < count; other += 1) {
        const by = other * STRIDE;
        // Every bound compared without branching: which ones hold is hard to predict.
        const inside =
          (+((bounds[by + 2] as number) <= detail) &
            +(detail <= (bounds[by + 3] as number)) &
            +((bounds[by] as number) <= protocol) &
            +(protocol <= (bounds[by + 1] as number)) &
            +((bounds[by + 4] as number) <= remote) &
            +(remote <= (bounds[by + 5] as number))) ===
          1;
        if (
          inside &&
          other !== position &&
          (this.exact || this.bigHolds(other, (this.boxes[position] as Box).remote.lo))
        ) {
          found.push(position);
          break;
        }
      }
    }
    return found;
  }

  /** True when the remote bounds of the box at `position` hold `point`, compared as bigints. */
  private bigHolds(position: number, point: bigint): boolean {
    const { remote } = this.boxes[position] as Box;
    return remote.lo <= point && point <= remote.hi;
  }

  /**
   * Positions, ascending, of the live boxes other than `skip` that meet
   * the box of `query`'s protocol and detail and the remote `lo`..`hi`;
   * with `first`, only the first such position (or none).
   */
  meeting(skip: number, query: Box, lo: bigint, hi: bigint, first = false): number[] {
    const { bounds, alive } = this;
    const { protocol, detail } = query;
    const nearLo = Number(lo);
    const nearHi = Number(hi);
    const found: number[] = [];
    for (let position = 0; position < this.count; position += 1) {
      const at = position * STRIDE;
      if (
        (bounds[at] as number) <= protocol.hi &&
        protocol.lo <= (bounds[at + 1] as number) &&
        (bounds[at + 2] as number) <= detail.hi &&
        detail.lo <= (bounds[at + 3] as number) &&
        alive[position] === 1 &&
        position !== skip &&
        this.remoteMeets(position, nearLo, nearHi, lo, hi)
      ) {
        found.push(position);
        if (first) break;
      }
    }
    return found;
  }

  /** The first position of a live box other than `skip` that contains `target`, or -1. */
  firstContaining(skip: number, target: Box): number {
    const { bounds, alive } = this;
    const { protocol, detail, remote } = target;
    const nearLo = Number(remote.lo);
    const nearHi = Number(remote.hi);
    for (let position = 0; position < this.count; position += 1) {
      const at = position * STRIDE;
      if (
        (bounds[at] as number) <= protocol.lo &&
        protocol.hi <= (bounds[at + 1] as number) &&
        (bounds[at + 2] as number) <= detail.lo &&
        detail.hi <= (bounds[at + 3] as number) &&
        alive[position] === 1 &&
        position !== skip &&
        this.remoteHolds(position, nearLo, nearHi, remote.lo, remote.hi)
      ) {
        return position;
      }
    }
    return -1;
  }

  /**
   * Makes the volumes `compareSize` reads. A number volume is the exact
   * product rounded once, so rounding keeps its order; only equal numbers
   * past 2^53 fall back to the bigint volume.
   */
  measure(): void {
    const { bounds, plainVolumes } = this;
    if (!this.exact) {
      const bigVolumes: bigint[] = [];
      for (let position = 0; position < this.count; position += 1) {
        bigVolumes.push(boxVolume(this.boxes[position] as Box));
      }
      this.bigVolumes = bigVolumes;
      return;
    }
    for (let position = 0; position < this.count; position += 1) {
      const at = position * STRIDE;
      const plain =
        ((bounds[at + 1] as number) - (bounds[at] as number) + 1) *
        ((bounds[at + 3] as number) - (bounds[at + 2] as number) + 1);
      plainVolumes[position] = plain * ((bounds[at + 5] as number) - (bounds[at + 4] as number) + 1);
    }
  }

  /** Orders two positions by volume (after `measure`): negative when `a` is smaller. */
  compareSize(a: number, b: number): number {
    const big = this.bigVolumes;
    if (big !== undefined) {
      const x = big[a] as bigint;
      const y = big[b] as bigint;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = this.plainVolumes[a] as number;
    const y = this.plainVolumes[b] as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x < EXACT_LIMIT) return 0;
    const bigX = boxVolume(this.boxes[a] as Box);
    const bigY = boxVolume(this.boxes[b] as Box);
    return bigX < bigY ? -1 : bigX > bigY ? 1 : 0;
  }
}
