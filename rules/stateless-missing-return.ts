import { z } from 'zod';
import { describeRemote, describeTraffic, formatRange } from '../src/analysis/describe.js';
import type { Box } from '../src/analysis/space.js';
import { hasProtocolName } from '../src/model/protocols.js';
import { ReplyCoverage } from '../src/analysis/replies.js';
import { defineCheck } from '../src/engine/check.js';

/**
 * The missing replies as text: named traffic one by one (`tcp/1024-65535`,
 * `gre`), protocol numbers and ranges of them gathered in one item
 * (`protocols 0, 2-5, 7-16`), as an every-protocol rule needs them.
 */
function describeReplies(missing: readonly Box[]): string {
  const named: string[] = [];
  const numbers: string[] = [];
  for (const box of missing) {
    const unnamed = box.protocol.lo !== box.protocol.hi || !hasProtocolName(box.protocol.lo);
    if (unnamed) numbers.push(formatRange(box.protocol));
    else named.push(describeTraffic(box.protocol, box.detail));
  }
  if (numbers.length > 0) {
    const one = numbers.length === 1 && !(numbers[0] as string).includes('-');
    named.push(`${one ? 'protocol' : 'protocols'} ${numbers.join(', ')}`);
  }
  return named.join(', ');
}

export default defineCheck({
  id: 'stateless-missing-return',
  description: 'A stateless group allows traffic one way but no rule allows the replies.',
  defaultSeverity: 'warning',
  tags: ['reliability', 'network'],
  securitySeverity: '2.0',
  precision: 'high',
  options: z.object({}).strict(),
  check({ model, analysis, report }) {
    for (const group of model.groups) {
      if (group.stateful || !group.rulesKnown) continue;
      const replies = new ReplyCoverage(analysis, group);
      for (const rule of group.rules) {
        if (!rule.analysable) continue;
        const missing = replies.missingReplies(rule);
        if (missing.length === 0 || replies.isReturnRule(rule)) continue;
        const reverse = rule.direction === 'ingress' ? 'egress' : 'ingress';
        const what = describeReplies(missing);
        const way = reverse === 'egress' ? 'to' : 'from';
        // The advice names the rule to add: its family when that is not the API default (IPv4),
        // and the network as the API stores it.
        const family = rule.family === 6 ? ' (ethertype IPv6)' : '';
        const remote =
          rule.remote.kind === 'cidr' ? `${rule.remote.network}/${rule.remote.prefix}` : describeRemote(rule);
        report({
          rule,
          message:
            `replies to this ${rule.direction} rule are not allowed in stateless group "${group.name}": ` +
            `add an ${reverse} rule${family} for ${what} ${way} ${remote}`,
        });
      }
    }
  },
});
