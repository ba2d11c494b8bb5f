import { z } from 'zod';
import { forEachProblem } from '../src/analysis/rule-problems.js';
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
    forEachProblem(model, 'non-canonical-cidr', (rule, problem) => {
      report({ rule, pointer: problem.pointer, message: problem.message });
    });
  },
});
