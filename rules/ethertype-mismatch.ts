import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';

export default defineCheck({
  id: 'ethertype-mismatch',
  description: "The family of a rule's ipRange differs from its ethertype.",
  defaultSeverity: 'error',
  tags: ['correctness', 'network'],
  securitySeverity: '6.0',
  precision: 'very-high',
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const group of model.groups) {
      for (const rule of group.rules) {
        for (const problem of rule.problems) {
          if (problem.kind === 'ethertype-mismatch') report({ rule, pointer: problem.pointer, message: problem.message });
        }
      }
    }
  },
});
