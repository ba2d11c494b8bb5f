import { z } from 'zod';
import { describeRemote, describeTraffic } from '../src/analysis/describe.js';
import { ReplyCoverage } from '../src/analysis/replies.js';
import { defineCheck } from '../src/engine/check.js';

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
        const what = missing.map((box) => describeTraffic(box.protocol, box.detail)).join(', ');
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
