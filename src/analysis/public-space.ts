/**
 * Public address space: every address outside the special-purpose ranges
 * (IANA special-purpose registries) and outside the user's trusted ranges.
 */
import type { Family } from '../model/types.js';
import { parseCidr } from './cidr.js';
import { addressSpace, type BigInterval } from './space.js';

const SPECIAL_V4 = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // private
  '100.64.0.0/10', // shared address space (CGNAT)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation
  '192.88.99.0/24', // 6to4 relay anycast (deprecated)
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation
  '203.0.113.0/24', // documentation
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved and limited broadcast
];

const SPECIAL_V6 = [
  '::/3', // unspecified, loopback, IPv4-mapped, NAT64 and other non-global space
  '4000::/2', // unassigned
  '8000::/1', // unassigned, unique-local fc00::/7, link-local fe80::/10, multicast ff00::/8
  '2001::/23', // IETF protocol assignments
  '2001:db8::/32', // documentation
  '2002::/16', // 6to4
  '3fff::/20', // documentation
];

/** Sorted, merged intervals. */
export function mergeIntervals(intervals: readonly BigInterval[]): BigInterval[] {
  const sorted = [...intervals].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const merged: BigInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.lo <= last.hi + 1n) {
      if (interval.hi > last.hi) last.hi = interval.hi;
    } else {
      merged.push({ lo: interval.lo, hi: interval.hi });
    }
  }
  return merged;
}

/** `base` minus the union of `holes`, both as sorted disjoint intervals. */
export function subtractIntervals(base: readonly BigInterval[], holes: readonly BigInterval[]): BigInterval[] {
  const mergedHoles = mergeIntervals(holes);
  const result: BigInterval[] = [];
  for (const interval of base) {
    let lo = interval.lo;
    for (const hole of mergedHoles) {
      if (hole.hi < lo || hole.lo > interval.hi) continue;
      if (hole.lo > lo) result.push({ lo, hi: hole.lo - 1n });
      lo = hole.hi + 1n;
      if (lo > interval.hi) break;
    }
    if (lo <= interval.hi) result.push({ lo, hi: interval.hi });
  }
  return result;
}

/** Intersection of two sorted disjoint interval lists. */
export function intersectIntervals(a: readonly BigInterval[], b: readonly BigInterval[]): BigInterval[] {
  const result: BigInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as BigInterval;
    const y = b[j] as BigInterval;
    const lo = x.lo > y.lo ? x.lo : y.lo;
    const hi = x.hi < y.hi ? x.hi : y.hi;
    if (lo <= hi) result.push({ lo, hi });
    if (x.hi < y.hi) i += 1;
    else j += 1;
  }
  return result;
}

const computed = new Map<string, readonly BigInterval[]>();

/**
 * The public addresses of a family as sorted disjoint intervals. The
 * result is shared between callers (memoized per family and trusted
 * ranges) and must not be modified.
 */
export function publicSpace(family: Family, trustedRanges: readonly string[] = []): readonly BigInterval[] {
  const key = `${family}|${trustedRanges.join(',')}`;
  let space = computed.get(key);
  if (space === undefined) {
    space = Object.freeze(computePublicSpace(family, trustedRanges).map((run) => Object.freeze(run)));
    if (computed.size > 64) computed.clear();
    computed.set(key, space);
  }
  return space;
}

function computePublicSpace(family: Family, trustedRanges: readonly string[]): BigInterval[] {
  const special = (family === 4 ? SPECIAL_V4 : SPECIAL_V6).map((cidr) => {
    const parsed = parseCidr(cidr);
    if (parsed === undefined) throw new Error(`bad built-in range ${cidr}`);
    return { lo: parsed.lo, hi: parsed.hi };
  });
  const trusted: BigInterval[] = [];
  for (const cidr of trustedRanges) {
    const parsed = parseCidr(cidr);
    if (parsed !== undefined && parsed.family === family) trusted.push({ lo: parsed.lo, hi: parsed.hi });
  }
  return subtractIntervals([addressSpace(family)], [...special, ...trusted]);
}
