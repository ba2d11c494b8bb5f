/**
 * The few boxes of one part of one group (a direction and family), held
 * in flat arrays for `findRedundant`: queries scan every box, compare the
 * protocol and detail as numbers first and touch the bigint remote bounds
 * only for the boxes that pass, and allocate nothing but their answer.
 */
import type { Box } from './space.js';

/** Numbers kept per box: protocol lo/hi, detail lo/hi. */
const STRIDE = 4;

export class MemberScan {
  /** The members in ascending order; a box's position is its place here. */
  readonly members: number[];
  /** 1 while a position is still in the pool of boxes that may cover others. */
  readonly alive: number[];
  private readonly bounds: number[] = [];
  private readonly remoteLo: bigint[] = [];
  private readonly remoteHi: bigint[] = [];

  constructor(boxes: readonly Box[], members: readonly number[]) {
    const ascending = members.every((member, at) => at === 0 || (members[at - 1] as number) < member);
    this.members = ascending ? [...members] : [...members].sort((a, b) => a - b);
    this.alive = [];
    for (const member of this.members) {
      const { protocol, detail, remote } = boxes[member] as Box;
      this.bounds.push(protocol.lo, protocol.hi, detail.lo, detail.hi);
      this.remoteLo.push(remote.lo);
      this.remoteHi.push(remote.hi);
      this.alive.push(1);
    }
  }

  /** True when a live box other than `skip` holds the point. */
  holds(skip: number, protocol: number, detail: number, remote: bigint): boolean {
    const { bounds, alive } = this;
    for (let position = 0; position < alive.length; position += 1) {
      const at = position * STRIDE;
      if (
        (bounds[at] as number) <= protocol &&
        protocol <= (bounds[at + 1] as number) &&
        (bounds[at + 2] as number) <= detail &&
        detail <= (bounds[at + 3] as number) &&
        alive[position] === 1 &&
        position !== skip &&
        (this.remoteLo[position] as bigint) <= remote &&
        remote <= (this.remoteHi[position] as bigint)
      ) {
        return true;
      }
    }
    return false;
  }

  /**
   * Positions, ascending, of the live boxes other than `skip` that meet
   * the box of `query`'s protocol and detail and the remote `lo`..`hi`;
   * with `first`, only the first such position (or none).
   */
  meeting(skip: number, query: Box, lo: bigint, hi: bigint, first = false): number[] {
    const { bounds, alive } = this;
    const { protocol, detail } = query;
    const found: number[] = [];
    for (let position = 0; position < alive.length; position += 1) {
      const at = position * STRIDE;
      if (
        (bounds[at] as number) <= protocol.hi &&
        protocol.lo <= (bounds[at + 1] as number) &&
        (bounds[at + 2] as number) <= detail.hi &&
        detail.lo <= (bounds[at + 3] as number) &&
        alive[position] === 1 &&
        position !== skip &&
        (this.remoteLo[position] as bigint) <= hi &&
        lo <= (this.remoteHi[position] as bigint)
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
    for (let position = 0; position < alive.length; position += 1) {
      const at = position * STRIDE;
      if (
        (bounds[at] as number) <= protocol.lo &&
        protocol.hi <= (bounds[at + 1] as number) &&
        (bounds[at + 2] as number) <= detail.lo &&
        detail.hi <= (bounds[at + 3] as number) &&
        alive[position] === 1 &&
        position !== skip &&
        (this.remoteLo[position] as bigint) <= remote.lo &&
        remote.hi <= (this.remoteHi[position] as bigint)
      ) {
        return position;
      }
    }
    return -1;
  }
}
