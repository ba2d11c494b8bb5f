import { z } from 'zod';
import { forEachProblem } from '../src/analysis/rule-problems.js';
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
    forEachProblem(model, 'ethertype-mismatch', (rule, problem) => {
      report({ rule, pointer: problem.pointer, message: problem.message });
    });
  },
});
