/**
 * Turns a normalized rule into the box of traffic it allows.
 */
import type { SecurityGroupRule } from '../model/types.js';
import { ICMP_PROTOCOLS, PORT_PROTOCOLS } from '../model/protocols.js';
import { DETAIL_AXIS, GroupAtoms, PROTOCOL_AXIS, everyRemote, type Box } from './space.js';

/** The traffic box of an analysable rule. */
export function ruleBox(rule: SecurityGroupRule, atoms: GroupAtoms): Box {
  const protocol =
    rule.protocol === null ? PROTOCOL_AXIS : { lo: rule.protocol, hi: rule.protocol };

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
      remote = everyRemote(rule.family);
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
