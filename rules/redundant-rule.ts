import { z } from 'zod';
import { ruleLabel } from '../src/analysis/describe.js';
import { defineCheck } from '../src/engine/check.js';

export default defineCheck({
  id: 'redundant-rule',
  description: 'A rule allows nothing that other rules of its group do not already allow.',
  defaultSeverity: 'warning',
  tags: ['maintainability', 'network'],
  securitySeverity: '2.0',
  precision: 'very-high',
  options: z.object({}).strict(),
  check({ model, analysis, report }) {
    for (const group of model.groups) {
      for (const { rule, coveredBy } of analysis.redundancy(group).redundant) {
        const names = coveredBy.map(ruleLabel);
        const message =
          coveredBy.length === 1
            ? `is covered by rule ${names[0]}; it allows nothing more`
            : `is covered by the union of ${coveredBy.length} rules (${names.join(', ')}); it allows nothing more`;
        report({ rule, related: coveredBy, message });
      }
    }
  },
});
