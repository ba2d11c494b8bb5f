import { z } from 'zod';
import { ruleLabel } from '../src/analysis/describe.js';
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
        const name = `rule ${ruleLabel(original)}`;
        report({ rule, related: [original], message: `duplicates ${name}: both match the same traffic` });
      }
    }
  },
});
