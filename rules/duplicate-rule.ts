import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';

export default defineCheck({
  id: 'duplicate-rule',
  description: 'Two rules of a group match exactly the same traffic.',
  defaultSeverity: 'warning',
  tags: ['maintainability', 'network'],
  securitySeverity: '2.0',
  precision: 'very-high',
  options: z.object({}).strict(),
  check({ model, analysis, report }) {
    for (const group of model.groups) {
      for (const { rule, original } of analysis.redundancy(group).duplicates) {
        const name = original.id === undefined ? `rule #${original.index + 1}` : `rule ${original.id}`;
        report({ rule, related: [original], message: `duplicates ${name}: both match the same traffic` });
      }
    }
  },
});
