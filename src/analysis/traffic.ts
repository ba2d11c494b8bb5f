/**
 * Turns a normalized rule into the box of traffic it allows.
 */
import type { Interval, SecurityGroupRule } from '../model/types.js';
import { ICMP_PROTOCOLS, PORT_PROTOCOLS } from '../model/protocols.js';
import { DETAIL_AXIS, GroupAtoms, PROTOCOL_AXIS, everyRemote, type BigInterval, type Box } from './space.js';

/** One shared interval per protocol number (boxes are never modified, so they may share intervals). */
const SINGLE_PROTOCOLS: readonly Interval[] = Array.from({ length: 256 }, (_, protocol) => ({
  lo: protocol,
  hi: protocol,
}));

/** The whole remote axis per family, shared like the protocol intervals. */
const EVERY_REMOTE: Readonly<Record<4 | 6, BigInterval>> = { 4: everyRemote(4), 6: everyRemote(6) };

/** The traffic box of an analysable rule. */
export function ruleBox(rule: SecurityGroupRule, atoms: GroupAtoms): Box {
  const protocol =
    rule.protocol === null
      ? PROTOCOL_AXIS
      : (SINGLE_PROTOCOLS[rule.protocol] ?? { lo: rule.protocol, hi: rule.protocol });

  let detail = DETAIL_AXIS;
  if (rule.protocol !== null && PORT_PROTOCOLS.has(rule.protocol) && rule.ports !== null) {
    detail = rule.ports;
  } else if (rule.protocol !== null && ICMP_PROTOCOLS.has(rule.protocol) && rule.icmp !== null) {
    const point = rule.icmp.type * 256 + rule.icmp.code;
    detail = { lo: point, hi: point };
  }

  let remote;
  switch (rule.remote.kind) {
    case 'every':
      remote = EVERY_REMOTE[rule.family];
      break;
    case 'cidr':
      remote = { lo: rule.remote.lo, hi: rule.remote.hi };
      break;
    case 'group':
      remote = atoms.atom(rule.family, rule.remote.groupId);
      break;
  }
  return { protocol, detail, remote };
}

/** A stable text form of a rule's traffic, independent of ids, descriptions and JSON layout. */
export function trafficKey(rule: SecurityGroupRule): string {
  const protocol = rule.protocol === null ? 'any' : String(rule.protocol);
  let detail = '*';
  if (rule.protocol !== null && PORT_PROTOCOLS.has(rule.protocol) && rule.ports !== null) {
    detail = `${rule.ports.lo}-${rule.ports.hi}`;
  } else if (rule.protocol !== null && ICMP_PROTOCOLS.has(rule.protocol) && rule.icmp !== null) {
    detail = `icmp${rule.icmp.type}/${rule.icmp.code}`;
  }
  let remote: string;
  switch (rule.remote.kind) {
    case 'every':
      remote = 'every';
      break;
    case 'cidr':
      remote = `${rule.remote.network}/${rule.remote.prefix}`;
      break;
    case 'group':
      remote = `group:${rule.remote.groupId}`;
      break;
  }
  return `${rule.direction}|IPv${rule.family}|${protocol}|${detail}|${remote}`;
}

/** Orders two optional pairs: absent first, then by the first value, then the second. */
function comparePairs(a: number | undefined, a2: number, b: number | undefined, b2: number): number {
  if (a === undefined || b === undefined) return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  return a !== b ? a - b : a2 - b2;
}

/** Orders the detail parts of `trafficKey` of two rules with the same protocol. */
function compareDetails(a: SecurityGroupRule, b: SecurityGroupRule): number {
  const protocol = a.protocol;
  if (protocol === null) return 0;
  if (PORT_PROTOCOLS.has(protocol)) {
    return comparePairs(a.ports?.lo, a.ports?.hi ?? 0, b.ports?.lo, b.ports?.hi ?? 0);
  }
  if (ICMP_PROTOCOLS.has(protocol)) {
    return comparePairs(a.icmp?.type, a.icmp?.code ?? 0, b.icmp?.type, b.icmp?.code ?? 0);
  }
  return 0;
}

const REMOTE_KINDS = { every: 0, cidr: 1, group: 2 } as const;

function compareRemotes(a: SecurityGroupRule['remote'], b: SecurityGroupRule['remote']): number {
  if (a.kind !== b.kind) return REMOTE_KINDS[a.kind] - REMOTE_KINDS[b.kind];
  if (a.kind === 'cidr' && b.kind === 'cidr') {
    // The network text is formatted from `lo` and the prefix, so these two decide it.
    if (a.prefix !== b.prefix) return a.prefix - b.prefix;
    return a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0;
  }
  if (a.kind === 'group' && b.kind === 'group') {
    return a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
  }
  return 0;
}

/**
 * Orders rules by their traffic without building `trafficKey` strings:
 * 0 exactly when the two keys are equal (a consistent order otherwise).
 */
export function compareTraffic(a: SecurityGroupRule, b: SecurityGroupRule): number {
  if (a.direction !== b.direction) return a.direction < b.direction ? -1 : 1;
  if (a.family !== b.family) return a.family - b.family;
  if (a.protocol !== b.protocol) return (a.protocol ?? -1) - (b.protocol ?? -1);
  return compareDetails(a, b) || compareRemotes(a.remote, b.remote);
}
