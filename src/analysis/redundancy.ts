/**
 * Duplicate and redundant rules, decided on traffic sets: a rule is
 * redundant when the other rules of its group, alone or together, already
 * allow all of its traffic.
 */
import { boxVolume, coveringSubset, spendBudget, type WorkBudget } from './box.js';
import { BoxIndex } from './box-index.js';
import { ICMP_PROTOCOLS, PORT_PROTOCOLS } from '../model/protocols.js';
import type { SecurityGroupRule } from '../model/types.js';
import type { BigInterval, Box } from './space.js';
import { isAscending } from './member-scan.js';
import { findRedundantByScan } from './redundancy-scan.js';
import { compareTraffic } from './traffic.js';

/** Up to this many distinct members, `findRedundant` scans them instead of building a `BoxIndex`. */
const SCAN_MEMBERS = 48;

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

/**
 * A number that is the same for rules with the same `trafficKey`: protocol,
 * ports or ICMP type/code, remote kind and prefix. Sorting on it first
 * leaves `compareTraffic` to the few rules that share it.
 */
function trafficSignature(rule: SecurityGroupRule): number {
  const { protocol, ports, icmp, remote } = rule;
  let detail = 0;
  if (protocol !== null && ports !== null && PORT_PROTOCOLS.has(protocol)) {
    detail = 1 + ports.lo * 65536 + ports.hi;
  } else if (protocol !== null && icmp !== null && ICMP_PROTOCOLS.has(protocol)) {
    detail = 1 + icmp.type * 256 + icmp.code;
  }
  const kind = remote.kind === 'cidr' ? remote.prefix : remote.kind === 'group' ? 200 : 201;
  return ((protocol ?? 256) * 256 + kind) * 2 ** 33 + detail;
}

/** Up to this many rules, `findDuplicateRules` compares every pair instead of sorting. */
const SCAN_DUPLICATES = 48;

/** Signatures and CIDR starts of the rules `findDuplicatesByScan` compares (reused). */
let scratch = new Float64Array(2 * SCAN_DUPLICATES);

/** The start of a rule's CIDR as a number (0 for other remotes): equal for equal starts. */
function startOf(rule: SecurityGroupRule): number {
  return rule.remote.kind === 'cidr' ? Number(rule.remote.lo) : 0;
}

/**
 * `findDuplicates` of the rules' `trafficKey`s, found without building a
 * key string per rule: by comparing every pair for a few rules, else by
 * sorting on `compareTraffic`.
 */
export function findDuplicateRules(rules: readonly SecurityGroupRule[]): Map<number, number> {
  return rules.length <= SCAN_DUPLICATES ? findDuplicatesByScan(rules) : findDuplicatesBySort(rules);
}

/**
 * `findDuplicateRules` by comparing each rule with the earlier ones: the
 * signature and start rule out most pairs as numbers, and the first
 * earlier rule with the same traffic is the first of all such rules.
 */
export function findDuplicatesByScan(rules: readonly SecurityGroupRule[]): Map<number, number> {
  const count = rules.length;
  if (scratch.length < 2 * count) scratch = new Float64Array(4 * count);
  const duplicates = new Map<number, number>();
  for (let index = 0; index < count; index += 1) {
    const rule = rules[index] as SecurityGroupRule;
    const signature = trafficSignature(rule);
    const start = startOf(rule);
    scratch[2 * index] = signature;
    scratch[2 * index + 1] = start;
    for (let earlier = 0; earlier < index; earlier += 1) {
      if (
        scratch[2 * earlier] === signature &&
        scratch[2 * earlier + 1] === start &&
        compareTraffic(rules[earlier] as SecurityGroupRule, rule) === 0
      ) {
        duplicates.set(index, earlier);
        break;
      }
    }
  }
  return duplicates;
}

/** `findDuplicateRules` by sorting on `compareTraffic`, for any number of rules. */
export function findDuplicatesBySort(rules: readonly SecurityGroupRule[]): Map<number, number> {
  const signatures = rules.map(trafficSignature);
  // The start of a CIDR, rounded: equal for equal starts, so it too only orders.
  const starts = rules.map(startOf);
  const compare = (a: number, b: number): number =>
    (signatures[a] as number) - (signatures[b] as number) ||
    (starts[a] as number) - (starts[b] as number) ||
    compareTraffic(rules[a] as SecurityGroupRule, rules[b] as SecurityGroupRule);
  const order = rules.map((_, index) => index).sort((a, b) => compare(a, b) || a - b);
  const duplicates = new Map<number, number>();
  let first = order[0] as number;
  for (let position = 1; position < order.length; position += 1) {
    const current = order[position] as number;
    if (compare(first, current) === 0) duplicates.set(current, first);
    else first = current;
  }
  if (duplicates.size < 2) return duplicates;
  return new Map([...duplicates].sort((a, b) => a[0] - b[0]));
}

/**
 * A quick necessary condition for coverage: the target's lowest and
 * highest address points must each lie in some other box. (Group atoms
 * are not probed: they may be covered through every address.)
 */
function cornersCovered(
  target: Box,
  index: BoxIndex,
  accept: (other: number) => boolean,
  addresses: BigInterval | undefined,
): boolean {
  const lastAddress = addresses === undefined ? target.remote.hi : addresses.hi;
  if (target.remote.lo > lastAddress) return true;
  const high = target.remote.hi < lastAddress ? target.remote.hi : lastAddress;
  return (
    index.holds(target.protocol.lo, target.detail.lo, target.remote.lo, accept) &&
    index.holds(target.protocol.hi, target.detail.hi, high, accept)
  );
}

/**
 * The query that finds every box that can help cover `target`. A target
 * with group atoms may be covered where other boxes hold every address,
 * so the query then widens to the addresses, but only when some box
 * holds the first address at the target's traffic: without one, no
 * protocol and port of the target has every address.
 */
function atomQuery(
  target: Box,
  index: BoxIndex,
  accept: (other: number) => boolean,
  addresses: BigInterval | undefined,
): Box {
  if (addresses === undefined || target.remote.hi <= addresses.hi) return target;
  const firstAddress = { ...target, remote: { lo: addresses.lo, hi: addresses.lo } };
  if (!index.some(firstAddress, accept)) return target;
  return { ...target, remote: { lo: addresses.lo, hi: target.remote.hi } };
}

export interface Redundancy {
  index: number;
  /** The rules that together cover it. */
  coveredBy: number[];
}

/** True when no member repeats; ascending members (as the analysis passes them) are told without a set. */
function distinct(members: readonly number[]): boolean {
  return isAscending(members) || new Set(members).size === members.length;
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
  if (members.length <= SCAN_MEMBERS && distinct(members)) {
    return findRedundantByScan(boxes, members, budget, addresses);
  }
  return findRedundantIndexed(boxes, members, budget, addresses);
}

/** `findRedundant` on a `BoxIndex`, for any number of members (exported to pin the scan against it). */
export function findRedundantIndexed(
  boxes: readonly Box[],
  members: readonly number[],
  budget?: WorkBudget,
  addresses?: BigInterval,
): Redundancy[] {
  const pool = new Set(members);
  const index = new BoxIndex(boxes, members);
  const volumes: bigint[] = [];
  for (const member of members) volumes[member] = boxVolume(boxes[member] as Box);
  const order = [...members].sort((a, b) => {
    const x = volumes[a] as bigint;
    const y = volumes[b] as bigint;
    return x < y ? -1 : x > y ? 1 : b - a;
  });

  const found: Redundancy[] = [];
  for (const member of order) {
    // Every rule judged, and every candidate found for it, is charged: the bound holds for any shape.
    if (!spendBudget(budget, 1)) break;
    const target = boxes[member] as Box;
    const accept = (other: number): boolean => other !== member && pool.has(other);
    if (!cornersCovered(target, index, accept, addresses)) continue;
    // The first other rule that contains the target alone (the first of `others` below that does).
    const container = index.firstContaining(target, accept);
    if (container !== undefined) {
      found.push({ index: member, coveredBy: [container] });
      pool.delete(member);
      continue;
    }
    const others = index.intersecting(atomQuery(target, index, accept, addresses), accept);
    if (!spendBudget(budget, others.length)) break;
    if (others.length === 0) continue;
    const bySize = [...others].sort((a, b) => {
      const x = volumes[a] as bigint;
      const y = volumes[b] as bigint;
      return x > y ? -1 : x < y ? 1 : a - b;
    });
    const used = coveringSubset(target, bySize.map((other) => boxes[other] as Box), budget, addresses);
    if (used !== undefined) {
      const coveredBy = used.map((position) => bySize[position] as number).sort((a, b) => a - b);
      found.push({ index: member, coveredBy });
      pool.delete(member);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
