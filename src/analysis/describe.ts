/**
 * Human-readable text for traffic sets: `tcp/22`, `tcp/8000-8100`,
 * `every udp port`, `icmp type 8 code 0`, and the remote a finding is about.
 */
import type { Interval, SecurityGroupRule } from '../model/types.js';
import { ICMP_PROTOCOLS, PORT_PROTOCOLS, protocolText } from '../model/protocols.js';

export function formatRange(interval: Interval): string {
  return interval.lo === interval.hi ? String(interval.lo) : `${interval.lo}-${interval.hi}`;
}

/** Text for a protocol interval and a detail interval on it. */
export function describeTraffic(protocol: Interval, detail: Interval): string {
  if (protocol.lo !== protocol.hi) {
    if (protocol.lo === 0 && protocol.hi === 255) return 'every protocol';
    return `protocols ${formatRange(protocol)}`;
  }
  const name = protocolText(protocol.lo);
  const full = detail.lo === 0 && detail.hi === 65535;
  if (PORT_PROTOCOLS.has(protocol.lo)) {
    if (full || (detail.lo === 1 && detail.hi === 65535)) return `every ${name} port`;
    return `${name}/${formatRange(detail)}`;
  }
  if (ICMP_PROTOCOLS.has(protocol.lo) && !full) {
    const type = { lo: detail.lo >> 8, hi: detail.hi >> 8 };
    if (type.lo === type.hi) {
      const code = { lo: detail.lo & 255, hi: detail.hi & 255 };
      if (code.lo === 0 && code.hi === 255) return `${name} type ${type.lo}`;
      return `${name} type ${type.lo} code ${formatRange(code)}`;
    }
    return `${name} types ${formatRange(type)}`;
  }
  return name;
}

/** How a rule's remote reads in a message. */
export function describeRemote(rule: SecurityGroupRule): string {
  switch (rule.remote.kind) {
    case 'every':
      if (rule.remote.reason === 'absent') return 'every address (no ipRange)';
      return rule.family === 4 ? '0.0.0.0/0' : '::/0';
    case 'cidr':
      return rule.remote.cidr;
    case 'group':
      return `members of group ${rule.remote.groupId}`;
  }
}

/** The source of a union finding: one rule's remote, or "the union of N rules (…)". */
export function describeSources(rules: readonly SecurityGroupRule[], limit = 4): string {
  const first = rules[0];
  if (rules.length === 1 && first !== undefined) return describeRemote(first);
  const remotes = [...new Set(rules.map((rule) => describeRemote(rule)))].sort();
  const shown = remotes.slice(0, limit).join(', ');
  const more = remotes.length > limit ? `, and ${remotes.length - limit} more` : '';
  return `the union of ${rules.length} rules (${shown}${more})`;
}

/** Joins items, keeping messages short: "a, b, c and 4 more". */
export function listItems(items: readonly string[], limit = 8): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

/** How a rule is named in a message: its id, else its Terraform address, else its position. */
export function ruleLabel(rule: SecurityGroupRule): string {
  return rule.id ?? rule.source.logical ?? `#${rule.index + 1}`;
}
