/**
 * The traffic space a rule matches, per direction and family: a box over
 * three axes.
 *
 * - protocol: 0..255.
 * - detail: 0..65535. For port protocols it is the destination port; for
 *   ICMP it is `type * 256 + code`; other protocols have no detail, and
 *   their rules always span the whole axis, which keeps coverage exact.
 * - remote: the addresses of the family first (0 .. 2^bits - 1), then one
 *   point per remote security group. A CIDR covers addresses only; a group
 *   atom is covered only by the same group or by every address.
 */
import type { Family, Interval } from '../model/types.js';

export interface BigInterval {
  lo: bigint;
  hi: bigint;
}

export interface Box {
  protocol: Interval;
  detail: Interval;
  remote: BigInterval;
}

export const PROTOCOL_AXIS: Interval = { lo: 0, hi: 255 };
export const DETAIL_AXIS: Interval = { lo: 0, hi: 65535 };

/** Number of group atoms the remote axis can hold after the addresses. */
const ATOM_CAPACITY = 1n << 48n;

export function addressBits(family: Family): number {
  return family === 4 ? 32 : 128;
}

/** The address part of the remote axis: every address of the family. */
export function addressSpace(family: Family): BigInterval {
  return { lo: 0n, hi: (1n << BigInt(addressBits(family))) - 1n };
}

/** The whole remote axis: every address and every group. */
export function everyRemote(family: Family): BigInterval {
  return { lo: 0n, hi: (1n << BigInt(addressBits(family))) + ATOM_CAPACITY - 1n };
}

/**
 * Gives each remote security group id one point on the remote axis, the
 * same point for the same id across a whole analysis.
 */
export class GroupAtoms {
  private readonly ids = new Map<string, bigint>();
  /** The point of each id per family, made once and shared (intervals are never modified). */
  private readonly points: Record<Family, Map<string, BigInterval>> = { 4: new Map(), 6: new Map() };

  atom(family: Family, groupId: string): BigInterval {
    const known = this.points[family].get(groupId);
    if (known !== undefined) return known;
    let index = this.ids.get(groupId);
    if (index === undefined) {
      index = BigInt(this.ids.size);
      this.ids.set(groupId, index);
    }
    const point = (1n << BigInt(addressBits(family))) + index;
    const interval = { lo: point, hi: point };
    this.points[family].set(groupId, interval);
    return interval;
  }
}
