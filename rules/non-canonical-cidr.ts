import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';

export default defineCheck({
  id: 'non-canonical-cidr',
  description: "An ipRange has host bits set; the rule really matches the whole network.",
  defaultSeverity: 'warning',
  tags: ['correctness', 'network'],
  securitySeverity: '4.0',
  precision: 'very-high',
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const group of model.groups) {
      for (const rule of group.rules) {
        for (const problem of rule.problems) {
          if (problem.kind === 'non-canonical-cidr') report({ rule, pointer: problem.pointer, message: problem.message });
        }
      }
    }
  },
});
