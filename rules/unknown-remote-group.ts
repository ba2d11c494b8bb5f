import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';
import { groupNames } from '../src/model/attachments.js';

export default defineCheck({
  id: 'unknown-remote-group',
  description: 'A rule names a remote security group that is not in the (complete) input.',
  defaultSeverity: 'error',
  tags: ['correctness', 'network'],
  securitySeverity: '4.0',
  precision: 'high',
  options: z.object({}).strict(),
  check({ model, report }) {
    if (!model.complete) return;
    const known = new Set(model.groups.flatMap(groupNames));
    for (const group of model.groups) {
      for (const rule of group.rules) {
        if (rule.remote.kind !== 'group' || rule.unknown.includes('remote')) continue;
        if (known.has(rule.remote.groupId)) continue;
        report({
          rule,
          pointer: `${rule.source.pointer}/remoteSecurityGroupId`,
          message: `remoteSecurityGroupId "${rule.remote.groupId}" names no security group in the input`,
        });
      }
    }
  },
});
