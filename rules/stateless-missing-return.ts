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
        report({
          rule,
          message:
            `replies to this ${rule.direction} rule are not allowed in stateless group "${group.name}": ` +
            `add an ${reverse} rule for ${what} ${way} ${describeRemote(rule)}`,
        });
      }
    }
  },
});
